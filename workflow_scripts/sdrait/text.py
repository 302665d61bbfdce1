"""SQuAD-style answer normalization and the lexical overlap measures the lexical judge uses."""

from __future__ import annotations

import re
import string
from collections import Counter

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans({c: " " for c in string.punctuation})
# Function words carry no evidence that a passage holds a long (open-ended) answer.
_STOPWORDS = frozenset(
    "a an the of to in on at by for and or is are was were be been it its this that these those "
    "as with from so than then into their there they them he she his her we our you your i".split()
)


_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[,.](?=\d)")


def normalize(text: str) -> str:
    # "2,000" is one number (SQuAD deletes punctuation); "Amazon-River" is two words.
    text = _DIGIT_SEPARATOR.sub("", text.lower()).translate(_PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return normalize(text).split()


def contains(haystack: str, needle: str) -> bool:
    """Whole-token containment of the normalized needle in the normalized haystack."""
    n = normalize(needle)
    return bool(n) and f" {n} " in f" {normalize(haystack)} "


def token_f1(prediction: str, gold: str) -> float:
    pred, ref = tokens(prediction), tokens(gold)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def content_recall(gold: str, context: str) -> float:
    """Share of the gold answer's content words that occur anywhere in the context."""
    gold_words = {t for t in tokens(gold) if t not in _STOPWORDS}
    if not gold_words:
        return 0.0
    context_words = set(tokens(context))
    return len(gold_words & context_words) / len(gold_words)


_PREAMBLE = re.compile(r"^\s*(?:sure[,!.]?\s*)?here(?:'s| is| are)\b[^:\n]{0,120}:\s*", re.I)


def strip_preamble(text: str) -> str:
    """Drops a leading "Here is the answer:"-style preamble, which would teach the model to chat."""
    return _PREAMBLE.sub("", text, count=1).strip()


# A sentence ends at . ! or ? followed by whitespace and a capital, or at the end of a line; "27.3"
# and "3.5 million" do not end one.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"']|\s*$)", re.M)


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence (its first line if no sentence ends there)."""
    line = text.strip().split("\n", 1)[0].strip()
    end = _SENTENCE_END.search(line)
    return line[: end.end()] if end else line
