"""Rule overview: the answer-label table and its figure as one HTML fragment with the PNG
inlined, for the report's front page."""

import base64

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.tables import html_fragment

runtime.setup(snakemake)
table = pd.read_csv(snakemake.input.table)
with open(snakemake.input.plot, "rb") as f:
    png = base64.b64encode(f.read()).decode()
with atomic_open(snakemake.output.html) as f:
    f.write(f'<div class="sdrait-overview">{html_fragment(table)}\n'
            f'<img alt="answer labels per strategy and eval set" style="max-width:100%" '
            f'src="data:image/png;base64,{png}"/></div>\n')
