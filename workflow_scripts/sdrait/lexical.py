"""The lexical judge: relevance and labels from answer overlap, no model.

The embedded default uses it because SmolLM2-135M, asked whether passages contain an answer,
said "Present" for all 50 real cases tried: a 135M judge is at chance, overlap is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import contains, content_recall, token_f1, tokens


@dataclass(frozen=True)
class LexicalRules:
    refusal_patterns: tuple[str, ...] = ()
    # Open-ended gold answers (eli5) are never quoted verbatim; for answers with at least this
    # many words, enough shared content words count as support instead.
    long_answer_min_words: int = 5
    min_recall: float = 0.6
    _refusal: re.Pattern | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.refusal_patterns:
            object.__setattr__(
                self, "_refusal", re.compile("|".join(f"(?:{p})" for p in self.refusal_patterns), re.I)
            )

    @classmethod
    def from_config(cls, cfg: dict) -> "LexicalRules":
        return cls(
            refusal_patterns=tuple(cfg.get("refusal_patterns", ())),
            long_answer_min_words=cfg["long_answer_min_words"],
            min_recall=cfg["min_recall"],
        )

    def supports(self, text: str, answers: list[str]) -> bool:
        for answer in answers:
            if contains(text, answer):
                return True
            if len(tokens(answer)) >= self.long_answer_min_words and content_recall(answer, text) >= self.min_recall:
                return True
        return False

    def is_refusal(self, prediction: str) -> bool:
        return bool(self._refusal and self._refusal.search(prediction))

    def relevance(self, passages_text: str, answers: list[str]) -> str:
        return "Present" if self.supports(passages_text, answers) else "Absent"

    def record_relevance(self, record: dict, ndocs: int | None) -> str:
        """Relevance of a record's first `ndocs` retrieved passages to its gold answers."""
        return self.relevance(" ".join(p["text"] for p in record["retrieved_support"][:ndocs]), record["answers"])

    def label(self, prediction: str, answers: list[str]) -> str:
        if self.is_refusal(prediction):
            return "Refuse"
        return "Correct" if self.supports(prediction, answers) else "Incorrect"

    def score(self, prediction: str, answers: list[str]) -> float:
        """The prompt-optimization score on the LLM judge's 0-5 scale: 5 if the prediction is
        supported by a gold answer, else 5 x its best token F1."""
        if self.supports(prediction, answers):
            return 5.0
        return 5.0 * max(token_f1(prediction, a) for a in answers)
