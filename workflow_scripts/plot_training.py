"""Rule plot_training: DPO loss, chosen/rejected log-probabilities and implied reward margin per
step, and the SFT losses."""

from pathlib import Path

from sdrait import plots, runtime
from sdrait.training import curve, read_metrics

runtime.setup(snakemake)
curves = {Path(path).parent.name: curve(read_metrics(path)) for path in snakemake.input.metrics}
plots.save(plots.training_curves(curves), snakemake.output.png, snakemake.output.svg)
