"""The `classifier` reward path with a tiny randomly initialised reward model built here (no
download), and the `judge` path's parsing."""

import pytest
from conftest import random_reward_model

from sdrait.reward import ClassifierRewardModel

PROMPT = [{"role": "user", "content": "Passage 1 (Canberra): Canberra is the capital of Australia.\n\n"
                                      "Question: what is the capital of Australia?"}]


@pytest.fixture(scope="module")
def tiny_reward_model(tmp_path_factory, smollm2_path):
    return random_reward_model(smollm2_path, tmp_path_factory.mktemp("reward"), hidden=32, layers=2, heads=4,
                               kv_heads=2)


def conv(answer):
    return PROMPT + [{"role": "assistant", "content": answer}]


def test_different_responses_get_different_scores(tiny_reward_model):
    model = ClassifierRewardModel(tiny_reward_model, batch_size=4)
    a, b = model.score([conv("Canberra is the capital."), conv("Sydney, I think, but the passages say otherwise.")])
    assert a != pytest.approx(b, abs=1e-4)


def test_batch_order_and_padding_do_not_change_scores(tiny_reward_model):
    answers = ["Canberra.", "It is Canberra, according to passage 1.", "I cannot answer.", "Sydney", "Perth"]
    batched = ClassifierRewardModel(tiny_reward_model, batch_size=3).score([conv(a) for a in answers])
    reordered = ClassifierRewardModel(tiny_reward_model, batch_size=2).score([conv(a) for a in reversed(answers)])
    alone = [ClassifierRewardModel(tiny_reward_model, batch_size=1).score([conv(a)])[0] for a in answers]
    assert batched == pytest.approx(list(reversed(reordered)), abs=1e-5)
    assert batched == pytest.approx(alone, abs=1e-5)


def test_a_multi_logit_model_is_rejected(tmp_path, smollm2_path):
    path = random_reward_model(smollm2_path, tmp_path, hidden=16, layers=1, heads=2, kv_heads=1, num_labels=2)
    with pytest.raises(ValueError, match="one output logit"):
        ClassifierRewardModel(path)


def test_an_attention_whose_package_is_missing_stops_before_the_model_loads(tmp_path):
    # (no flash_attn in this env, as in envs/vllm.yaml; the path holds no model: nothing is read)
    with pytest.raises(ImportError, match="reward.attn_implementation: 'flash_attention_2' needs the Python package "
                                          "'flash_attn'"):
        ClassifierRewardModel(str(tmp_path / "no model"), attn_implementation="flash_attention_2")
