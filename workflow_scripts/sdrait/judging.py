"""LLM judges: reasoning first, then a label the judge cannot get wrong in form.

With `constrain` (vLLM structured output, or label log-likelihoods on transformers) the label is
chosen among the allowed words after a forced "Label:". Without it, the label is parsed from the
reply and unparsed replies are retried; what still fails is counted as unparsed, never dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .backends import LLM, Sampling

log = logging.getLogger(__name__)

UNPARSED = "unparsed"


def _label_regex(labels: list[str], key: str) -> re.Pattern:
    # Longest first, so "Prediction 10" is not read as "Prediction 1".
    words = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # Markdown bold around the key or the value is common in judge replies.
    return re.compile(rf"{re.escape(key)}[\s*]*[:：][\s*]*({words})(?![\w-])", re.I)


def parse_label(reply: str, labels: list[str], key: str = "Label") -> str | None:
    """The last `<key>: X` in the reply, X one of `labels` (case-insensitive), else None."""
    matches = _label_regex(labels, key).findall(reply)
    if not matches:
        return None
    canonical = {label.lower(): label for label in labels}
    return canonical[matches[-1].lower()]


def reasoning_part(reply: str, key: str = "Label") -> str:
    """The reply up to its first `<key>:` line: the constrained step supplies the label."""
    cut = re.search(rf"[\s*]*{re.escape(key)}[\s*]*[:：]", reply, re.I)
    return (reply[:cut.start()] if cut else reply).rstrip()


@dataclass(frozen=True)
class JudgeSettings:
    sampling: Sampling
    constrain: bool = True
    max_retries: int = 4
    retry_temperature: float = 0.7

    @classmethod
    def from_config(cls, cfg: dict) -> "JudgeSettings":
        return cls(
            sampling=Sampling(temperature=cfg["temperature"], max_tokens=cfg["max_tokens"], seed=cfg["seed"]),
            constrain=cfg["constrain"],
            max_retries=cfg["max_retries"],
            retry_temperature=cfg["retry_temperature"],
        )


def judge(llm: LLM, conversations: list[list[dict]], labels: list[str], settings: JudgeSettings,
          key: str = "Label") -> list[dict]:
    """One verdict per conversation: {label, reasoning, method, attempts}; label may be `unparsed`.

    `key` is the word before the verdict the templates ask for: `Label: Correct`, `Score: 4`,
    `Best: Prediction 2`."""
    replies = [r[0] for r in llm.generate(conversations, settings.sampling)]
    if settings.constrain:
        reasoning = [reasoning_part(r, key) for r in replies]
        chosen = llm.choose(conversations, [f"{r}\n{key}:" for r in reasoning], labels)
        return [{"label": c, "reasoning": r, "method": "constrained", "attempts": 1}
                for c, r in zip(chosen, reasoning)]

    verdicts = [{"label": parse_label(r, labels, key), "reasoning": r, "method": "regex", "attempts": 1}
                for r in replies]
    for attempt in range(2, settings.max_retries + 2):
        pending = [i for i, v in enumerate(verdicts) if v["label"] is None]
        if not pending:
            break
        log.info("judge retry %d for %d unparsed replies", attempt - 1, len(pending))
        retry = Sampling(temperature=settings.retry_temperature, max_tokens=settings.sampling.max_tokens,
                         seed=settings.sampling.seed + attempt)
        for i, out in zip(pending, llm.generate([conversations[i] for i in pending], retry)):
            verdicts[i].update(label=parse_label(out[0], labels, key), reasoning=out[0], attempts=attempt)
    for v in verdicts:
        if v["label"] is None:
            v["label"] = UNPARSED
    return verdicts
