"""Prompt optimization as a beam search (the seed's prompt_optimization.py, our code).

Each step: answer a fresh sample of training examples with every prompt in the beam, score the
answers against the gold answers, keep the `topk` prompts by mean score (ties in random order),
and replace the beam by `beam_size // topk` rewrites of each kept prompt, written after a critique
of its scored answers. Finally every prompt ever tried is scored on held-out examples and ranked.
The model calls are passed in as batched functions, one call per step and kind.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from statistics import mean
from typing import Callable

from .prompts import render

log = logging.getLogger(__name__)

# (prompts, examples) -> answers[prompt][example]
AnswerFn = Callable[[list[str], list[dict]], list[list[str]]]
# (answers[prompt][example], examples) -> scores[prompt][example] on 0..5
ScoreFn = Callable[[list[list[str]], list[dict]], list[list[float]]]
# (kept prompts, their answers, their scores, examples, rewrites per prompt) -> new prompts[prompt]
ImproveFn = Callable[[list[str], list[list[str]], list[list[float]], list[dict], int], list[list[str]]]


@dataclass(frozen=True)
class SearchSettings:
    steps: int
    train_example_count: int
    eval_example_count: int
    topk: int
    beam_size: int
    shuffle_window: int
    seed: int

    @classmethod
    def from_config(cls, cfg: dict) -> "SearchSettings":
        return cls(**{k: cfg[k] for k in cls.__dataclass_fields__})


def split_examples(records: list[dict], s: SearchSettings, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Held-out eval examples and the training pool, both from the first `shuffle_window` records."""
    window = list(records[: s.shuffle_window])
    rng.shuffle(window)
    if len(window) < s.eval_example_count + s.train_example_count:
        raise ValueError(f"prompt optimization needs {s.eval_example_count} + {s.train_example_count} examples "
                         f"within shuffle_window={s.shuffle_window}, got {len(window)}")
    return window[: s.eval_example_count], window[s.eval_example_count:]


def top_k(mean_scores: dict[str, float], k: int, rng: random.Random) -> list[str]:
    """The k best prompts; equal scores are ordered at random (shuffle, then a stable sort)."""
    prompts = list(mean_scores)
    rng.shuffle(prompts)
    return sorted(prompts, key=lambda p: -mean_scores[p])[:k]


def pick_for_critique(scores: list[float], k: int, pick: str, rng: random.Random) -> list[int]:
    """Indices of the `k` answers a rewrite conversation critiques: the top-scored (`best`, the
    reference's get_top_k with reverse=True) or the lowest-scored (`worst`); ties in random order."""
    order = list(range(len(scores)))
    rng.shuffle(order)
    return sorted(order, key=lambda i: -scores[i] if pick == "best" else scores[i])[:k]


def rewrite_conversations(kept: list[str], answers: list[list[str]], scores: list[list[float]], examples: list[dict],
                          k: int, pick: str, ndocs: int, rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """The reference's rewrite(): per kept prompt, one conversation (system prompt, turns) whose
    user turns are a critique request per shown answer (each answered by the model in turn, see
    backends.series), then the rewrite request. `ndocs` passages are shown (0: no-RAG prompts)."""
    systems, turns = [], []
    for prompt, row, row_scores in zip(kept, answers, scores):
        shown = pick_for_critique(row_scores, k, pick, rng)
        systems.append(render("rewrite_system.j2", rag=ndocs > 0))
        turns.append([render("critique.j2", question=examples[i]["question"], answers=examples[i]["answers"],
                             response=row[i], passages=examples[i]["retrieved_support"][:ndocs] if ndocs else None)
                      for i in shown] + [render("rewrite.j2", prompt=prompt)])
    return systems, turns


def optimize(seed_prompt: str, records: list[dict], s: SearchSettings,
             answer: AnswerFn, score: ScoreFn, improve: ImproveFn) -> tuple[list[dict], list[dict]]:
    """Returns (ranked prompts [{prompt, score, first_step}], per-step log [{step, prompt, score, kept}])."""
    rng = random.Random(s.seed)
    eval_examples, pool = split_examples(records, s, rng)
    beam, first_step, history = [seed_prompt], {seed_prompt: 0}, []
    for step in range(s.steps):
        batch = rng.sample(pool, s.train_example_count)
        answers = answer(beam, batch)
        scores = score(answers, batch)
        means = {p: mean(row) for p, row in zip(beam, scores)}
        kept = top_k(means, s.topk, rng)
        history += [{"step": step, "prompt": p, "score": means[p], "kept": p in kept} for p in beam]
        log.info("step %d: best mean score %.2f over %d prompts", step, means[kept[0]], len(beam))
        index = {p: i for i, p in enumerate(beam)}
        rewrites = improve(kept, [answers[index[p]] for p in kept], [scores[index[p]] for p in kept], batch,
                           max(1, s.beam_size // s.topk))
        new = [p for group in rewrites for p in group if p and p not in first_step]
        new = list(dict.fromkeys(new))
        for p in new:
            first_step[p] = step + 1
        beam = new or kept  # a step that wrote nothing new keeps the best prompts in play
    tried = list(first_step)
    final = score(answer(tried, eval_examples), eval_examples)
    ranked = sorted(({"prompt": p, "score": mean(row), "first_step": first_step[p]} for p, row in zip(tried, final)),
                    key=lambda r: -r["score"])
    return ranked, history
