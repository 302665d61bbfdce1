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


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def dpo_pairs(demos: list[dict], src: Callable[[dict], str], eot: str, rejected: str, seed: int):
    """Chosen = the tournament winner; rejected = a losing candidate (seeded choice per example) or,
    with `rejected="original"`, the original RA-DIT target. Returns (rows, drops by reason)."""
    rows, drops = [], Counter()
    for demo in demos:
        chosen = demo["prediction"]
        if rejected == "original":
            other = demo["answers"][0]
        else:
            losers = [c["text"] for c in demo["predictions"] if c["text"].strip() and not _same(c["text"], chosen)]
            if not losers:
                drops["no_distinct_loser"] += 1
                continue
            other = random.Random(f"{seed}:{demo['id']}").choice(losers)
        if _same(chosen, other):
            drops["chosen_equals_rejected"] += 1
            continue
        rows.append({"id": demo["id"], "src": src(demo), "tgt_chosen": chosen + eot, "tgt_rejected": other + eot})
    return rows, drops


def sft_rows(records: list[dict], src: Callable[[dict], str], eot: str, target: Callable[[dict], str]):
    rows, drops = [], Counter()
    for record in records:
        text = target(record)
        if not text.strip():
            drops["empty_target"] += 1
            continue
        rows.append({"id": record["id"], "src": src(record), "tgt": text + eot})
    return rows, drops
