from transformers import AutoTokenizer

from sdrait.lexical import LexicalRules
from sdrait.training_sets import beaten_by_winner, dpo_pairs, end_of_turn, fits_max_seq_len, sft_rows

RULES = LexicalRules(refusal_patterns=(r"\bcannot answer\b",))
REFUSAL = "I cannot answer the question from the passages."
PRESENT = [{"title": "Canberra", "text": "Canberra is the capital of Australia."}]
ABSENT = [{"title": "Canberra", "text": "The city has a large artificial lake."}]


def demo(i, winner, *others, passages=PRESENT, answers=("Canberra",), tournament=None):
    cands = [{"strategy": f"s{k}", "text": t} for k, t in enumerate((winner, *others))]
    return {"id": f"d{i}", "question": "q", "answers": list(answers), "retrieved_support": passages,
            "predictions": cands, "prediction": winner, "prediction_source": "s0",
            "tournament": tournament or [[list(range(len(cands))), 0]]}


def relevance(d):
    return RULES.relevance(" ".join(p["text"] for p in d["retrieved_support"]), d["answers"])


def pairs(demos, rejected="loser", seed=0, ranked_by="labels", **kw):
    return dpo_pairs(demos, lambda d: f"<prompt {d['id']}>", "<|eot|>", rejected, seed, label=RULES.label,
                     relevance=relevance, ranked_by=ranked_by, **kw)


def test_a_correct_winner_is_paired_with_a_refusal_first_then_a_wrong_answer():
    rows, drops, counts = pairs([demo(0, "Canberra.", "Sydney.", REFUSAL), demo(1, "It is Canberra.", "Sydney.")])
    assert [r["tgt_rejected"] for r in rows] == [REFUSAL + "<|eot|>", "Sydney.<|eot|>"] and not drops
    assert rows[0] == {"id": "d0", "src": "<prompt d0>", "tgt_chosen": "Canberra.<|eot|>",
                       "tgt_rejected": REFUSAL + "<|eot|>"}
    assert counts["kinds"] == {"correct_over_refuse": 1, "correct_over_incorrect": 1}
    assert counts["relevance"] == {"Present": 2}


def test_without_refusal_first_a_correct_winner_is_paired_with_any_lower_candidate():
    demos = [demo(i, "Canberra.", "Sydney.", REFUSAL) for i in range(40)]
    rejected = {r["tgt_rejected"] for r in pairs(demos, refusal_first=False)[0]}
    assert rejected == {REFUSAL + "<|eot|>", "Sydney.<|eot|>"}
    assert {r["tgt_rejected"] for r in pairs(demos)[0]} == {REFUSAL + "<|eot|>"}


def test_where_the_passages_lack_the_answer_a_refusal_beats_a_wrong_answer_and_a_correct_answer_beats_both():
    rows, drops, counts = pairs([demo(0, REFUSAL, "Sydney.", "Perth.", passages=ABSENT),
                                 demo(1, "Canberra.", REFUSAL, passages=ABSENT)])
    assert rows[0]["tgt_chosen"] == REFUSAL + "<|eot|>" and rows[0]["tgt_rejected"] in ("Sydney.<|eot|>", "Perth.<|eot|>")
    assert rows[1]["tgt_rejected"] == REFUSAL + "<|eot|>"
    assert counts["kinds_by_relevance"] == {"Absent": {"refuse_over_incorrect": 1, "correct_over_refuse": 1}}


def test_every_drop_reason():
    rows, drops, counts = pairs([
        demo(0, "Sydney is the capital.", "Perth."),         # the winner itself is wrong
        demo(1, "Canberra.", "Canberra!", "It is Canberra."),  # nothing ranks below the winner
        demo(2, REFUSAL, REFUSAL, "", passages=ABSENT),        # only equal or empty candidates
        demo(3, "Canberra.", "Sydney."),
    ])
    assert [r["id"] for r in rows] == ["d3"]
    assert drops == {"winner_incorrect": 1, "no_lower_ranked_candidate": 2}
    rows, drops, _ = pairs([demo(0, "Canberra", "x"), demo(1, "Canberra.", "x")], rejected="original")
    assert [r["tgt_rejected"] for r in rows] == ["Canberra<|eot|>"] and drops == {"chosen_equals_rejected": 1}


