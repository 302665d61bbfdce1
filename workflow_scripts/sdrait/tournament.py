"""The self-demo tournament: the judge picks the best candidate answer, brackets of 3 at a time.

Candidates are shuffled, split into brackets of (at most) `bracket_size`; bracket winners meet
again until at most `bracket_size` remain, then a final picks the winner. A judge may reject a
whole bracket (no acceptable candidate): an example left with no candidate has no winner and is
dropped. All brackets of a round, across all examples, go to the judge in one batch.
"""

from __future__ import annotations

import random
from typing import Callable

# One bracket: (example index, candidate indices). A picker returns, per bracket, the index of the
# winning candidate (one of those given) or None when no candidate is acceptable.
Bracket = tuple[int, list[int]]
Picker = Callable[[list[Bracket]], list[int | None]]


def brackets_of(alive: list[int], size: int) -> list[list[int]]:
    return [alive[i:i + size] for i in range(0, len(alive), size)]


def run(n_candidates: list[int], pick: Picker, seeds: list[str], bracket_size: int = 3) -> list[dict]:
    """Per example: {"winner": candidate index or None, "rounds": [[bracket, winner], ...]}.

    `seeds` (e.g. example ids) fix each example's shuffle independently of batch composition."""
    alive = []
    for n, seed in zip(n_candidates, seeds):
        order = list(range(n))
        random.Random(seed).shuffle(order)
        alive.append(order)
    rounds: list[list] = [[] for _ in n_candidates]
    # Only a candidate that has won a judged bracket can win: a lone candidate, or one that got
    # byes all the way, still faces the judge once on its own.
    approved: list[set[int]] = [set() for _ in n_candidates]
    while True:
        todo: list[Bracket] = []
        byes: dict[int, list[int]] = {}
        for e, cands in enumerate(alive):
            if len(cands) == 1 and cands[0] in approved[e] or not cands:
                continue
            for group in brackets_of(cands, bracket_size):
                if len(group) == 1 and len(cands) > 1:
                    byes.setdefault(e, []).append(group[0])
                else:
                    todo.append((e, group))
        if not todo:
            break
        winners = pick(todo)
        nxt: dict[int, list[int]] = {e: [] for e, _ in todo}
        for (e, group), w in zip(todo, winners):
            if w is not None and w not in group:
                raise ValueError(f"picker chose {w}, not in bracket {group}")
            rounds[e].append([group, w])
            if w is not None:
                approved[e].add(w)
                nxt[e].append(w)
        for e, cands in nxt.items():
            alive[e] = cands + byes.get(e, [])
    return [{"winner": cands[0] if len(cands) == 1 else None, "rounds": r} for cands, r in zip(alive, rounds)]
