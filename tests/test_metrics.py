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
    row = summary_row("base", "nq", {**m, "ndocs": 4, "relevance_judge": "lexical", "labels_judge": "llm-x"})
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
    row = summary_row("base", "nq", {**m, "ndocs": 4, "relevance_judge": "lexical", "labels_judge": "lexical"})
    assert row["reward_mean"] == 5.0 and row["reward|correct"] == 8.0 and row["reward_source"] == "judge:x"
    with pytest.raises(ValueError, match="not aligned"):
        compute(labels, relevance, {("a", 0): 1.0}, "judge:x")


def test_family_table_averages_eval_sets_and_keeps_config_order():
    import pandas as pd

    from sdrait.tables import family_table, long_format

    wide = pd.DataFrame([
        {"strategy": s, "eval_set": e, "ndocs": 4, "correct": c, "incorrect": None if c is None else 1 - c, "refuse": 0.0,
         "labels_judge": "lexical"}
        for s, e, c in (("dpo", "nq", 0.5), ("dpo", "eli5", 0.1), ("base", "nq", 0.25), ("base", "eli5", None))
    ])
    table = family_table(wide, "labels", ["base", "dpo"], ["nq", "eli5"])
    assert list(table.columns) == ["metric", "ndocs", "strategy", "nq", "eli5", "average"]
    correct = table[table.metric == "correct"].set_index("strategy")
    assert correct.loc["dpo", "average"] == 0.3
    assert correct.loc["base", "average"] == 0.25  # a missing number is not counted as 0
    long = long_format(wide)
    assert len(long) == 4 * 3
    assert set(long.columns) == {"strategy", "eval_set", "ndocs", "metric", "value", "labels_judge"}


def test_unparsed_verdicts_and_short_contexts_are_counted_per_stage():
    from sdrait.metrics import compute, summary_row

    labels = [{"id": i, "sample": 0, "label": lab, "lexical_label": "Correct"}
              for i, lab in (("a", "Correct"), ("b", "unparsed"), ("c", "Refuse"))]
    relevance = {"a": "Present", "b": "unparsed", "c": "Absent"}
    rewards = {("a", 0): 7.0, ("b", 0): None, ("c", 0): None}
    m = compute(labels, relevance, rewards, "judge:x", passages={"a": 4, "b": 2, "c": 0}, ndocs=4)
    assert m["judge_unparsed"] == {"relevance": 1, "labels": 1, "reward": 2}
    assert m["short_context"] == 2
    m.update(ndocs=4, relevance_judge="llm-x", labels_judge="llm-x")
    row = summary_row("base", "nq", m)
    assert (row["unparsed"], row["unparsed_relevance"], row["unparsed_reward"], row["short_context"]) == (1, 1, 2, 2)


def test_closed_book_has_labels_but_no_relevance_split_and_tables_keep_settings_apart():
    import pandas as pd

    from sdrait.tables import family_table, headline_table, to_markdown

    labels = rows(("a", "Correct", "Correct"), ("b", "Refuse", "Refuse"))
    closed = compute(labels, None, {("a", 0): 1.0, ("b", 0): 3.0}, "judge:x")
    assert closed["by_relevance"] is None and closed["rates"]["correct"] == 0.5
    assert closed["judge_unparsed"]["relevance"] is None and closed["reward"]["by_relevance"] is None
    rag = compute(labels, {"a": "Present", "b": "Absent"})
    wide = pd.DataFrame([summary_row("base", "nq", {**m, "ndocs": n, "relevance_judge": j, "labels_judge": "lexical"})
                         for m, n, j in ((rag, 4, "lexical"), (closed, 0, None))])
    assert pd.isna(wide.set_index("ndocs").loc[0, "refuse|absent"])
    labels_table = family_table(wide, "labels", ["base"], ["nq"])
    assert sorted(set(labels_table.ndocs)) == [0, 4]  # one block per setting
    relevance_table = family_table(wide, "relevance", ["base"], ["nq"])
    assert set(relevance_table.ndocs) == {4}  # closed-book has nothing to split
    markdown = to_markdown(labels_table, "labels")
    assert "### correct, ndocs 4" in markdown and "### correct, ndocs 0 (closed-book)" in markdown
    headline = headline_table(wide, ["base"], ["nq"])
    assert list(headline.ndocs) == [4] and headline.loc[0, "selectivity"] == 1.0
