import pytest

from sdrait.backends import Sampling
from sdrait.judging import UNPARSED, JudgeSettings, judge, parse_label, reasoning_part

LABELS = ["Correct", "Incorrect", "Refuse"]


@pytest.mark.parametrize("reply, label", [
    ("It matches.\nLabel: Correct", "Correct"),
    ("**Label:** **incorrect**", "Incorrect"),
    ("label: Correct ... on reflection\nLabel: Refuse", "Refuse"),
    ("Label: Correctly done", None),
    ("The answer is correct.", None),
    ("Label: Maybe", None),
])
def test_parse_label(reply, label):
    assert parse_label(reply, LABELS) == label


def test_reasoning_part_cuts_at_the_label_line():
    assert reasoning_part("Matches the gold.\n**Label**: Correct") == "Matches the gold."
    assert reasoning_part("Two is best.\nBest: Prediction 2", key="Best") == "Two is best."


def test_parse_other_keys_and_longest_choice_first():
    choices = [f"Prediction {i}" for i in range(1, 11)] + ["None"]
    assert parse_label("Best: **Prediction 10**", choices, key="Best") == "Prediction 10"
    assert parse_label("Best: none of them", choices, key="Best") == "None"
    assert parse_label("Score: 4", [str(i) for i in range(6)], key="Score") == "4"
    assert parse_label("Score: 45", [str(i) for i in range(6)], key="Score") is None


CONVERSATIONS = [
    [{"role": "user", "content": "Question: what is the capital of France?\nGold answer: Paris\nPrediction: Paris\n"
                                 "Is the prediction correct? End with Label: Correct, Label: Incorrect or Label: Refuse."}],
    [{"role": "user", "content": "Question: who wrote Hamlet?\nGold answer: Shakespeare\nPrediction: I cannot answer.\n"
                                 "Is the prediction correct? End with Label: Correct, Label: Incorrect or Label: Refuse."}],
]


def test_constrained_judge_always_returns_an_allowed_label(smollm2_llm):
    settings = JudgeSettings(sampling=Sampling(temperature=0.0, max_tokens=16), constrain=True)
    verdicts = judge(smollm2_llm, CONVERSATIONS, LABELS, settings)
    assert [v["label"] in LABELS for v in verdicts] == [True, True]
    assert all(v["method"] == "constrained" and "Label" not in v["reasoning"] for v in verdicts)


def test_unparseable_replies_are_retried_then_counted_as_unparsed(smollm2_llm):
    # Two new tokens can never spell "Label: Correct": every attempt fails to parse.
    settings = JudgeSettings(sampling=Sampling(temperature=0.0, max_tokens=2), constrain=False, max_retries=2)
    verdicts = judge(smollm2_llm, CONVERSATIONS, LABELS, settings)
    assert [v["label"] for v in verdicts] == [UNPARSED, UNPARSED]
    assert [v["attempts"] for v in verdicts] == [3, 3]
