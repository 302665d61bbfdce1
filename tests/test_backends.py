import pytest

from sdrait.backends import Sampling, TransformersLLM, load_llm
from sdrait.runtime import cpu_flags, resolve_dtype

QUESTION = [{"role": "user", "content": "Passage: Canberra is the capital of Australia.\n"
                                        "Question: what is the capital of Australia?"}]
OTHER = [{"role": "user", "content": "Say hello."}]


@pytest.fixture(scope="module")
def smollm2(smollm2_path):
    return TransformersLLM(smollm2_path, batch_size=2, threads=2)


def test_transformers_batch_returns_n_samples_per_conversation(smollm2):
    out = smollm2.generate([QUESTION, OTHER, QUESTION], Sampling(temperature=1.0, max_tokens=8, n=2, seed=3))
    assert [len(o) for o in out] == [2, 2, 2]
    assert all(isinstance(t, str) and t for o in out for t in o)
    again = smollm2.generate([QUESTION, OTHER, QUESTION], Sampling(temperature=1.0, max_tokens=8, n=2, seed=3))
    assert again == out  # seeded


def test_greedy_rag_answer_is_sensible_and_independent_of_batch_padding(smollm2):
    greedy = Sampling(temperature=0.0, max_tokens=12)
    batched = smollm2.generate([QUESTION, OTHER], greedy)
    alone = smollm2.generate([QUESTION], greedy)
    assert "Canberra" in batched[0][0]
    assert alone[0][0] == batched[0][0]


def test_model_dtype_from_config_runs_generation_in_that_dtype(smollm2_path, smollm2):
    # an explicit `models.<name>.dtype` is honoured; `auto` (the embedded default) is what
    # resolve_dtype says for this machine: float32 on a CPU without native bfloat16
    bf16 = load_llm({"backend": "transformers", "batch_size": 2, "dtype": "bfloat16"}, smollm2_path, threads=2)
    assert str(bf16.model.dtype) == "torch.bfloat16"
    assert str(smollm2.model.dtype) == f"torch.{resolve_dtype('auto')}"
    # a few tokens: bfloat16 is emulated, ~66x slower per matmul, on an AVX2-only CPU
    assert "Canberra" in bf16.generate([QUESTION], Sampling(temperature=0.0, max_tokens=6))[0][0]


def test_dtype_auto_is_bfloat16_only_where_it_is_computed_natively():
    assert resolve_dtype("auto", cuda=True, flags=set()) == "bfloat16"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "avx512f", "fma"}) == "float32"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "avx512f", "avx512_bf16"}) == "bfloat16"
    assert resolve_dtype("auto", cuda=False, flags={"avx2", "amx_tile", "amx_bf16"}) == "bfloat16"
    assert resolve_dtype("float32", cuda=True) == "float32" and resolve_dtype("bfloat16", cuda=False) == "bfloat16"
    # the flags are read from /proc/cpuinfo (every x86-64 CPU lists sse2)
    assert "sse2" in cpu_flags()
