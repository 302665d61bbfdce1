"""Paper-style tables: one per metric family, strategies x eval sets plus their average."""

from __future__ import annotations

import html

import pandas as pd

# family -> metrics (columns of sdrait.metrics.summary_row), in the order the tables show them
FAMILIES = {
    "labels": ("correct", "incorrect", "refuse"),
    "relevance": ("correct|present", "refuse|present", "refuse|absent", "incorrect|absent", "selectivity",
                  "incorrect|present", "correct|absent"),
    "reward": ("reward_mean", "reward_median", "reward|correct", "reward|incorrect", "reward|refuse",
               "reward|present", "reward|absent"),
}
# one value per row that says where the numbers come from, kept beside every number
PROVENANCE = ("relevance_judge", "labels_judge", "reward_source")


def long_format(wide: pd.DataFrame) -> pd.DataFrame:
    """Every number of the wide summary as (strategy, eval_set, ndocs, metric, value) rows."""
    ids = ["strategy", "eval_set", "ndocs", *[c for c in PROVENANCE if c in wide]]
    values = [c for c in wide.columns if c not in ids]
    return wide.melt(id_vars=ids, value_vars=values, var_name="metric", value_name="value")[
        ["strategy", "eval_set", "ndocs", "metric", "value", *ids[3:]]
    ]


def setting(ndocs: int) -> str:
    """How a table or figure names an ndocs setting."""
    return f"ndocs {ndocs}" if ndocs else "ndocs 0 (closed-book)"


# The headline: what the recipe should change, by whether the passages hold the answer.
HEADLINE = ("correct|present", "refuse|present", "refuse|absent", "incorrect|absent", "selectivity")


def family_table(wide: pd.DataFrame, family: str, strategies: list[str], eval_sets: list[str],
                 held_out: list[str] = ()) -> pd.DataFrame:
    """Rows (metric, ndocs, strategy), columns the eval sets in config order, `average` (the mean
    over eval sets of the per-set numbers, as the paper averages its tables: sets weigh equally),
    then the `held_out` sets (the validation split), which the average leaves out. A (metric,
    ndocs) block without numbers (by relevance, closed-book) is left out."""
    parts = []
    for metric in FAMILIES[family]:
        if metric not in wide:
            continue
        for ndocs in wide["ndocs"].drop_duplicates():
            rows = wide[wide["ndocs"] == ndocs]
            grid = rows.pivot(index="strategy", columns="eval_set", values=metric)
            grid = grid.reindex(index=strategies, columns=[*eval_sets, *held_out]).astype(float)
            if grid.isna().all().all():
                continue
            grid.insert(len(eval_sets), "average", grid[list(eval_sets)].mean(axis=1))
            grid = grid.reset_index()
            grid.insert(0, "ndocs", ndocs)
            grid.insert(0, "metric", metric)
            parts.append(grid)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


NO_NUMBERS = "No numbers: no metric of this family was computed (e.g. `reward.backend: none`)."


def headline_table(wide: pd.DataFrame, strategies: list[str], eval_sets: list[str]) -> pd.DataFrame:
    """Rows (RAG setting, strategy), columns the HEADLINE metrics averaged over the eval sets (each
    weighs equally). Closed-book has no relevance split, so no headline row."""
    parts = []
    for ndocs in wide["ndocs"].drop_duplicates():
        if not ndocs:
            continue
        rows = wide[wide["eval_set"].isin(eval_sets) & (wide["ndocs"] == ndocs)]
        grid = rows.groupby("strategy")[list(HEADLINE)].mean().reindex(strategies).astype(float).reset_index()
        grid.insert(1, "ndocs", ndocs)
        parts.append(grid)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["strategy", "ndocs", *HEADLINE])


def to_markdown(table: pd.DataFrame, title: str) -> str:
    out = [f"## {title}\n"]
    if table.empty:
        return "\n".join(out + [NO_NUMBERS + "\n"])
    for (metric, ndocs), grid in table.groupby(["metric", "ndocs"], sort=False):
        out.append(f"### {metric}, {setting(ndocs)}\n")
        out.append(grid.drop(columns=["metric", "ndocs"]).to_markdown(index=False, floatfmt=".3f", missingval="–")
                   + "\n")
    return "\n".join(out)


_CSS = ("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}"
        "th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}th:first-child,td:first-child"
        "{text-align:left}th{background:#eee}caption{text-align:left;font-weight:bold;padding:4px 0}")


def html_fragment(table: pd.DataFrame) -> str:
    """One captioned <table> per metric."""
    if table.empty:
        return f"<p>{html.escape(NO_NUMBERS)}</p>"
    body = []
    for (metric, ndocs), grid in table.groupby(["metric", "ndocs"], sort=False):
        frame = grid.drop(columns=["metric", "ndocs"]).to_html(index=False, float_format="{:.3f}".format,
                                                               na_rep="–", border=0, classes="summary-table")
        end = frame.index(">") + 1  # after the opening <table ...> tag
        body.append(f"{frame[:end]}<caption>{html.escape(f'{metric}, {setting(ndocs)}')}</caption>{frame[end:]}")
    return "\n".join(body)


def to_html(table: pd.DataFrame, title: str) -> str:
    """A family's table as a self-contained page (it is shown in the Snakemake report's iframe)."""
    return html_page(title, html_fragment(table))


def html_page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><h2>{html.escape(title)}</h2>{body}</body></html>\n")
