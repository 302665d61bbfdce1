"""Rule relevance: does the context (first `ndocs` passages) contain a gold answer? Present/Absent,
for every eval set and RAG setting in one judge call.

The lexical verdict is always written beside the judge's, so their agreement can be reported.
"""

import logging

from sdrait import runtime
from sdrait.io import load_eval_grid, split_like, write_jsonl
from sdrait.judging import JudgeSettings, judge
from sdrait.lexical import LexicalRules
from sdrait.prompts import render, user_turn

LABELS = ["Present", "Absent"]

runtime.setup(snakemake)
cfg = snakemake.params.judge
grid = [(ndocs, rows) for ndocs, _, rows in load_eval_grid(snakemake.input.qa, snakemake.params.grid)]
items = [(ndocs, r) for ndocs, rows in grid for r in rows]
rules = LexicalRules.from_config(snakemake.params.lexical)
lexical = [rules.relevance(" ".join(p["text"] for p in r["retrieved_support"][:ndocs]), r["answers"])
           for ndocs, r in items]

if cfg["backend"] == "lexical":
    verdicts = [{"label": lab, "reasoning": None, "method": "lexical", "attempts": 0} for lab in lexical]
else:
    from sdrait.backends import load_llm

    llm = load_llm(cfg["model_config"], cfg["model_path"])
    conversations = [user_turn(render("relevance_judge.j2", question=r["question"], answers=r["answers"],
                                      passages=r["retrieved_support"][:ndocs])) for ndocs, r in items]
    verdicts = judge(llm, conversations, LABELS, JudgeSettings.from_config(cfg))

groups = [rows for _, rows in grid]
for (ndocs, rows), file_verdicts, file_lexical, path in zip(grid, split_like(verdicts, groups),
                                                            split_like(lexical, groups),
                                                            snakemake.output.relevance, strict=True):
    write_jsonl(path, (
        {"id": r["id"], "relevance": v["label"], "reasoning": v["reasoning"], "method": v["method"],
         "attempts": v["attempts"], "lexical_relevance": lex,
         # fewer passages than ndocs is allowed (the prompt uses what exists) and counted in the metrics
         "n_passages": len(r["retrieved_support"][:ndocs])}
        for r, v, lex in zip(rows, file_verdicts, file_lexical)
    ))
    logging.info("%s: %d present, %d absent, %d unparsed", path,
                 *(sum(v["label"] == k for v in file_verdicts) for k in ("Present", "Absent", "unparsed")))
