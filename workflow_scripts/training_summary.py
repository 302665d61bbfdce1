"""Rule training_summary: what every training run started from, and its first and last published
step (loss, DPO log-probabilities and implied reward margin), as CSV and markdown."""

from pathlib import Path

import pandas as pd

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.training import curve, read_metrics

runtime.setup(snakemake)
rows = []
for path in snakemake.input.metrics:
    points = curve(read_metrics(path))
    kind = Path(path).parent.name
    for label, point in (("first", points[0]), ("last", points[-1])):
        rows.append({"training_set": kind, "started_from": snakemake.params.starts[kind], "point": label, **point})
table = pd.DataFrame(rows)
with atomic_open(snakemake.output.csv) as f:
    table.to_csv(f, index=False)
with atomic_open(snakemake.output.markdown) as f:
    f.write(table.to_markdown(index=False, floatfmt=".4f") + "\n")
