import random

import pytest

from sdrait.prompt_search import SearchSettings, optimize, split_examples, top_k

SETTINGS = SearchSettings(steps=3, train_example_count=2, eval_example_count=2, topk=2, beam_size=4,
                          shuffle_window=8, seed=0)
RECORDS = [{"id": str(i), "question": f"q{i}", "answers": [str(i)]} for i in range(10)]


def test_split_draws_disjoint_eval_and_train_from_the_window():
    eval_examples, pool = split_examples(RECORDS, SETTINGS, random.Random(0))
    ids = [r["id"] for r in eval_examples + pool]
    assert len(eval_examples) == 2 and sorted(ids) == [str(i) for i in range(8)]
    with pytest.raises(ValueError, match="needs 2 \\+ 2 examples within shuffle_window=3"):
        split_examples(RECORDS, SearchSettings(**{**SETTINGS.__dict__, "shuffle_window": 3}), random.Random(0))


def test_top_k_breaks_ties_at_random_but_never_over_a_better_score():
    scores = {"a": 1.0, "b": 3.0, "c": 3.0, "d": 3.0}
    picks = {tuple(top_k(scores, 2, random.Random(seed))) for seed in range(30)}
    assert all("a" not in p for p in picks) and len(picks) > 1
    assert top_k({"a": 2.0, "b": 1.0}, 5, random.Random(0)) == ["a", "b"]


def test_beam_search_bookkeeping():
    """Plain functions stand in for the model calls: a prompt's score is its length, rewrites append
    letters, so the search must keep the longest prompts and rank every prompt ever tried."""
    calls = []

    def answer(prompts, examples):
        calls.append(("answer", len(prompts), len(examples)))
        return [[p for _ in examples] for p in prompts]

    def score(answers, examples):
        return [[min(5.0, len(a) / 2) for a in row] for row in answers]

    def improve(kept, answers, scores, examples, n):
        calls.append(("improve", len(kept), n))
        return [[p + "xy"[i] for i in range(n)] + [p] for p in kept]  # a repeat is not tried twice

    ranked, history = optimize("s", RECORDS, SETTINGS, answer, score, improve)
    tried = [r["prompt"] for r in ranked]
    assert len(tried) == len(set(tried)) == 1 + 2 + 4 + 4
    assert ranked[0]["score"] == max(r["score"] for r in ranked) and len(ranked[0]["prompt"]) == 4
    assert [h["step"] for h in history] == [0] + [1] * 2 + [2] * 4
    assert sum(h["kept"] for h in history if h["step"] == 2) == 2
    # one batched call per step and kind, then one final scoring of all prompts on held-out examples
    assert calls == [("answer", 1, 2), ("improve", 1, 2), ("answer", 2, 2), ("improve", 2, 2),
                     ("answer", 4, 2), ("improve", 2, 2), ("answer", 11, 2)]
