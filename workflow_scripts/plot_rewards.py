"""Rule plot_rewards: the distribution of reward scores per strategy, eval set and ndocs setting."""

from pathlib import Path

from sdrait import plots, runtime
from sdrait.io import read_jsonl

runtime.setup(snakemake)
rewards, sources = {}, set()
for path in map(Path, snakemake.input.rewards):  # results/reward/ndocs<n>/<strategy>/<eval_set>.jsonl
    rows = read_jsonl(path)
    # unrated responses (reward None) are counted in the metrics, not drawn
    ndocs = int(path.parent.parent.name.removeprefix("ndocs"))
    rewards[(ndocs, path.parent.name, path.stem)] = [r["reward"] for r in rows if r["reward"] is not None]
    sources.update(r["reward_source"] for r in rows)
p = snakemake.params
fig = plots.reward_boxes(rewards, p.strategies, p.eval_sets, p.ndocs, ", ".join(sorted(sources)))
plots.save(fig, snakemake.output.png, snakemake.output.svg)
