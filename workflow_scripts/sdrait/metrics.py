"""Correct / incorrect / refuse rates, overall and split by relevance, per strategy x eval set."""

from __future__ import annotations

from statistics import mean, median

LABELS = ("Correct", "Incorrect", "Refuse")
RELEVANCE = ("Present", "Absent")


def _rate(k: int, n: int) -> float | None:
    return k / n if n else None


def _counts(rows: list[dict], key: str = "label") -> dict[str, int]:
    counts = {label: 0 for label in (*LABELS, "unparsed")}
    for row in rows:
        counts[row[key] if row[key] in counts else "unparsed"] += 1
    return counts


def reward_stats(values: list[float | None]) -> dict:
    scored = [v for v in values if v is not None]
    return {"n": len(scored), "unparsed": len(values) - len(scored),
            "mean": mean(scored) if scored else None, "median": median(scored) if scored else None}


def compute(labels: list[dict], relevance: dict[str, str] | None, rewards: dict[tuple[str, int], float | None] | None = None,
            reward_source: str | None = None, passages: dict[str, int] | None = None,
            ndocs: int | None = None) -> dict:
    """`labels`: one row per (id, sample) with `label` and `lexical_label`;
    `relevance`: id -> Present/Absent/unparsed; every labelled id must have one. None closed-book
    (no passages, nothing to judge): `by_relevance` is then None.
    `rewards`: (id, sample) -> reward (None: the judge gave no rating), aligned with `labels`.
    `passages`: id -> passages the prompt had, counted against `ndocs` as `short_context`."""
    if relevance is not None:
        missing = {row["id"] for row in labels} - relevance.keys()
        if missing:
            raise ValueError(f"no relevance for ids {sorted(missing)[:5]}")
    n = len(labels)
    counts = _counts(labels)
    out = {
        "n": n,
        "counts": counts,
        "rates": {label.lower(): _rate(counts[label], n) for label in LABELS},
        "unparsed": counts["unparsed"],
        "by_relevance": {} if relevance is not None else None,
    }
    for rel in (*RELEVANCE, "unparsed") if relevance is not None else ():
        subset = [row for row in labels if relevance[row["id"]] == rel]
        sub = _counts(subset)
        out["by_relevance"][rel.lower()] = {
            "n": len(subset),
            "counts": sub,
            "rates": {label.lower(): _rate(sub[label], len(subset)) for label in LABELS},
        }
    if rewards is not None:
        keys = [(row["id"], row["sample"]) for row in labels]
        if set(keys) != rewards.keys():
            raise ValueError("rewards and labels are not aligned by (id, sample)")
        of = lambda rows: [rewards[(r["id"], r["sample"])] for r in rows]  # noqa: E731
        out["reward"] = {
            "source": reward_source,
            "overall": reward_stats(of(labels)),
            "by_label": {lab.lower(): reward_stats(of([r for r in labels if r["label"] == lab])) for lab in LABELS},
            "by_relevance": None if relevance is None else {
                rel.lower(): reward_stats(of([r for r in labels if relevance[r["id"]] == rel])) for rel in RELEVANCE},
        }
    ids = {row["id"] for row in labels}
    # every verdict a judge could not give, per stage (a question's relevance counts once)
    out["judge_unparsed"] = {
        "relevance": None if relevance is None else sum(relevance[i] not in RELEVANCE for i in ids),
        "labels": counts["unparsed"],
        "reward": out["reward"]["overall"]["unparsed"] if "reward" in out else None,
    }
    if passages is not None and ndocs is not None:
        out["short_context"] = sum(passages[i] < ndocs for i in ids)
    parsed = [row for row in labels if row["label"] in LABELS]
    out["lexical_label_agreement"] = _rate(sum(r["label"] == r["lexical_label"] for r in parsed), len(parsed))
    return out


def summary_row(strategy: str, eval_set: str, m: dict) -> dict:
    """One row of the wide summary; the by-relevance columns are empty closed-book (ndocs 0)."""
    split = m["by_relevance"] or {rel: {"n": None, "rates": dict.fromkeys(("correct", "incorrect", "refuse"))}
                                  for rel in ("present", "absent")}
    present, absent = split["present"], split["absent"]
    reward_split = (m["reward"]["by_relevance"] or {}) if "reward" in m else {}
    return {
        "strategy": strategy,
        "eval_set": eval_set,
        "ndocs": m["ndocs"],
        "n": m["n"],
        "correct": m["rates"]["correct"],
        "incorrect": m["rates"]["incorrect"],
        "refuse": m["rates"]["refuse"],
        "unparsed": m["unparsed"],
        "unparsed_relevance": m.get("judge_unparsed", {}).get("relevance"),
        "unparsed_reward": m.get("judge_unparsed", {}).get("reward"),
        "short_context": m.get("short_context"),
        "n_present": present["n"],
        "correct|present": present["rates"]["correct"],
        "incorrect|present": present["rates"]["incorrect"],
        "refuse|present": present["rates"]["refuse"],
        "n_absent": absent["n"],
        "correct|absent": absent["rates"]["correct"],
        # The paper's hallucination: a wrong answer where the context had none to give.
        "incorrect|absent": absent["rates"]["incorrect"],
        "refuse|absent": absent["rates"]["refuse"],
        # Refusing because the passages lack the answer, not at random: the recipe's effect.
        "selectivity": (absent["rates"]["refuse"] - present["rates"]["refuse"]
                        if absent["n"] and present["n"] else None),
        "lexical_agreement": m["lexical_label_agreement"],
        **({"reward_mean": m["reward"]["overall"]["mean"], "reward_median": m["reward"]["overall"]["median"],
            "reward|correct": m["reward"]["by_label"]["correct"]["mean"],
            "reward|incorrect": m["reward"]["by_label"]["incorrect"]["mean"],
            "reward|refuse": m["reward"]["by_label"]["refuse"]["mean"],
            "reward|present": reward_split.get("present", {}).get("mean"),
            "reward|absent": reward_split.get("absent", {}).get("mean"),
            "reward_source": m["reward"]["source"]} if "reward" in m else {}),
        "relevance_judge": m["relevance_judge"],
        "labels_judge": m["labels_judge"],
    }
