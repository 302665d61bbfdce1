"""Can the policy learn to refuse where the passages lack the answer when it is *told* where they
do? A capacity probe for docs/results.md "What limits it": an SFT set with gold-relevance targets in place of
the self-demo winners, the model trained on it, the refusal AUC and labels read on validation.

The set, written as fairseq2 JSONL from a finished run's mixture and self-demos (the training
prompt's passages judged by the run's lexical rules): where they hold the answer, the self-demo
winner if it is Correct, else "The answer is <gold>."; where they do not, the refusal reply. The
oasst instructions are left out (their reference answers are never in the passages). With
--counterfactual, every Present example comes a second time with its answer-bearing passages
removed, target the refusal: the same question both ways, the contrast in its purest form.

Usage, in a copy of a finished validation run (`train_data.validation_count` > 0):
  .venv/bin/python tests/benchmarks/presence_probe.py . [--counterfactual] > sft.jsonl
  mv sft.jsonl results/train/sft_self_demo/data.jsonl   # then raise training.num_steps, and
  .venv/bin/snakemake results/metrics/ndocs4/sft_self_demo/validation.json
  .venv/bin/python tests/benchmarks/refusal_separation.py . validation results/checkpoints/sft_self_demo/hf
  .venv/bin/python tests/benchmarks/presence_probe.py . --auc results/checkpoints/sft_self_demo/hf
The last prints the refusal AUC on the training questions themselves: did the model fit them?
"""

import argparse
import json
import sys
from pathlib import Path

import yaml
from refusal_separation import REFUSAL, report  # (puts workflow_scripts on sys.path)
from transformers import AutoTokenizer

from sdrait.eval_prompt import eval_conversation
from sdrait.io import read_jsonl
from sdrait.lexical import LexicalRules
from sdrait.training_sets import end_of_turn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workdir", type=Path)
    ap.add_argument("--counterfactual", action="store_true")
    ap.add_argument("--auc", nargs="+", metavar="MODEL_DIR", help="print the refusal AUC on the task questions")
    args = ap.parse_args()
    root = args.workdir
    cfg = yaml.safe_load((root / "config/config.yaml").read_text())
    rules, ndocs = LexicalRules.from_config(cfg["lexical"]), cfg["training_sets"]["ndocs"]
    system_prompt = cfg["generation"].get("system_prompt")
    records = [r for r in read_jsonl(root / "results/data/train/mixture.jsonl") if r["source"] != "oasst"]
    absent = [rules.record_relevance(r, ndocs) == "Absent" for r in records]
    if args.auc:
        for model_dir in args.auc:
            report(str(root / model_dir), records, absent, ndocs, system_prompt)
        return
    tok = AutoTokenizer.from_pretrained(root / "results/models" / cfg["policy"])
    eot = end_of_turn(tok)
    winners = {d["id"]: d["prediction"] for d in read_jsonl(root / "results/self_demos/self_demos.jsonl")}

    def row(record, target, suffix=""):
        src = tok.apply_chat_template(eval_conversation(record, ndocs, system_prompt),
                                      tokenize=False, add_generation_prompt=True)
        return {"id": record["id"] + suffix, "src": src, "tgt": target + eot}

    rows, extra = [], []
    for r, is_absent in zip(records, absent):
        if is_absent:
            rows.append(row(r, REFUSAL))
            continue
        winner = winners.get(r["id"])
        correct = winner is not None and rules.label(winner, r["answers"]) == "Correct"
        rows.append(row(r, winner if correct else f"The answer is {r['answers'][0]}."))
        if args.counterfactual:
            passages = [p for p in r["retrieved_support"] if not rules.supports(p["text"], r["answers"])]
            extra.append(row(dict(r, retrieved_support=passages), REFUSAL, "-cf"))
    for out in rows + extra:
        print(json.dumps(out))
    refusals = sum(o["tgt"] == REFUSAL + eot for o in rows + extra)
    print(f"{len(rows + extra)} rows, {refusals} refusal targets", file=sys.stderr)


if __name__ == "__main__":
    main()
