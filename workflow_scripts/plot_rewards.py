"""Rule plot_rewards: the distribution of reward scores per strategy and eval set."""

from pathlib import Path

from sdrait import plots, runtime
from sdrait.io import read_jsonl

runtime.setup(snakemake)
rewards, sources = {}, set()
for path in map(Path, snakemake.input.rewards):
    rows = read_jsonl(path)
    # unrated responses (reward None) are counted in the metrics, not drawn
    rewards[(path.parent.name, path.stem)] = [r["reward"] for r in rows if r["reward"] is not None]
    sources.update(r["reward_source"] for r in rows)
fig = plots.reward_boxes(rewards, snakemake.params.strategies, snakemake.params.eval_sets, ", ".join(sorted(sources)))
plots.save(fig, snakemake.output.png, snakemake.output.svg)
