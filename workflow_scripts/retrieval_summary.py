"""Rule retrieval_summary: recall@n of every retrieved question set (the share of the questions it
retrieved for whose first n passages hold a gold answer, as the lexical relevance judge sees it:
DPR's top-n accuracy), as CSV, markdown and HTML. It reads the converted sets, which keep the
records' order and carry the normalized `answers`."""

import json
from pathlib import Path

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open, read_jsonl
from sdrait.lexical import LexicalRules
from sdrait.tables import html_page

TITLE = "Retrieval: recall@n (share of questions with a gold answer in their top n passages)"

runtime.setup(snakemake)
rules = LexicalRules.from_config(snakemake.params.lexical)
rows = []
for stats_path, qa_path in zip(snakemake.input.stats, snakemake.input.qa):
    stats, records = json.loads(Path(stats_path).read_text()), read_jsonl(qa_path)
    retrieved = [records[i] for i in stats.pop("retrieved_positions")]
    row = {"set": f"{Path(qa_path).parent.name}/{Path(qa_path).stem}", **stats}
    for n in sorted({1, *snakemake.params.cutoffs, stats["k"]}):
        hits = [rules.record_relevance(r, n) == "Present" for r in retrieved]
        row[f"recall@{n}"] = sum(hits) / len(hits) if hits else None
    rows.append(row)
table = pd.DataFrame(rows)
shown = table.astype(object).where(table.notna(), None)  # sets that brought their passages: no recall
with atomic_open(snakemake.output.csv) as f:
    table.to_csv(f, index=False)
with atomic_open(snakemake.output.md) as f:
    f.write(f"## {TITLE}\n\n{shown.to_markdown(index=False, floatfmt='.3f', missingval='–')}\n")
with atomic_open(snakemake.output.html) as f:
    f.write(html_page(TITLE, table.to_html(index=False, float_format="{:.3f}".format, na_rep="–", border=0,
                                           classes="summary-table")))
