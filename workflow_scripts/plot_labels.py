"""Rule plot_labels: stacked correct/incorrect/refuse bars per strategy and eval set, overall and
split by relevance."""

import json

from sdrait import plots, runtime

runtime.setup(snakemake)
metrics = []
for path in snakemake.input.metrics:
    with open(path) as f:
        metrics.append(json.load(f))
strategies, eval_sets = snakemake.params.strategies, snakemake.params.eval_sets
out = snakemake.output
plots.save(plots.label_bars(metrics, strategies, eval_sets), out.png, out.svg)
plots.save(plots.label_bars(metrics, strategies, eval_sets, split="relevance"), out.relevance_png,
           out.relevance_svg)
