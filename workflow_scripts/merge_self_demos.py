"""Rule merge_self_demos: shards -> one self-demo file (examples with a winner) and its summary."""

import json
import logging

from sdrait import runtime
from sdrait.io import read_jsonl, write_json, write_jsonl
from sdrait.lexical import LexicalRules
from sdrait.self_demos import summarize

runtime.setup(snakemake)
order = {r["id"]: i for i, r in enumerate(read_jsonl(snakemake.input.mixture))}
rows = sorted((row for path in snakemake.input.shards for row in read_jsonl(path)), key=lambda r: order[r["id"]])
if [r["id"] for r in rows] != list(order):
    raise RuntimeError("self-demo shards do not cover the training mixture exactly once")
summary = summarize(rows, LexicalRules.from_config(snakemake.params.lexical), snakemake.params.judge_ndocs)
write_jsonl(snakemake.output.demos, (r for r in rows if r["prediction"] is not None))
write_json(snakemake.output.summary, summary)
logging.info("self-demos: %s", json.dumps(summary))
