"""Reward scores of (RAG prompt, response) pairs.

`classifier`: any Hugging Face sequence-classification reward model with one logit (the paper's
Skywork-Reward-Gemma-2-27B-v0.2), its own chat template, batched with padding, sorted by length.
The conversation is the prediction's own prompt (same `ndocs` passages) with the prediction as
the assistant turn: the seed's script scored the prompt without the response, one at a time.
`judge`: a configured LLM judge rates the response 1-10, constrained like the other judges.
"""

from __future__ import annotations

import logging

from .backends import LLM
from .judging import UNPARSED, JudgeSettings, judge
from .prompts import render, user_turn
from .runtime import resolve_dtype

log = logging.getLogger(__name__)

RATINGS = [str(n) for n in range(1, 11)]


# transformers' attention implementations that need a package of their own
_ATTENTION_PACKAGES = {"flash_attention_2": "flash_attn", "flash_attention_3": "flash_attn_interface"}


def check_attention(attn_implementation: str | None) -> None:
    """Stops before a model loads when `reward.attn_implementation` needs a package the env lacks:
    transformers would fail only once the weights are read (27B of them at paper scale)."""
    import importlib.util

    package = _ATTENTION_PACKAGES.get(attn_implementation)
    if package and importlib.util.find_spec(package) is None:
        raise ImportError(f"reward.attn_implementation: {attn_implementation!r} needs the Python package "
                          f"{package!r}, which this env does not have; install it, or use 'eager' or 'sdpa'")


class ClassifierRewardModel:
    def __init__(self, path: str, batch_size: int = 8, threads: int | None = None, trust_remote_code: bool = False,
                 attn_implementation: str | None = None):
        check_attention(attn_implementation)
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.torch = torch
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        # bf16 on GPU and where the CPU computes it natively (flash attention, if asked, on GPU only)
        dtype = getattr(torch, resolve_dtype("auto", cuda=self.device == "cuda"))
        kwargs = {"attn_implementation": attn_implementation} if attn_implementation and self.device == "cuda" else {}
        self.tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        self.tokenizer.padding_side = "right"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.model = AutoModelForSequenceClassification.from_pretrained(
            path, dtype=dtype, trust_remote_code=trust_remote_code, **kwargs).to(self.device).eval()
        if self.model.config.num_labels != 1:
            raise ValueError(f"{path}: a reward model has one output logit, this one has {self.model.config.num_labels}")
        self.model.config.pad_token_id = self.tokenizer.pad_token_id
        self.batch_size = batch_size

    def score(self, conversations: list[list[dict]]) -> list[float]:
        from tqdm import tqdm

        texts = [self.tokenizer.apply_chat_template(c, tokenize=False) for c in conversations]
        encoded = [self.tokenizer(t, add_special_tokens=False).input_ids for t in texts]
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
        scores: list[float] = [0.0] * len(encoded)
        for start in tqdm(range(0, len(order), self.batch_size), desc="reward", unit="batch"):
            idx = order[start:start + self.batch_size]
            batch = self.tokenizer.pad({"input_ids": [encoded[i] for i in idx]}, return_tensors="pt").to(self.device)
            with self.torch.inference_mode():
                logits = self.model(**batch).logits[:, 0].float().cpu()
            for i, value in zip(idx, logits.tolist()):
                scores[i] = value
        return scores


def judge_rewards(llm: LLM, conversations: list[list[dict]], settings: JudgeSettings) -> list[float | None]:
    """1-10 ratings of each conversation's last (assistant) turn; None where unparsed."""
    prompts = []
    for conv in conversations:
        *context, response = conv
        prompts.append(user_turn(render("reward_judge.j2", context=context[-1]["content"], response=response["content"])))
    verdicts = judge(llm, prompts, RATINGS, settings, key="Rating")
    return [None if v["label"] == UNPARSED else float(v["label"]) for v in verdicts]
