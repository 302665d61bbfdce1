"""Paper-style figures (matplotlib, headless): every function draws one figure from plain data
and `save` writes it as PNG and SVG under temporary names first."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .tables import setting  # noqa: E402

LABEL_COLORS = {"correct": "#2e7d32", "incorrect": "#c62828", "refuse": "#9e9e9e", "unparsed": "#ffcc80"}


def save(fig, png: str | os.PathLike, svg: str | os.PathLike) -> None:
    for path, fmt in ((Path(png), "png"), (Path(svg), "svg")):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        fig.savefig(tmp, format=fmt, dpi=110, bbox_inches="tight")
        os.replace(tmp, path)
    plt.close(fig)


def _stacked(ax, strategies: list[str], shares: dict[str, list[float]], title: str) -> None:
    bottom = [0.0] * len(strategies)
    for label, values in shares.items():
        ax.bar(strategies, values, bottom=bottom, color=LABEL_COLORS[label], label=label)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_title(title, fontsize=10)
    ax.set_ylim(0, 1)
    ax.tick_params(axis="x", rotation=30, labelsize=8)


def _shares(counts: dict, n: int) -> dict[str, float]:
    return {label: (counts[label.capitalize() if label != "unparsed" else label] / n if n else 0.0)
            for label in LABEL_COLORS}


def label_bars(metrics: list[dict], strategies: list[str], eval_sets: list[str], ndocs: list[int],
               split: str | None = None):
    """Stacked correct/incorrect/refuse shares per strategy, one panel per eval set, one row of
    panels per ndocs setting; with `split="relevance"` a row for Present and one for Absent per
    setting (give RAG settings only: closed-book has no relevance)."""
    by_key = {(m["ndocs"], m["strategy"], m["eval_set"]): m for m in metrics}
    rows = [(n, rel) for n in ndocs for rel in (["present", "absent"] if split == "relevance" else [None])]
    if not rows:  # generation.ndocs has no RAG setting: nothing to split by relevance
        fig, ax = plt.subplots(figsize=(4, 1))
        ax.axis("off")
        ax.text(0, 0.5, "no RAG setting (generation.ndocs > 0): no relevance split", fontsize=9)
        return fig
    fig, axes = plt.subplots(len(rows), len(eval_sets), figsize=(3.2 * len(eval_sets), 3.2 * len(rows)),
                             sharey=True, squeeze=False)
    for r, (n, rel) in enumerate(rows):
        for c, eval_set in enumerate(eval_sets):
            parts = [by_key[(n, s, eval_set)] if rel is None else by_key[(n, s, eval_set)]["by_relevance"][rel]
                     for s in strategies]
            shares = [_shares(p["counts"], p["n"]) for p in parts]
            title = f"{eval_set}, {setting(n)}" + ("" if rel is None else f" | context {rel}")
            _stacked(axes[r][c], strategies, {k: [s[k] for s in shares] for k in LABEL_COLORS}, title)
        axes[r][0].set_ylabel("share of answers")
    axes[0][-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
    fig.tight_layout()
    return fig


def label_bars_by_ndocs(metrics: list[dict], strategies: list[str], eval_sets: list[str], ndocs: list[int]):
    """Stacked correct/incorrect/refuse shares per strategy, pooled over `eval_sets` (each weighs
    equally), one panel per ndocs setting: with and without retrieval side by side."""
    by_key = {(m["ndocs"], m["strategy"], m["eval_set"]): m for m in metrics}
    fig, axes = plt.subplots(1, len(ndocs), figsize=(3.6 * len(ndocs), 3.4), sharey=True, squeeze=False)
    for c, n in enumerate(ndocs):
        shares = [[_shares(by_key[(n, s, e)]["counts"], by_key[(n, s, e)]["n"]) for e in eval_sets]
                  for s in strategies]
        mean = {k: [sum(per_set[k] for per_set in row) / len(eval_sets) for row in shares] for k in LABEL_COLORS}
        _stacked(axes[0][c], strategies, mean, setting(n))
    axes[0][0].set_ylabel("share of answers, average over eval sets")
    axes[0][-1].legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
    fig.tight_layout()
    return fig


def reward_boxes(rewards: dict[tuple[int, str, str], list[float]], strategies: list[str], eval_sets: list[str],
                 ndocs: list[int], source: str):
    """Reward distributions per strategy: one panel per eval set, one row per ndocs setting."""
    fig, axes = plt.subplots(len(ndocs), len(eval_sets), figsize=(3.2 * len(eval_sets), 3.2 * len(ndocs)),
                             sharey=True, squeeze=False)
    for r, n in enumerate(ndocs):
        for c, eval_set in enumerate(eval_sets):
            ax = axes[r][c]
            data = [rewards.get((n, s, eval_set), []) for s in strategies]
            ax.boxplot(data, showmeans=True)
            ax.set_xticks(range(1, len(strategies) + 1), strategies, rotation=30, fontsize=8)
            ax.set_title(f"{eval_set}, {setting(n)}", fontsize=10)
        axes[r][0].set_ylabel(f"reward ({source})")
    fig.tight_layout()
    return fig


def training_curves(curves: dict[str, list[dict]]):
    """DPO: loss, chosen/rejected log-probs, implied reward margin; SFT sets: their NLL."""
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.2))
    dpo = curves.get("dpo", [])
    steps = [p["step"] for p in dpo]
    axes[0].plot(steps, [p["loss"] for p in dpo], marker="o")
    axes[0].set_title("DPO loss", fontsize=10)
    axes[1].plot(steps, [p["chosen_logp"] for p in dpo], marker="o", label="chosen", color=LABEL_COLORS["correct"])
    axes[1].plot(steps, [p["rejected_logp"] for p in dpo], marker="o", label="rejected",
                 color=LABEL_COLORS["incorrect"])
    axes[1].set_title("DPO log-probabilities", fontsize=10)
    axes[1].legend(fontsize=8)
    axes[2].plot(steps, [p["reward_margin"] for p in dpo], marker="o")
    axes[2].axhline(0, color="#999", lw=0.8)
    axes[2].set_title("DPO implied reward margin", fontsize=10)
    for kind, points in curves.items():
        if kind != "dpo":
            axes[3].plot([p["step"] for p in points], [p["loss"] for p in points], marker="o", label=kind)
    axes[3].set_title("SFT loss (NLL)", fontsize=10)
    if len(curves) > ("dpo" in curves):
        axes[3].legend(fontsize=8)
    for ax in axes:
        ax.set_xlabel("step")
        if not ax.lines:
            ax.text(0.5, 0.5, "not trained", ha="center", va="center", transform=ax.transAxes, color="#999")
    fig.tight_layout()
    return fig


def prompt_search(steps: dict[str, list[dict]]):
    """Judge score of every candidate prompt per beam-search step, and the best kept so far."""
    fig, axes = plt.subplots(1, len(steps), figsize=(4.5 * len(steps), 3.2), sharey=True, squeeze=False)
    for ax, (name, rows) in zip(axes[0], steps.items()):
        ax.scatter([r["step"] for r in rows], [r["score"] for r in rows], s=14, color="#90a4ae", label="candidate")
        best, line = float("-inf"), []
        for step in sorted({r["step"] for r in rows}):
            best = max([best, *(r["score"] for r in rows if r["step"] == step and r["kept"])])
            line.append((step, best))
        ax.plot(*zip(*line), marker="o", color="#1565c0", label="best kept")
        ax.set_title(f"{name} prompts", fontsize=10)
        ax.set_xlabel("step")
    axes[0][0].set_ylabel("judge score")
    axes[0][-1].legend(fontsize=8)
    fig.tight_layout()
    return fig


def self_demo_winners(summary: dict):
    """Which prompt's candidate won each tournament, and how many examples had no winner."""
    winners = dict(sorted(summary["winner_strategies"].items()))
    dropped = {f"dropped: {k}": v for k, v in sorted(summary["dropped"].items())}
    names, counts = [*winners, *dropped], [*winners.values(), *dropped.values()]
    colors = ["#9e9e9e" if n.startswith("refusal") else "#1565c0" for n in winners] + ["#ffcc80"] * len(dropped)
    fig, ax = plt.subplots(figsize=(max(4.0, 0.7 * len(names) + 1), 3.2))
    ax.bar(names, counts, color=colors)
    ax.set_ylabel("examples")
    ax.set_title(f"self-demo tournament winners ({summary['kept']} kept of {summary['examples']})", fontsize=10)
    ax.tick_params(axis="x", rotation=30, labelsize=8)
    fig.tight_layout()
    return fig
