"""Rule plot_labels: stacked correct/incorrect/refuse bars per strategy and eval set, overall (a row
per ndocs setting) and split by relevance (RAG settings), and with vs without retrieval."""

import json

from sdrait import plots, runtime

runtime.setup(snakemake)
metrics = []
for path in snakemake.input.metrics:
    with open(path) as f:
        metrics.append(json.load(f))
p, out = snakemake.params, snakemake.output
rag = [n for n in p.ndocs if n]
plots.save(plots.label_bars(metrics, p.strategies, p.eval_sets, p.ndocs), out.png, out.svg)
plots.save(plots.label_bars(metrics, p.strategies, p.eval_sets, rag, split="relevance"), out.relevance_png,
           out.relevance_svg)
plots.save(plots.label_bars_by_ndocs(metrics, p.strategies, p.averaged, p.ndocs), out.ndocs_png, out.ndocs_svg)
