"""Rule labels: Correct / Incorrect / Refuse for every prediction sample of one strategy (every
eval set and ndocs setting, one judge call), reasoning saved beside.

The lexical label is always written beside the judge's, so their agreement can be reported.
"""

import logging
from collections import Counter

from sdrait import runtime
from sdrait.io import read_prediction_samples, split_like, write_jsonl
from sdrait.judging import JudgeSettings, judge
from sdrait.lexical import LexicalRules
from sdrait.metrics import LABELS
from sdrait.prompts import render, user_turn

runtime.setup(snakemake)
cfg = snakemake.params.judge
rules = LexicalRules.from_config(snakemake.params.lexical)
files = read_prediction_samples(snakemake.input.predictions)
items = [item for file in files for item in file]
lexical = [rules.label(pred, row["answers"]) for row, _, pred in items]

if cfg["backend"] == "lexical":
    verdicts = [{"label": lab, "reasoning": None, "method": "lexical", "attempts": 0} for lab in lexical]
else:
    from sdrait.backends import load_llm

    llm = load_llm(cfg["model_config"], cfg["model_path"])
    conversations = [user_turn(render("label_judge.j2", question=row["question"], answers=row["answers"],
                                      prediction=pred)) for row, _, pred in items]
    verdicts = judge(llm, conversations, list(LABELS), JudgeSettings.from_config(cfg))

for file, file_verdicts, file_lexical, path in zip(files, split_like(verdicts, files), split_like(lexical, files),
                                                   snakemake.output.labels, strict=True):
    write_jsonl(path, (
        {"id": row["id"], "sample": k, "prediction": pred, "label": v["label"], "reasoning": v["reasoning"],
         "method": v["method"], "attempts": v["attempts"], "lexical_label": lex}
        for (row, k, pred), v, lex in zip(file, file_verdicts, file_lexical)
    ))
    logging.info("%s: %s", path, dict(Counter(v["label"] for v in file_verdicts)))
