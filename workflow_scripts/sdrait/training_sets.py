"""Training sets from self-demos: DPO pairs (fairseq2's preference format) and SFT rows.

`src` is the eval-time RAG prompt rendered with the policy model's chat template (generation
prompt included), so the fairseq2 data is model-agnostic; targets end with the template's
end-of-turn token, so the model learns to stop.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Callable

SENTINEL = "\x00SDRAIT_SENTINEL\x00"


def end_of_turn(tokenizer) -> str:
    """The token the chat template puts after an assistant message (`<|im_end|>`, `<|eot_id|>`)."""
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": "q"}, {"role": "assistant", "content": SENTINEL}], tokenize=False)
    after = text.split(SENTINEL, 1)[1].strip()
    return after.split()[0] if after else tokenizer.eos_token


def fits_max_seq_len(n_tokens: Callable[[str], int], max_seq_len: int) -> Callable[[str, list[str]], bool]:
    """Whether a row trains: fairseq2 0.4.6 skips, without a word, an example whose source plus
    target (either side of a pair) has more than `max_seq_len` tokens. `n_tokens` counts as its
    tokenizer family encodes `src` and the targets (no special tokens added)."""
    def fits(src: str, targets: list[str]) -> bool:
        n_src = n_tokens(src)
        return all(n_src + n_tokens(t) <= max_seq_len for t in targets)
    return fits


def fits_any_length(src: str, targets: list[str]) -> bool:
    return True


def _squash(text: str) -> str:
    return " ".join(text.split())


# The eval's order of labels: abstaining beats a wrong answer, a correct answer beats abstaining.
LABEL_RANK = {"Correct": 2, "Refuse": 1, "Incorrect": 0}


def beaten_by_winner(demo: dict) -> set[int]:
    """Candidates the tournament judge ranked below the winner: those in a bracket the winner won."""
    winner = next(i for i, c in enumerate(demo["predictions"]) if c["strategy"] == demo["prediction_source"])
    return {c for group, w in demo["tournament"] if w == winner for c in group if c != winner}


def dpo_pairs(demos: list[dict], src: Callable[[dict], str], eot: str, rejected: str, seed: int,
              label: Callable[[str, list[str]], str], relevance: Callable[[dict], str], ranked_by: str = "labels",
              per_example: int = 1, refusal_first: bool = True, fits: Callable[[str, list[str]], bool] = fits_any_length):
    """Up to `per_example` pairs per self-demo whose winner ranks above other candidates (distinct
    rejected sides, the first keeps the example's id); chosen = the winner.

    rejected="loser": a candidate ranked below the winner, seeded per example. `ranked_by="labels"`
    (the lexical tournament): by `label` in the order Correct > Refuse > Incorrect; a refusal is
    preferred under a correct winner (it teaches answering where an answer exists), else any lower
    candidate; a winner labelled Incorrect ranks above nothing. `refusal_first=False`: a correct
    winner's rejected side is any lower candidate, refusal or wrong answer alike. `ranked_by="tournament"` (an LLM
    judge): a candidate that lost a bracket to the winner.
    rejected="original": the original RA-DIT target.
    A pair that does not `fit` (fits_max_seq_len) is dropped and counted, as fairseq2 would drop it.
    Returns (rows, drops by reason, counts: pair kinds and relevance by the `label` function)."""
    rows, drops = [], Counter()
    counts = {"kinds": Counter(), "relevance": Counter(), "kinds_by_relevance": {}}
    for demo in demos:
        chosen, answers = demo["prediction"], demo["answers"]
        if rejected == "original":
            others = [answers[0]]
            if _squash(chosen) == _squash(answers[0]):
                drops["chosen_equals_rejected"] += 1
                continue
        else:
            candidates = [(i, c["text"]) for i, c in enumerate(demo["predictions"])
                          if c["text"].strip() and _squash(c["text"]) != _squash(chosen)]
            if ranked_by == "tournament":
                beaten = beaten_by_winner(demo)
                lower = [t for i, t in candidates if i in beaten]
            else:
                top = LABEL_RANK[label(chosen, answers)]
                if top == LABEL_RANK["Incorrect"]:
                    drops["winner_incorrect"] += 1
                    continue
                labels = {t: label(t, answers) for _, t in candidates}
                lower = [t for _, t in candidates if LABEL_RANK[labels[t]] < top]
                refusals = [t for t in lower if labels[t] == "Refuse"]
                lower = refusals if refusal_first and top == LABEL_RANK["Correct"] and refusals else lower
            lower = list(dict.fromkeys(_squash(t) for t in lower))
            if not lower:
                drops["no_lower_ranked_candidate"] += 1
                continue
            others = random.Random(f"{seed}:{demo['id']}").sample(lower, min(per_example, len(lower)))
        rel, prompt = relevance(demo), src(demo)
        for j, other in enumerate(others):
            if not fits(prompt, [chosen + eot, other + eot]):
                drops["longer_than_max_seq_len"] += 1
                continue
            kind = f"{label(chosen, answers).lower()}_over_{label(other, answers).lower()}"
            counts["kinds"][kind] += 1
            counts["relevance"][rel] += 1
            counts["kinds_by_relevance"].setdefault(rel, Counter())[kind] += 1
            rows.append({"id": demo["id"] if j == 0 else f"{demo['id']}:{j}", "src": prompt,
                         "tgt_chosen": chosen + eot, "tgt_rejected": other + eot})
    return rows, drops, counts


def sft_rows(records: list[dict], src: Callable[[dict], str], eot: str, target: Callable[[dict], str],
             fits: Callable[[str, list[str]], bool] = fits_any_length):
    rows, drops = [], Counter()
    for record in records:
        text = target(record)
        if not text.strip():
            drops["empty_target"] += 1
            continue
        prompt = src(record)
        if not fits(prompt, [text + eot]):
            drops["longer_than_max_seq_len"] += 1
            continue
        rows.append({"id": record["id"], "src": prompt, "tgt": text + eot})
    return rows, drops
