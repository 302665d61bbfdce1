"""Rule retrieval_summary: recall@n of every retrieved question set, as CSV, markdown and HTML."""

import json
from pathlib import Path

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.tables import html_page

TITLE = "Retrieval: recall@n (share of questions with a gold answer in their top n passages)"

runtime.setup(snakemake)
rows = []
for path in map(Path, snakemake.input.stats):
    rows.append({"set": f"{path.parent.name}/{path.name.removesuffix('.stats.json')}", **json.loads(path.read_text())})
table = pd.DataFrame(rows)
shown = table.astype(object).where(table.notna(), None)  # sets that brought their passages: no recall
with atomic_open(snakemake.output.csv) as f:
    table.to_csv(f, index=False)
with atomic_open(snakemake.output.md) as f:
    f.write(f"## {TITLE}\n\n{shown.to_markdown(index=False, floatfmt='.3f', missingval='–')}\n")
with atomic_open(snakemake.output.html) as f:
    f.write(html_page(TITLE, table.to_html(index=False, float_format="{:.3f}".format, na_rep="–", border=0,
                                           classes="summary-table")))
