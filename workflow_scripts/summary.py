"""Rule summary: every number in one long CSV and one wide CSV, and a paper-style table per metric
family (strategies x eval sets + average) as CSV, markdown and HTML."""

import json

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.metrics import summary_row
from sdrait.tables import FAMILIES, family_table, headline_table, long_format, to_html, to_markdown

runtime.setup(snakemake)
strategies, eval_sets, held_out = snakemake.params.strategies, snakemake.params.eval_sets, snakemake.params.held_out
rows = []
for path in snakemake.input.metrics:
    with open(path) as f:
        m = json.load(f)
    rows.append(summary_row(m["strategy"], m["eval_set"], m))
wide = pd.DataFrame(rows)
with atomic_open(snakemake.output.wide) as f:
    wide.to_csv(f, index=False)
with atomic_open(snakemake.output.long) as f:
    long_format(wide).to_csv(f, index=False)
for family in FAMILIES:
    table = family_table(wide, family, strategies, eval_sets, held_out)
    title = snakemake.params.titles[family]
    with atomic_open(snakemake.output[f"{family}_csv"]) as f:
        table.to_csv(f, index=False)
    with atomic_open(snakemake.output[f"{family}_md"]) as f:
        f.write(to_markdown(table, title))
    with atomic_open(snakemake.output[f"{family}_html"]) as f:
        f.write(to_html(table, title))

headline = headline_table(wide, strategies, eval_sets)
title = snakemake.params.headline_title
with atomic_open(snakemake.output.headline_csv) as f:
    headline.to_csv(f, index=False)
with atomic_open(snakemake.output.headline_md) as f:
    md = headline.rename(columns=lambda c: c.replace("|", "\\|"))  # a bare | would split the column
    f.write(f"## {title}\n\n{md.to_markdown(index=False, floatfmt='.3f', missingval='–')}\n")
