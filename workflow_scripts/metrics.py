"""Rule metrics: rates of one strategy on one eval set, overall and split by relevance."""

from sdrait import runtime
from sdrait.io import read_jsonl, write_json
from sdrait.metrics import compute

runtime.setup(snakemake)
relevance = {row["id"]: row["relevance"] for row in read_jsonl(snakemake.input.relevance)}
m = compute(read_jsonl(snakemake.input.labels), relevance)
m.update(strategy=snakemake.wildcards.strategy, eval_set=snakemake.wildcards.eval_set,
         relevance_judge=snakemake.params.relevance_judge, labels_judge=snakemake.params.labels_judge)
write_json(snakemake.output.metrics, m)