def test_the_loser_is_seeded_per_example():
    demos = [demo(0, REFUSAL, "Sydney.", "Perth.", "Hobart.", passages=ABSENT)]
    assert pairs(demos)[0] == pairs(demos)[0]
    assert {pairs(demos, seed=s)[0][0]["tgt_rejected"] for s in range(30)} == {
        "Sydney.<|eot|>", "Perth.<|eot|>", "Hobart.<|eot|>"}


def test_an_llm_judged_tournament_pairs_the_winner_with_a_candidate_it_beat():
    # candidates 0..4; round 1: [2, 0, 4] -> 0 wins, [1, 3] -> judge accepts none; final: 0 alone
    d = demo(0, "Canberra.", "Perth.", "Sydney.", "Hobart.", "Darwin.",
             tournament=[[[2, 0, 4], 0], [[1, 3], None], [[0], 0]])
    assert beaten_by_winner(d) == {2, 4}
    rows, drops, _ = pairs([d] * 1, ranked_by="tournament")
    assert rows[0]["tgt_rejected"] in ("Sydney.<|eot|>", "Darwin.<|eot|>") and not drops
    alone = demo(1, "Canberra.", "Perth.", tournament=[[[1], None], [[0], 0]])
    assert pairs([alone], ranked_by="tournament")[1] == {"no_lower_ranked_candidate": 1}


def test_sft_rows():
    rows, drops = sft_rows([demo(0, "Canberra.", "x"), demo(1, " ", "x")], lambda d: f"<{d['id']}>", "<e>",
                           lambda d: d["prediction"])
    assert rows == [{"id": "d0", "src": "<d0>", "tgt": "Canberra.<e>"}] and drops == {"empty_target": 1}


def test_end_of_turn_of_the_real_chat_template(smollm2_path):
    assert end_of_turn(AutoTokenizer.from_pretrained(smollm2_path)) == "<|im_end|>"


def test_several_pairs_per_example_take_distinct_lower_candidates():
    d = demo(0, REFUSAL, "Sydney.", "Perth.", "Sydney. ", passages=ABSENT)
    rows, drops, counts = dpo_pairs([d], lambda d: "<p>", "", "loser", 0, label=RULES.label, relevance=relevance,
                                    per_example=3)
    assert [r["id"] for r in rows] == ["d0", "d0:1"]  # "Sydney. " is "Sydney." again
    assert {r["tgt_rejected"] for r in rows} == {"Sydney.", "Perth."} and not drops
    assert counts["kinds"] == {"refuse_over_incorrect": 2} and counts["relevance"] == {"Absent": 2}


def test_rows_longer_than_max_seq_len_are_dropped_and_counted(smollm2_path):
    """fairseq2 skips them without a word (tests/fairseq2_env/check_fairseq2.py reads such a set
    with fairseq2's own reader); the set drops them itself so its row count and summary are true."""
    tok = AutoTokenizer.from_pretrained(smollm2_path)
    n_tokens = lambda text: len(tok(text, add_special_tokens=False).input_ids)  # noqa: E731
    src = lambda d: f"<prompt {d['id']}>"  # noqa: E731
    short, long = "Canberra.", "Sydney, " + "and Sydney, " * 40 + "Sydney."
    limit = n_tokens("<prompt d0>") + n_tokens(short + "<e>")
    assert fits_max_seq_len(n_tokens, limit)("<prompt d0>", [short + "<e>"])
    assert not fits_max_seq_len(n_tokens, limit - 1)("<prompt d0>", [short + "<e>"])
    fits = fits_max_seq_len(n_tokens, limit + 10)
    rows, drops = sft_rows([demo(0, short), demo(1, long)], src, "<e>", lambda d: d["prediction"], fits)
    assert [r["id"] for r in rows] == ["d0"] and drops == {"longer_than_max_seq_len": 1}
    # a pair is as long as its longer side
    rows, drops, counts = dpo_pairs([demo(0, short, "Sydney."), demo(1, short, long)], src, "<e>", "loser", 0,
                                    label=RULES.label, relevance=relevance, fits=fits)
    assert [r["id"] for r in rows] == ["d0"] and drops == {"longer_than_max_seq_len": 1}
    assert counts["kinds"] == {"correct_over_incorrect": 1}
