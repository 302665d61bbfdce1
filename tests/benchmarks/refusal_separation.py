"""Does a model's probability of refusing tell, before it writes anything, whether the passages
hold the answer? For each record of an eval set of a finished run: the summed log-probability of
the refusal reply after the eval-time RAG prompt, then the AUC of Absent records scoring above
Present ones (relevance as the run judged it). 0.5: the model cannot tell them apart; selective
refusal needs it well above. A diagnostic for docs/results.md "What limits it", printed, not asserted.

Usage: .venv/bin/python tests/benchmarks/refusal_separation.py WORKDIR EVAL_SET MODEL_DIR...
  e.g. . validation results/models/smollm2 results/checkpoints/dpo/hf
"""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "workflow_scripts"))

import torch  # noqa: E402
import yaml  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from sdrait.eval_prompt import eval_conversation  # noqa: E402
from sdrait.io import read_jsonl  # noqa: E402
from sdrait.training_sets import end_of_turn  # noqa: E402

REFUSAL = "I cannot answer the question from the passages."


def reply_logps(model_dir: str, prompts: list[list[int]], replies: list[list[int]], batch_size: int = 8) -> list[float]:
    """The summed log-probability of each reply's tokens after its prompt's (token ids)."""
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    pad = AutoTokenizer.from_pretrained(model_dir).pad_token_id or 0
    # Longest first: rows of a batch have similar lengths, so little compute goes to padding.
    order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]) - len(replies[i]))
    scores = [0.0] * len(prompts)
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        rows = [prompts[i] + replies[i] for i in idx]
        width = max(map(len, rows))
        ids = torch.tensor([[pad] * (width - len(r)) + r for r in rows])  # left-padded
        mask = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in rows])
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        with torch.inference_mode():
            logits = model(input_ids=ids, attention_mask=mask, position_ids=positions).logits[:, :-1]
        logp = torch.log_softmax(logits.float(), -1)
        token_logp = logp.gather(2, ids[:, 1:, None])[..., 0]
        for row, i in enumerate(idx):
            scores[i] = token_logp[row, width - 1 - len(replies[i]):].sum().item()
    return scores


def refusal_logps(model_dir: str, records: list[dict], ndocs: int, system_prompt) -> list[float]:
    tok = AutoTokenizer.from_pretrained(model_dir)
    reply = tok(REFUSAL + end_of_turn(tok), add_special_tokens=False).input_ids
    prompts = [tok(tok.apply_chat_template(eval_conversation(r, ndocs, system_prompt), tokenize=False,
                                           add_generation_prompt=True), add_special_tokens=False).input_ids
               for r in records]
    return reply_logps(model_dir, prompts, [reply] * len(prompts))


def report(model_dir: str, records: list[dict], absent: list[bool], ndocs: int, system_prompt) -> None:
    """Print the mean refusal log-p of Present and Absent records and the AUC of Absent above Present."""
    scores = refusal_logps(model_dir, records, ndocs, system_prompt)
    yes = [s for s, a in zip(scores, absent) if a]
    no = [s for s, a in zip(scores, absent) if not a]
    auc = sum((a > p) + 0.5 * (a == p) for a in yes for p in no) / (len(yes) * len(no))
    print(f"{model_dir}: refusal log-p present {sum(no) / len(no):.2f} absent "
          f"{sum(yes) / len(yes):.2f}  AUC(absent > present) {auc:.3f}  (n {len(no)}/{len(yes)})")


def main(workdir: str, eval_set: str, *model_dirs: str) -> None:
    work = Path(workdir)
    cfg = yaml.safe_load((work / "config" / "config.yaml").read_text())
    ndocs = next(n for n in cfg["generation"]["ndocs"] if n > 0)
    judge = cfg["judges"]["relevance"]["backend"]
    records = read_jsonl(work / "results" / "data" / "eval" / f"{eval_set}.jsonl")
    judged = read_jsonl(work / "results" / "relevance" / judge / f"ndocs{ndocs}" / f"{eval_set}.jsonl")
    relevance = {r["id"]: r["relevance"] for r in judged}
    absent = [relevance[r["id"]] == "Absent" for r in records]
    for model_dir in model_dirs:
        report(str(work / model_dir), records, absent, ndocs, cfg["generation"].get("system_prompt"))


if __name__ == "__main__":
    main(*sys.argv[1:])
