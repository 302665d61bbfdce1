"""Self-demos: the model answers each training question under several prompts (no-RAG, RAG,
refusal); a tournament judge, given the gold answer, picks the candidate to train on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .backends import LLM, Sampling, opening, series
from .judging import UNPARSED, JudgeSettings, judge
from .lexical import LexicalRules
from .prompts import render, user_turn
from .text import first_sentence, strip_preamble, token_f1


@dataclass(frozen=True)
class Strategy:
    name: str
    system: str
    rag: bool
    shots: tuple[dict, ...] = ()  # demonstration turns (user, assistant, ...) before the question


def shot_turns(shots: list[dict]) -> tuple[dict, ...]:
    """Demonstrations ({question, passages, reply}) as the user and assistant turns they stand for."""
    return tuple(turn for shot in shots for turn in (
        {"role": "user", "content": render("question_passages.j2", question=shot["question"], passages=shot["passages"])},
        {"role": "assistant", "content": shot["reply"]}))


def build_strategies(norag: list[str], rag: list[str], refusal: str, refusal_repeats: int,
                     refusal_shots: list[dict] = ()) -> list[Strategy]:
    shots = shot_turns(list(refusal_shots))
    return ([Strategy(f"norag_{i + 1}", p, False) for i, p in enumerate(norag)]
            + [Strategy(f"rag_{i + 1}", p, True) for i, p in enumerate(rag)]
            + [Strategy(f"refusal_{i + 1}", refusal, True, shots) for i in range(refusal_repeats)])


def answer_conversation(record: dict, system: str | None, rag: bool, ndocs: int | None) -> list[dict]:
    """The user turn of prompt optimization and self-demos: the question, with the first `ndocs`
    passages for RAG (all of them when `ndocs` is None)."""
    return user_turn(answer_turn(record, rag, ndocs), system)


def answer_turn(record: dict, rag: bool, ndocs: int | None) -> str:
    if rag:
        return render("question_passages.j2", question=record["question"], passages=record["retrieved_support"][:ndocs])
    return render("question_only.j2", question=record["question"])


def first_turns(record: dict, strategies: list[Strategy], ndocs: int | None) -> list[list[dict]]:
    """The conversation each strategy's first engine call in generate_candidates sends for `record`."""
    return [opening(s.system, s.shots) + [{"role": "user", "content": answer_turn(record, s.rag, ndocs)}]
            for s in strategies]


def generate_candidates(llm: LLM, records: list[dict], strategies: list[Strategy], ndocs: int | None,
                        sampling: Sampling, summarize: bool = False, one_sentence: bool = False) -> list[list[dict]]:
    """Per record, one candidate per strategy: [{strategy, text}], from one batched engine call per
    turn. With `summarize` (the reference's get_demos.py) the answer is a first turn and the
    candidate is the reply to a second, summarize turn, its "Here is...:" preamble cut. With
    `one_sentence` the candidate is cut after its first sentence: a model that runs on after
    answering would otherwise teach the trained model to run on too."""
    pairs = [(r, s) for r in records for s in strategies]
    turns = [[answer_turn(r, s.rag, ndocs)] + ([render("summarize.j2")] if summarize else []) for r, s in pairs]
    texts = [out[0] for out in series(llm, [s.system for _, s in pairs], turns, sampling,
                                      prefixes=[list(s.shots) for _, s in pairs])]
    k = len(strategies)
    texts = [strip_preamble(t) for t in texts]
    if one_sentence:  # (only the final turn: a summarize turn reads the whole first answer)
        texts = [first_sentence(t) for t in texts]
    return [[{"strategy": s.name, "text": t} for s, t in zip(strategies, texts[i * k:(i + 1) * k])]
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
        if refusals and self.rules.record_relevance(self.records[e], self.ndocs) == "Absent":
            return refusals[0]
        if answering:
            best = max(answering, key=lambda c: f1[c])
            if f1[best] >= self.min_f1:
                return best
        return None


def summarize(rows: list[dict], rules: LexicalRules, judge_ndocs: int) -> dict:
    """Counts of a self-demo set: kept, dropped by reason, winner strategies, refusal share, and
    winners' lexical labels by the lexical relevance of the judge's passages."""
    kept = [r for r in rows if r["prediction"] is not None]
    by_relevance: dict[str, Counter] = {}
    for r in rows:
        rel = rules.record_relevance(r, judge_ndocs)
        outcome = "no_winner" if r["prediction"] is None else rules.label(r["prediction"], r["answers"])
        by_relevance.setdefault(rel, Counter())[outcome] += 1
    return {
        "examples": len(rows),
        "kept": len(kept),
        "dropped": {"no_winner": len(rows) - len(kept)},
        "winner_strategies": dict(Counter(r["prediction_source"] for r in kept).most_common()),
        "refusal_share": sum(rules.is_refusal(r["prediction"]) for r in kept) / len(kept) if kept else None,
        "winner_labels_by_relevance": {rel: dict(c.most_common()) for rel, c in sorted(by_relevance.items())},
        "candidate_refusal_share": (sum(rules.is_refusal(c["text"]) for r in rows for c in r["predictions"])
                                    / max(1, sum(len(r["predictions"]) for r in rows))),
        "judge_unparsed": sum(r["judge_unparsed"] for r in rows),
    }
