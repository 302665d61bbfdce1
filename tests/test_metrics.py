import pytest

from sdrait.metrics import compute, summary_row


def rows(*labels):
    return [{"id": i, "sample": 0, "label": lab, "lexical_label": lex} for i, lab, lex in labels]


def test_rates_overall_and_by_relevance():
    labels = rows(("a", "Correct", "Correct"), ("b", "Incorrect", "Correct"), ("c", "Refuse", "Refuse"),
                  ("d", "Incorrect", "Incorrect"), ("e", "unparsed", "Correct"))
    relevance = {"a": "Present", "b": "Present", "c": "Absent", "d": "Absent", "e": "Absent"}
    m = compute(labels, relevance)
    assert m["n"] == 5 and m["unparsed"] == 1
    assert m["rates"] == {"correct": 0.2, "incorrect": 0.4, "refuse": 0.2}
    assert m["by_relevance"]["present"]["rates"] == {"correct": 0.5, "incorrect": 0.5, "refuse": 0.0}
    assert m["by_relevance"]["absent"]["counts"] == {"Correct": 0, "Incorrect": 1, "Refuse": 1, "unparsed": 1}
    assert m["lexical_label_agreement"] == 3 / 4  # over parsed labels only
    row = summary_row("base", "nq", {**m, "relevance_judge": "lexical", "labels_judge": "llm-x"})
    assert row["incorrect|absent"] == pytest.approx(1 / 3) and row["refuse|absent"] == pytest.approx(1 / 3)


def test_empty_split_has_no_rate_and_missing_relevance_fails():
    m = compute(rows(("a", "Correct", "Correct")), {"a": "Present"})
    assert m["by_relevance"]["absent"]["rates"]["correct"] is None
    with pytest.raises(ValueError, match="no relevance"):
        compute(rows(("a", "Correct", "Correct")), {})


def test_reward_statistics_overall_by_label_and_relevance():
    labels = rows(("a", "Correct", "Correct"), ("b", "Incorrect", "Correct"), ("c", "Refuse", "Refuse"))
    relevance = {"a": "Present", "b": "Present", "c": "Absent"}
    m = compute(labels, relevance, {("a", 0): 8.0, ("b", 0): 2.0, ("c", 0): None}, "judge:x")
    r = m["reward"]
    assert r["source"] == "judge:x" and r["overall"] == {"n": 2, "unparsed": 1, "mean": 5.0, "median": 5.0}
    assert r["by_label"]["correct"]["mean"] == 8.0 and r["by_label"]["refuse"]["mean"] is None
    assert r["by_relevance"]["present"]["mean"] == 5.0
    row = summary_row("base", "nq", {**m, "relevance_judge": "lexical", "labels_judge": "lexical"})
    assert row["reward_mean"] == 5.0 and row["reward|correct"] == 8.0 and row["reward_source"] == "judge:x"
    with pytest.raises(ValueError, match="not aligned"):
        compute(labels, relevance, {("a", 0): 1.0}, "judge:x")
