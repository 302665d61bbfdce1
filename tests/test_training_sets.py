from transformers import AutoTokenizer

from sdrait.training_sets import dpo_pairs, end_of_turn, sft_rows


def demo(i, winner, *others):
    cands = [{"strategy": f"s{k}", "text": t} for k, t in enumerate((winner, *others))]
    return {"id": f"d{i}", "question": "q", "answers": ["gold"], "predictions": cands, "prediction": winner}


DEMOS = [demo(0, "Canberra.", "Sydney.", "Perth."), demo(1, "Same", " Same ", ""), demo(2, "gold", "x")]


def src(d):
    return f"<prompt {d['id']}>"


def test_dpo_pairs_take_a_seeded_loser_and_drop_equal_sides():
    rows, drops = dpo_pairs(DEMOS, src, "<|eot|>", rejected="loser", seed=0)
    assert [r["id"] for r in rows] == ["d0", "d2"] and drops == {"no_distinct_loser": 1}
    assert rows[0]["src"] == "<prompt d0>" and rows[0]["tgt_chosen"] == "Canberra.<|eot|>"
    assert rows[0]["tgt_rejected"] in ("Sydney.<|eot|>", "Perth.<|eot|>")
    again, _ = dpo_pairs(DEMOS, src, "<|eot|>", rejected="loser", seed=0)
    assert again == rows
    picks = {dpo_pairs(DEMOS[:1], src, "", "loser", seed)[0][0]["tgt_rejected"] for seed in range(20)}
    assert picks == {"Sydney.", "Perth."}


def test_dpo_with_the_original_target_as_rejected():
    rows, drops = dpo_pairs(DEMOS, src, "", rejected="original", seed=0)
    assert [r["tgt_rejected"] for r in rows] == ["gold", "gold"] and drops == {"chosen_equals_rejected": 1}


def test_sft_rows():
    rows, drops = sft_rows(DEMOS, src, "<e>", lambda d: d["prediction"])
    assert rows[0] == {"id": "d0", "src": "<prompt d0>", "tgt": "Canberra.<e>"} and not drops


def test_end_of_turn_of_the_real_chat_template(smollm2_path):
    assert end_of_turn(AutoTokenizer.from_pretrained(smollm2_path)) == "<|im_end|>"
