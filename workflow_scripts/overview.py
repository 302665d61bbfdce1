"""Rule overview: the report's front page as one HTML fragment: the by-relevance headline table
(the recipe's effect), its figure, the with/without-retrieval figure (PNGs inlined), then the
label table per ndocs setting."""

import base64

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.tables import html_fragment

runtime.setup(snakemake)
headline = pd.read_csv(snakemake.input.headline)
table = pd.read_csv(snakemake.input.table)


def inline(path, alt):
    with open(path, "rb") as f:
        png = base64.b64encode(f.read()).decode()
    return f'<img alt="{alt}" style="max-width:100%" src="data:image/png;base64,{png}"/>\n'


with atomic_open(snakemake.output.html) as f:
    f.write(f'<div class="sdrait-overview">'
            f'{headline.to_html(index=False, float_format="{:.3f}".format, na_rep="–", border=0, classes="summary-table")}\n'
            f'{inline(snakemake.input.plot, "answer labels by relevance per strategy and eval set")}'
            f'<h3>With and without retrieval</h3>'
            f'{inline(snakemake.input.ndocs_plot, "answer labels per strategy with and without retrieval")}'
            f'<h3>All answers</h3>{html_fragment(table)}</div>\n')
