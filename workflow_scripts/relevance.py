"""Rule relevance: does the context (first `ndocs` passages) contain a gold answer? Present/Absent.

The lexical verdict is always written beside the judge's, so their agreement can be reported.
"""

import logging

from sdrait import runtime
from sdrait.io import load_qa, write_jsonl
from sdrait.judging import JudgeSettings, judge
from sdrait.lexical import LexicalRules
from sdrait.prompts import render, user_turn

LABELS = ["Present", "Absent"]

runtime.setup(snakemake)
ndocs, cfg = snakemake.params.ndocs, snakemake.params.judge
records = load_qa(snakemake.input.qa)
rules = LexicalRules.from_config(snakemake.params.lexical)
context = [" ".join(p["text"] for p in r["retrieved_support"][:ndocs]) for r in records]
lexical = [rules.relevance(c, r["answers"]) for c, r in zip(context, records)]

if cfg["backend"] == "lexical":
    verdicts = [{"label": lab, "reasoning": None, "method": "lexical", "attempts": 0} for lab in lexical]
else:
    from sdrait.backends import load_llm

    llm = load_llm(cfg["model_config"], cfg["model_path"], threads=snakemake.threads)
    conversations = [user_turn(render("relevance_judge.j2", question=r["question"], answers=r["answers"],
                                      passages=r["retrieved_support"][:ndocs])) for r in records]
    verdicts = judge(llm, conversations, LABELS, JudgeSettings.from_config(cfg))

write_jsonl(snakemake.output.relevance, (
    {"id": r["id"], "relevance": v["label"], "reasoning": v["reasoning"], "method": v["method"],
     "attempts": v["attempts"], "lexical_relevance": lex,
     # fewer passages than ndocs is allowed (the prompt uses what exists) and counted in the metrics
     "n_passages": len(r["retrieved_support"][:ndocs])}
    for r, v, lex in zip(records, verdicts, lexical)
))
logging.info("relevance: %d present, %d absent, %d unparsed",
             *(sum(v["label"] == k for v in verdicts) for k in ("Present", "Absent", "unparsed")))
