"""Rule summary: one table across strategies x eval sets (CSV and markdown)."""

import json

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.metrics import summary_row

runtime.setup(snakemake)
rows = []
for path in snakemake.input.metrics:
    with open(path) as f:
        m = json.load(f)
    rows.append(summary_row(m["strategy"], m["eval_set"], m))
table = pd.DataFrame(rows)
with atomic_open(snakemake.output.csv) as f:
    table.to_csv(f, index=False)
with atomic_open(snakemake.output.markdown) as f:
    f.write(table.to_markdown(index=False, floatfmt=".3f") + "\n")
