"""Rule self_demos_shard: candidates under every strategy, a tournament picks the winner (resumable)."""

from sdrait import runtime, tournament
from sdrait.backends import Sampling, check_context, load_policy_and_judge
from sdrait.io import iter_jsonl, read_jsonl
from sdrait.judging import JudgeSettings
from sdrait.lexical import LexicalRules
from sdrait.self_demos import LexicalPicker, LLMPicker, build_strategies, first_turns, generate_candidates
from sdrait.shards import fingerprint, run_resumable, shard_of

runtime.setup(snakemake)
cfg, judge_cfg = snakemake.params.demos, snakemake.params.judge
shard, shards = int(snakemake.wildcards.shard), int(snakemake.wildcards.shards)
numbered = shard_of(list(iter_jsonl(snakemake.input.mixture)), shard, shards)  # (line, record)
records = [r for _, r in numbered]
k = cfg["prompts_per_strat"]
strategies = build_strategies([p["prompt"] for p in read_jsonl(snakemake.input.norag)][:k],
                              [p["prompt"] for p in read_jsonl(snakemake.input.rag)][:k],
                              cfg["refusal_prompt"], cfg["refusal_repeats"], cfg["refusal_shots"])
rules = LexicalRules.from_config(snakemake.params.lexical)
engines = []  # loaded on the first chunk: a finished shard resumed by mistake loads nothing


def first_prompts():
    """(file:line: field (strategy), conversation) of every first engine call of this shard."""
    for line, record in numbered:
        for s, conversation in zip(strategies, first_turns(record, strategies, cfg["ndocs"])):
            field = "retrieved_support" if s.rag else "question"
            yield f"{snakemake.input.mixture}:{line}: {field} ({s.name})", conversation


def process(chunk):
    if not engines:
        policy_cfg = snakemake.params.policy
        check_context(policy_cfg["config"], policy_cfg["path"], first_prompts(),
                      "Lower self_demos.ndocs or shorten the passages." if cfg["ndocs"] is not None else
                      "self_demos.ndocs: null puts every retrieved passage in the prompt: give it a number, "
                      "or retrieve fewer (retrieval.k).")
        engines.extend(load_policy_and_judge(policy_cfg, judge_cfg))
    policy, judge_llm = engines
    sampling = Sampling(cfg["temperature"], cfg["max_tokens"], seed=cfg["seed"] + shard)
    candidates = generate_candidates(policy, chunk, strategies, cfg["ndocs"], sampling, cfg["summarize"],
                                     cfg["one_sentence"])
    if judge_llm is None:
        picker = LexicalPicker(rules, cfg["min_f1"], chunk, candidates, cfg["judge_ndocs"])
    else:
        picker = LLMPicker(judge_llm, JudgeSettings.from_config(judge_cfg), chunk, candidates, cfg["judge_ndocs"])
    results = tournament.run([len(c) for c in candidates], picker,
                             seeds=[f"{cfg['seed']}:{r['id']}" for r in chunk], bracket_size=cfg["bracket_size"])
    rows = []
    for e, (record, cands, result) in enumerate(zip(chunk, candidates, results)):
        winner = result["winner"]
        rows.append({
            "id": record["id"], "source": record["source"], "question": record["question"],
            "answers": record["answers"], "retrieved_support": record["retrieved_support"],
            "predictions": cands,
            "prediction": None if winner is None else cands[winner]["text"],
            "prediction_source": None if winner is None else cands[winner]["strategy"],
            "tournament": result["rounds"], "judge_unparsed": picker.unparsed[e],
        })
    return rows


run_resumable(records, snakemake.output.shard,
              fingerprint({"params": dict(snakemake.params.items()), "shard": [shard, shards]}, snakemake.input),
              cfg["chunk_size"], process)
