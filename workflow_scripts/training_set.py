"""Rule training_set: dpo pairs, sft_self_demo rows or sft_ra_it rows (fairseq2 JSONL) + summary."""

import logging
from collections import Counter

from sdrait import runtime
from sdrait.io import read_jsonl, write_json, write_jsonl
from sdrait.lexical import LexicalRules
from sdrait.models import load_chat_tokenizer
from sdrait.eval_prompt import eval_conversation
from sdrait.training_sets import dpo_pairs, end_of_turn, fits_max_seq_len, sft_rows

runtime.setup(snakemake)
p, kind = snakemake.params, snakemake.wildcards.kind
tokenizer = load_chat_tokenizer(p.policy["path"], p.policy["config"].get("trust_remote_code", False))
eot = end_of_turn(tokenizer)
rules = LexicalRules.from_config(p.lexical)
fits = fits_max_seq_len(lambda text: len(tokenizer(text, add_special_tokens=False).input_ids), p.max_seq_len)
pair_counts = None


def src(record):
    return tokenizer.apply_chat_template(eval_conversation(record, p.ndocs, p.system_prompt),
                                         tokenize=False, add_generation_prompt=True)


if kind == "sft_ra_it":  # the paper's RA-IT baseline: the original RA-DIT targets
    records = read_jsonl(snakemake.input.mixture)
    rows, drops = sft_rows(records, src, eot, lambda r: r["answers"][0], fits)
    kept = {r["id"] for r in rows}
    chosen = [r["answers"][0] for r in records if r["id"] in kept]
    winners = Counter(r["source"] for r in records if r["id"] in kept)
else:
    demos = read_jsonl(snakemake.input.demos)
    if kind == "dpo":
        rows, drops, pair_counts = dpo_pairs(
            demos, src, eot, p.dpo["dpo_rejected"], p.dpo["seed"], label=rules.label,
            relevance=lambda d: rules.record_relevance(d, p.dpo["judge_ndocs"]),
            ranked_by="labels" if p.dpo["tournament_judge"] == "lexical" else "tournament",
            per_example=p.dpo["dpo_pairs_per_example"], refusal_first=p.dpo["dpo_refusal_first"], fits=fits)
    else:
        rows, drops = sft_rows(demos, src, eot, lambda d: d["prediction"], fits)
    kept = {r["id"].split(":")[0] for r in rows}
    chosen = [d["prediction"] for d in demos if d["id"] in kept]
    winners = Counter(d["prediction_source"] for d in demos if d["id"] in kept)

summary = {
    "kind": kind, "rows": len(rows), "dropped": dict(drops), "end_of_turn": eot,
    "winner_strategies" if kind != "sft_ra_it" else "sources": dict(winners.most_common()),
    "refusal_share": sum(rules.is_refusal(t) for t in chosen) / len(chosen) if chosen else None,
}
if pair_counts is not None:  # kinds and relevance by the lexical rules, whatever judge ranked them
    summary["pairs_by_kind"] = dict(pair_counts["kinds"].most_common())
    summary["pairs_by_relevance"] = dict(pair_counts["relevance"].most_common())
    summary["pairs_by_relevance_and_kind"] = {rel: dict(c.most_common())
                                              for rel, c in sorted(pair_counts["kinds_by_relevance"].items())}
if drops["longer_than_max_seq_len"]:
    logging.warning("%s: %d rows longer than training.max_seq_len=%d tokens dropped (fairseq2 skips them unsaid); "
                    "raise it or shorten the passages (training_sets.ndocs)", kind, drops["longer_than_max_seq_len"],
                    p.max_seq_len)
write_jsonl(snakemake.output.data, rows)
write_json(snakemake.output.summary, summary)
logging.info("%s: %s", kind, summary)
