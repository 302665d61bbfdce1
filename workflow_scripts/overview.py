"""Rule overview: the report's front page as one HTML fragment: the by-relevance headline table
(the recipe's effect), its figure with the PNG inlined, then the overall label table."""

import base64

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.tables import html_fragment

runtime.setup(snakemake)
headline = pd.read_csv(snakemake.input.headline)
table = pd.read_csv(snakemake.input.table)
with open(snakemake.input.plot, "rb") as f:
    png = base64.b64encode(f.read()).decode()
with atomic_open(snakemake.output.html) as f:
    f.write(f'<div class="sdrait-overview">'
            f'{headline.to_html(index=False, float_format="{:.3f}".format, na_rep="–", border=0, classes="summary-table")}\n'
            f'<img alt="answer labels by relevance per strategy and eval set" style="max-width:100%" '
            f'src="data:image/png;base64,{png}"/>\n<h3>All answers</h3>{html_fragment(table)}</div>\n')
