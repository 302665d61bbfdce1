"""Rule metrics: rates of one strategy on one eval set under one ndocs setting, overall and (with
passages) split by relevance."""

from sdrait import runtime
from sdrait.io import read_jsonl, write_json
from sdrait.metrics import compute

runtime.setup(snakemake)
ndocs = snakemake.params.ndocs
relevance_rows = read_jsonl(snakemake.input.relevance) if ndocs else None  # closed-book: no context
relevance = None if relevance_rows is None else {row["id"]: row["relevance"] for row in relevance_rows}
reward_rows = read_jsonl(snakemake.input.reward) if snakemake.input.get("reward") else None  # reward.backend: none
rewards = None if reward_rows is None else {(r["id"], r["sample"]): r["reward"] for r in reward_rows}
sources = {r["reward_source"] for r in reward_rows or []}
m = compute(read_jsonl(snakemake.input.labels), relevance, rewards, ", ".join(sorted(sources)),
            passages=None if relevance_rows is None else {row["id"]: row["n_passages"] for row in relevance_rows},
            ndocs=ndocs)
m.update(strategy=snakemake.wildcards.strategy, eval_set=snakemake.wildcards.eval_set, ndocs=ndocs,
         relevance_judge=snakemake.params.relevance_judge, labels_judge=snakemake.params.labels_judge)
write_json(snakemake.output.metrics, m)
