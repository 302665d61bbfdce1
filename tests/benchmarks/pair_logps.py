"""Did DPO raise the chosen side of its pairs and lower the rejected side? fairseq2's per-step
log-probabilities are of each step's own batch, different pairs every step; this scores every pair
of a DPO training set under each model given, so the numbers compare (the start model first, e.g.
the SFT checkpoint DPO started from, then the DPO checkpoint). A diagnostic, printed, not asserted.

Usage: .venv/bin/python tests/benchmarks/pair_logps.py PAIRS_JSONL MODEL_DIR...
  e.g. results/train/dpo/data.jsonl results/checkpoints/sft_self_demo/hf results/checkpoints/dpo/hf
"""

import sys

from refusal_separation import reply_logps  # (puts workflow_scripts on sys.path)
from transformers import AutoTokenizer

from sdrait.io import read_jsonl


def main(pairs: str, *model_dirs: str) -> None:
    rows = read_jsonl(pairs)
    for model_dir in model_dirs:
        tok = AutoTokenizer.from_pretrained(model_dir)
        # `src` is chat-rendered, targets end with the end-of-turn token (as fairseq2 reads them)
        prompts = [tok(r["src"], add_special_tokens=False).input_ids for r in rows]
        replies = [tok(r[side], add_special_tokens=False).input_ids
                   for side in ("tgt_chosen", "tgt_rejected") for r in rows]
        # both sides in one call: the model loads once
        scores = reply_logps(model_dir, prompts + prompts, replies)
        chosen, rejected = scores[:len(rows)], scores[len(rows):]
        print(f"{model_dir}: {len(rows)} pairs, mean summed log-p chosen {sum(chosen) / len(rows):.2f} "
              f"rejected {sum(rejected) / len(rows):.2f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
