import sys
import types
from dataclasses import dataclass, field

import pytest

from sdrait.backends import Sampling, TransformersLLM, VLLMLLM, load_llm
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


# --- vLLM ------------------------------------------------------------------------------------
# vLLM needs a GPU and is not installed here: the test installs a STAND-IN `vllm` module (the
# engine, SamplingParams, StructuredOutputsParams) that records what our backend asks of it.

@dataclass
class StandInSamplingParams:
    n: int = 1
    temperature: float = 1.0
    max_tokens: int | None = 16
    seed: int | None = None
    structured_outputs: object = None


@dataclass
class StandInStructuredOutputsParams:
    choice: list = field(default_factory=list)


class StandInTokenizer:
    def apply_chat_template(self, conversation, tokenize, add_generation_prompt):
        assert not tokenize and add_generation_prompt
        return "".join(f"<{m['role']}>{m['content']}" for m in conversation) + "<assistant>"


class StandInEngine:
    def __init__(self):
        self.calls = []

    def get_tokenizer(self):
        return StandInTokenizer()

    def _out(self, *texts):
        return types.SimpleNamespace(outputs=[types.SimpleNamespace(text=t) for t in texts])

    def chat(self, conversations, params, use_tqdm):
        self.calls.append(("chat", conversations, params))
        return [self._out(*(f" answer {i}.{k} " for k in range(params.n))) for i in range(len(conversations))]

    def generate(self, prompts, params, use_tqdm):
        self.calls.append(("generate", prompts, params))
        return [self._out(params.structured_outputs.choice[-1]) for _ in prompts]


@pytest.fixture
def stand_in_vllm(monkeypatch):
    module = types.ModuleType("vllm")
    module.SamplingParams = StandInSamplingParams
    sampling = types.ModuleType("vllm.sampling_params")
    sampling.StructuredOutputsParams = StandInStructuredOutputsParams
    monkeypatch.setitem(sys.modules, "vllm", module)
    monkeypatch.setitem(sys.modules, "vllm.sampling_params", sampling)
    return StandInEngine()


def test_vllm_generate_sends_one_batched_chat_call(stand_in_vllm):
    llm = VLLMLLM("unused", engine=stand_in_vllm)
    out = llm.generate([QUESTION, OTHER], Sampling(temperature=0.5, max_tokens=750, n=2, seed=7))
    assert out == [["answer 0.0", "answer 0.1"], ["answer 1.0", "answer 1.1"]]
    (kind, conversations, params), = stand_in_vllm.calls
    assert kind == "chat" and conversations == [QUESTION, OTHER]
    assert (params.n, params.temperature, params.max_tokens, params.seed) == (2, 0.5, 750, 7)


def test_vllm_choose_uses_structured_output_choice_after_the_forced_prefix(stand_in_vllm):
    llm = VLLMLLM("unused", engine=stand_in_vllm)
    assert llm.choose([QUESTION], ["Reasoning.\nLabel:"], ["Present", "Absent"]) == ["Absent"]
    (kind, prompts, params), = stand_in_vllm.calls
    assert kind == "generate" and prompts[0].endswith("<assistant>Reasoning.\nLabel:")
    assert params.structured_outputs.choice == ["Present", "Absent"] and params.temperature == 0.0
