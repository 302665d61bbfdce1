"""Rule training_summary: what every training run started from, the dtype it trained in (what
`auto` became on its machine), and its first and last published step (loss, DPO log-probabilities
and implied reward margin), as CSV and markdown."""

from pathlib import Path

import pandas as pd
import yaml

from sdrait import runtime
from sdrait.io import atomic_open
from sdrait.training import curve, read_metrics

runtime.setup(snakemake)
rows = []
for path, recipe in zip(snakemake.input.metrics, snakemake.input.recipes):
    points = curve(read_metrics(path))
    kind = Path(path).parent.name
    trainer = yaml.safe_load(Path(recipe).read_text())["trainer"]["_set_"]
    run = {"training_set": kind, "started_from": snakemake.params.starts[kind], "dtype": trainer["dtype"],
           "mixed_precision": trainer["mixed_precision"] or "none"}
    for label, point in (("first", points[0]), ("last", points[-1])):
        rows.append({**run, "point": label, **point})
table = pd.DataFrame(rows)
with atomic_open(snakemake.output.csv) as f:
    table.to_csv(f, index=False)
with atomic_open(snakemake.output.markdown) as f:
    f.write(table.to_markdown(index=False, floatfmt=".4f") + "\n")
