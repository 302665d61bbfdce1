"""Correct / incorrect / refuse rates, overall and split by relevance, per strategy x eval set."""

from __future__ import annotations

LABELS = ("Correct", "Incorrect", "Refuse")
RELEVANCE = ("Present", "Absent")


def _rate(k: int, n: int) -> float | None:
    return k / n if n else None


def _counts(rows: list[dict], key: str = "label") -> dict[str, int]:
    counts = {label: 0 for label in (*LABELS, "unparsed")}
    for row in rows:
        counts[row[key] if row[key] in counts else "unparsed"] += 1
    return counts


def compute(labels: list[dict], relevance: dict[str, str]) -> dict:
    """`labels`: one row per (id, sample) with `label` and `lexical_label`;
    `relevance`: id -> Present/Absent/unparsed. Every labelled id must have a relevance."""
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
        "by_relevance": {},
    }
    for rel in (*RELEVANCE, "unparsed"):
        subset = [row for row in labels if relevance[row["id"]] == rel]
        sub = _counts(subset)
        out["by_relevance"][rel.lower()] = {
            "n": len(subset),
            "counts": sub,
            "rates": {label.lower(): _rate(sub[label], len(subset)) for label in LABELS},
        }
    parsed = [row for row in labels if row["label"] in LABELS]
    out["lexical_label_agreement"] = _rate(sum(r["label"] == r["lexical_label"] for r in parsed), len(parsed))
    return out


def summary_row(strategy: str, eval_set: str, m: dict) -> dict:
    present, absent = m["by_relevance"]["present"], m["by_relevance"]["absent"]
    return {
        "strategy": strategy,
        "eval_set": eval_set,
        "n": m["n"],
        "correct": m["rates"]["correct"],
        "incorrect": m["rates"]["incorrect"],
        "refuse": m["rates"]["refuse"],
        "unparsed": m["unparsed"],
        "n_present": present["n"],
        "correct|present": present["rates"]["correct"],
        "incorrect|present": present["rates"]["incorrect"],
        "refuse|present": present["rates"]["refuse"],
        "n_absent": absent["n"],
        "correct|absent": absent["rates"]["correct"],
        # The paper's hallucination: a wrong answer where the context had none to give.
        "incorrect|absent": absent["rates"]["incorrect"],
        "refuse|absent": absent["rates"]["refuse"],
        "lexical_agreement": m["lexical_label_agreement"],
        "relevance_judge": m["relevance_judge"],
        "labels_judge": m["labels_judge"],
    }
