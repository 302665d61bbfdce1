import pytest

from sdrait import tournament
from sdrait.lexical import LexicalRules
from sdrait.self_demos import LexicalPicker, build_strategies
from sdrait.text import strip_preamble


def best_by_value(values, reject=()):
    """A picker that prefers the higher value and rejects the listed candidates."""
    def pick(brackets):
        out = []
        for e, group in brackets:
            ok = [c for c in group if (e, c) not in reject]
            out.append(max(ok, key=lambda c: values[e][c]) if ok else None)
        return out
    return pick


@pytest.mark.parametrize("n", range(1, 8))
def test_the_best_candidate_wins_at_every_size(n):
    values = [[(7 * c) % 11 for c in range(n)]]
    seen = []
    pick = best_by_value(values)

    def recording(brackets):
        seen.append([len(g) for _, g in brackets])
        return pick(brackets)

    result, = tournament.run([n], recording, seeds=["x"])
    assert result["winner"] == max(range(n), key=lambda c: values[0][c])
    assert all(1 <= size <= 3 for sizes in seen for size in sizes)
    assert all(size > 1 for sizes in seen[:-1] for size in sizes) or n == 1
    assert seen[-1] == [min(n, 3)] if n <= 3 else len(seen) >= 2


def test_ties_go_to_the_judge_and_many_examples_share_each_round():
    calls = []

    def first(brackets):
        calls.append(len(brackets))
        return [group[0] for _, group in brackets]

    results = tournament.run([5, 7, 2], first, seeds=["a", "b", "c"])
    assert all(r["winner"] is not None for r in results)
    assert calls[0] == 2 + 2 + 1  # round one: brackets of all three examples in one batch


def test_no_acceptable_candidate_means_no_winner():
    values = [[1, 2, 3, 4]]
    every = {(0, c) for c in range(4)}
    assert tournament.run([4], best_by_value(values, reject=every), seeds=["x"])[0]["winner"] is None
    # only candidate 3 is acceptable: whether it plays a bracket or gets the bye, it wins only
    # after facing the judge
    for seed in "abcdefgh":
        r = tournament.run([4], best_by_value(values, reject=every - {(0, 3)}), seeds=[seed])[0]
        assert r["winner"] == 3 and r["rounds"][-1][1] == 3
    assert tournament.run([0], best_by_value([[]]), seeds=["x"])[0]["winner"] is None
    lone = tournament.run([1], best_by_value([[1]], reject={(0, 0)}), seeds=["x"])[0]
    assert lone == {"winner": None, "rounds": [[[0], None]]}


def test_seeded_shuffle_is_independent_of_the_batch():
    order = lambda seeds: [r["rounds"][0][0] for r in tournament.run([6] * len(seeds), best_by_value([[0] * 6] * len(seeds)), seeds)]  # noqa: E731
    assert order(["a", "b"])[0] == order(["a"])[0]


RULES = LexicalRules(refusal_patterns=(r"cannot answer",))
RECORD = {"question": "what is the capital of australia", "answers": ["Canberra"], "retrieved_support": [{"title": "t", "text": "Canberra is the capital."}]}
ABSENT = {"question": "what is the capital of australia", "answers": ["Canberra"], "retrieved_support": [{"title": "t", "text": "Sydney is large."}]}


def lexical_pick(record, texts, min_f1=0.2):
    cands = [[{"strategy": f"s{i}", "text": t} for i, t in enumerate(texts)]]
    return LexicalPicker(RULES, min_f1, [record], cands, ndocs=4)([(0, list(range(len(texts))))])[0]


def test_lexical_tournament_rules():
    assert lexical_pick(RECORD, ["Sydney", "It is Canberra.", "I cannot answer."]) == 1
    assert lexical_pick(RECORD, ["Sydney", "I cannot answer."]) is None  # a refusal loses when the answer is there
    assert lexical_pick(ABSENT, ["Sydney", "I cannot answer."]) == 1      # and wins when it is not
    assert lexical_pick(ABSENT, ["the capital city is Sydney"], min_f1=0.0) == 0


def test_strategies_and_preamble():
    names = [s.name for s in build_strategies(["n1", "n2"], ["r1", "r2"], "refuse", 3)]
    assert names == ["norag_1", "norag_2", "rag_1", "rag_2", "refusal_1", "refusal_2", "refusal_3"]
    assert strip_preamble("Here is the answer to your question:\nCanberra.") == "Canberra."
    assert strip_preamble("Sure! Here's a concise answer: Canberra") == "Canberra"
    assert strip_preamble("Here in Canberra: the capital") == "Here in Canberra: the capital"


def test_llm_tournament_judge_with_the_real_smollm2(smollm2_llm):
    from sdrait.backends import Sampling
    from sdrait.judging import JudgeSettings
    from sdrait.self_demos import LLMPicker

    llm = smollm2_llm
    records = [RECORD, ABSENT]
    candidates = [[{"strategy": "a", "text": "Canberra."}, {"strategy": "b", "text": "Sydney."},
                   {"strategy": "c", "text": "I cannot answer."}, {"strategy": "d", "text": "Perth."}]] * 2
    settings = JudgeSettings(sampling=Sampling(temperature=0.0, max_tokens=8), constrain=True)
    picker = LLMPicker(llm, settings, records, candidates, ndocs=4)
    results = tournament.run([4, 4], picker, seeds=["x", "y"])
    for result in results:
        # every judged bracket has a verdict: one of its candidates, or None (no acceptable one)
        assert all(w is None or w in group for group, w in result["rounds"])
        assert result["winner"] is None or result["winner"] == result["rounds"][-1][1]
    assert sum(picker.unparsed.values()) == 0
