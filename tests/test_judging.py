import pytest

from sdrait.backends import Sampling, TransformersLLM
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


@pytest.fixture(scope="module")
def smollm2(smollm2_path):
    return TransformersLLM(smollm2_path, batch_size=4, threads=2)


CONVERSATIONS = [
    [{"role": "user", "content": "Question: what is the capital of France?\nGold answer: Paris\nPrediction: Paris\n"
                                 "Is the prediction correct? End with Label: Correct, Label: Incorrect or Label: Refuse."}],
    [{"role": "user", "content": "Question: who wrote Hamlet?\nGold answer: Shakespeare\nPrediction: I cannot answer.\n"
                                 "Is the prediction correct? End with Label: Correct, Label: Incorrect or Label: Refuse."}],
]


def test_constrained_judge_always_returns_an_allowed_label(smollm2):
    settings = JudgeSettings(sampling=Sampling(temperature=0.0, max_tokens=16), constrain=True)
    verdicts = judge(smollm2, CONVERSATIONS, LABELS, settings)
    assert [v["label"] in LABELS for v in verdicts] == [True, True]
    assert all(v["method"] == "constrained" and "Label" not in v["reasoning"] for v in verdicts)


def test_unparseable_replies_are_retried_then_counted_as_unparsed(smollm2):
    # Two new tokens can never spell "Label: Correct": every attempt fails to parse.
    settings = JudgeSettings(sampling=Sampling(temperature=0.0, max_tokens=2), constrain=False, max_retries=2)
    verdicts = judge(smollm2, CONVERSATIONS, LABELS, settings)
    assert [v["label"] for v in verdicts] == [UNPARSED, UNPARSED]
    assert [v["attempts"] for v in verdicts] == [3, 3]


def test_label_likelihood_prefers_the_obvious_choice(smollm2):
    conv = [[{"role": "user", "content": "What is the capital of France? Answer with one word."}]]
    scores = smollm2.choice_logprobs(conv, ["The capital of France is"], ["Paris", "Banana"])
    assert scores[0][0] > scores[0][1]
    assert smollm2.choose(conv, ["The capital of France is"], ["Banana", "Paris"]) == ["Paris"]


@pytest.mark.parametrize("choices", [["Prediction 1", "Prediction 2", "None"], [str(k) for k in range(1, 11)]])
def test_shared_choice_prefixes_score_like_full_sequences(smollm2, choices):
    """The KV-cached trie scorer gives each choice the log-probability of its whole token sequence,
    for prompts of different lengths sharing a padded batch."""
    import torch

    convs = [[{"role": "user", "content": "Pick the best prediction."}],
             [{"role": "user", "content": "Rate this answer from 1 to 10. Question: who wrote Hamlet? "
                                          "Answer: William Shakespeare wrote Hamlet around 1600."}]]
    conts = ["Best:", "The answer is right.\nRating:"]
    scores = smollm2.choice_logprobs(convs, conts, choices)
    for conv, cont, row in zip(convs, conts, scores):
        prefix = smollm2.tokenizer(smollm2._render(conv) + cont, add_special_tokens=False).input_ids
        for choice, score in zip(choices, row):
            target = smollm2.tokenizer(" " + choice, add_special_tokens=False).input_ids
            with torch.inference_mode():
                logp = torch.log_softmax(smollm2.model(torch.tensor([prefix + target])).logits[0].float(), -1)
            want = sum(logp[len(prefix) - 1 + k, t].item() for k, t in enumerate(target))
            assert abs(score - want) < 1e-3, (choice, score, want)
