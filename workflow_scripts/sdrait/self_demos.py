"""Self-demos: the model answers each training question under several prompts (no-RAG, RAG,
refusal); a tournament judge, given the gold answer, picks the candidate to train on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .backends import LLM, Sampling
from .judging import UNPARSED, JudgeSettings, judge
from .lexical import LexicalRules
from .prompts import render, user_turn
from .text import strip_preamble, token_f1


@dataclass(frozen=True)
class Strategy:
    name: str
    system: str
    rag: bool


def build_strategies(norag: list[str], rag: list[str], refusal: str, refusal_repeats: int) -> list[Strategy]:
    return ([Strategy(f"norag_{i + 1}", p, False) for i, p in enumerate(norag)]
            + [Strategy(f"rag_{i + 1}", p, True) for i, p in enumerate(rag)]
            + [Strategy(f"refusal_{i + 1}", refusal, True) for i in range(refusal_repeats)])


def answer_conversation(record: dict, system: str | None, rag: bool, ndocs: int) -> list[dict]:
    """The user turn of prompt optimization and self-demos: the question, with passages for RAG."""
    if rag:
        text = render("question_passages.j2", question=record["question"], passages=record["retrieved_support"][:ndocs])
    else:
        text = render("question_only.j2", question=record["question"])
    return user_turn(text, system)


def generate_candidates(llm: LLM, records: list[dict], strategies: list[Strategy], ndocs: int,
                        sampling: Sampling) -> list[list[dict]]:
    """Per record, one candidate per strategy: [{strategy, text}], from one batched engine call."""
    conversations = [answer_conversation(r, s.system, s.rag, ndocs) for r in records for s in strategies]
    texts = [out[0] for out in llm.generate(conversations, sampling)]
    k = len(strategies)
    return [[{"strategy": s.name, "text": strip_preamble(t)} for s, t in zip(strategies, texts[i * k:(i + 1) * k])]
            for i in range(len(records))]


class LLMPicker:
    """The tournament judge: sees question, gold answer, the first passages and a bracket of
    candidates; answers `Best: Prediction N` or `Best: None` (no acceptable candidate)."""

    def __init__(self, llm: LLM, settings: JudgeSettings, records: list[dict], candidates: list[list[dict]], ndocs: int):
        self.llm, self.settings, self.records, self.candidates, self.ndocs = llm, settings, records, candidates, ndocs
        self.unparsed: Counter[int] = Counter()  # example index -> judge replies with no verdict

    def __call__(self, brackets):
        winners: list[int | None] = [None] * len(brackets)
        by_size: dict[int, list[int]] = {}
        for i, (_, group) in enumerate(brackets):
            by_size.setdefault(len(group), []).append(i)
        for size, indices in by_size.items():  # one judge call per bracket size
            choices = [f"Prediction {n + 1}" for n in range(size)] + ["None"]
            conversations = []
            for i in indices:
                e, group = brackets[i]
                rec = self.records[e]
                conversations.append(user_turn(render(
                    "tournament_judge.j2", question=rec["question"], answers=rec["answers"],
                    passages=rec["retrieved_support"][:self.ndocs],
                    predictions=[self.candidates[e][c]["text"] for c in group])))
            for i, verdict in zip(indices, judge(self.llm, conversations, choices, self.settings, key="Best")):
                label = verdict["label"]
                if label == UNPARSED:
                    self.unparsed[brackets[i][0]] += 1
                if label.startswith("Prediction "):
                    winners[i] = brackets[i][1][int(label.split()[1]) - 1]
        return winners


class LexicalPicker:
    """The embedded default's tournament: a candidate supported by a gold answer wins (best token
    F1 first); else a refusal wins when the passages lack the answer; else the best F1 candidate
    if it reaches `min_f1`; else no candidate is acceptable."""

    def __init__(self, rules: LexicalRules, min_f1: float, records: list[dict], candidates: list[list[dict]], ndocs: int):
        self.rules, self.min_f1, self.records, self.candidates, self.ndocs = rules, min_f1, records, candidates, ndocs
        self.unparsed: Counter[int] = Counter()  # never: lexical verdicts always parse

    def __call__(self, brackets):
        return [self._pick(e, group) for e, group in brackets]

    def _pick(self, e: int, group: list[int]) -> int | None:
        answers = self.records[e]["answers"]
        texts = {c: self.candidates[e][c]["text"] for c in group}
        refusals = [c for c in group if self.rules.is_refusal(texts[c])]
        answering = [c for c in group if c not in refusals and texts[c]]
        f1 = {c: max(token_f1(texts[c], a) for a in answers) for c in answering}
        supported = [c for c in answering if self.rules.supports(texts[c], answers)]
        if supported:
            return max(supported, key=lambda c: f1[c])
        context = " ".join(p["text"] for p in self.records[e]["retrieved_support"][:self.ndocs])
        if refusals and not self.rules.supports(context, answers):
            return refusals[0]
        if answering:
            best = max(answering, key=lambda c: f1[c])
            if f1[best] >= self.min_f1:
                return best
        return None


def summarize(rows: list[dict], refusal: LexicalRules) -> dict:
    """Counts of a self-demo set: kept, dropped by reason, winner strategies, refusal share."""
    kept = [r for r in rows if r["prediction"] is not None]
    return {
        "examples": len(rows),
        "kept": len(kept),
        "dropped": {"no_winner": len(rows) - len(kept)},
        "winner_strategies": dict(Counter(r["prediction_source"] for r in kept).most_common()),
        "refusal_share": sum(refusal.is_refusal(r["prediction"]) for r in kept) / len(kept) if kept else None,
        "judge_unparsed": sum(r["judge_unparsed"] for r in rows),
    }
