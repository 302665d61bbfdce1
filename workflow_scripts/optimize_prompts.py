"""Rule optimize_prompts: beam search over system prompts for each prompt set (norag, then rag), one engine."""

import itertools
import random

from sdrait import runtime
from sdrait.backends import Sampling, check_context, load_policy_and_judge, series
from sdrait.io import iter_jsonl, read_jsonl, write_jsonl
from sdrait.judging import UNPARSED, JudgeSettings, judge
from sdrait.lexical import LexicalRules
from sdrait.prompt_search import SearchSettings, optimize, rewrite_conversations
from sdrait.prompts import render, user_turn
from sdrait.self_demos import answer_conversation
from sdrait.text import strip_preamble

runtime.setup(snakemake)
judge_cfg = snakemake.params.judge
held_out = {r["id"] for r in read_jsonl(snakemake.input.validation)}  # train_data.validation_count
numbered = [(line, r) for line, r in iter_jsonl(snakemake.input.examples) if r["id"] not in held_out]
records = [r for _, r in numbered]
rules = LexicalRules.from_config(snakemake.params.lexical)
# the search's first prompts (each set's seed prompt, over the examples it draws from) must fit
check_context(snakemake.params.policy["config"], snakemake.params.policy["path"],
              [(f"{snakemake.input.examples}:{line}: {'retrieved_support' if name == 'rag' else 'question'}",
                answer_conversation(r, cfg["seed_prompts"][name], name == "rag", cfg["ndocs"]))
               for name, cfg in snakemake.params.search.items() for line, r in numbered[:cfg["shuffle_window"]]],
              "Lower prompt_optimization.ndocs or shorten the passages.")
policy, judge_llm = load_policy_and_judge(snakemake.params.policy, judge_cfg)


def search(prompt_set: str, cfg: dict) -> tuple[list[dict], list[dict]]:
    """One prompt set's search, with the sampling seeds a job of its own would use."""
    rag = prompt_set == "rag"
    seeds = itertools.count(cfg["seed"])  # a fresh sampling seed for every engine call

    def answer(prompts, examples):
        conversations = [answer_conversation(ex, p, rag, cfg["ndocs"]) for p in prompts for ex in examples]
        out = policy.generate(conversations, Sampling(cfg["temperature"], cfg["max_tokens"], seed=next(seeds)))
        texts = [strip_preamble(o[0]) for o in out]
        return [texts[i:i + len(examples)] for i in range(0, len(texts), len(examples))]

    def score(answers, examples):
        pairs = [(a, ex) for row in answers for a, ex in zip(row, examples)]
        if judge_llm is None:
            flat = [rules.score(a, ex["answers"]) for a, ex in pairs]
        else:
            conversations = [user_turn(render("score_judge.j2", question=ex["question"], answers=ex["answers"],
                                              response=a)) for a, ex in pairs]
            verdicts = judge(judge_llm, conversations, [str(n) for n in range(6)],
                             JudgeSettings.from_config(judge_cfg), key="Score")
            flat = [0.0 if v["label"] == UNPARSED else float(v["label"]) for v in verdicts]  # the seed's rule
        n = len(examples)
        return [flat[i:i + n] for i in range(0, len(flat), n)]

    def improve(kept, answers, scores, examples, n_rewrites):
        systems, turns = rewrite_conversations(kept, answers, scores, examples, cfg["critique_examples"],
                                               cfg["critique_pick"], cfg["ndocs"] if rag else 0,
                                               random.Random(next(seeds)))
        out = series(policy, systems, turns, Sampling(cfg["temperature"], cfg["critique_max_tokens"], seed=next(seeds)),
                     Sampling(cfg["rewrite_temperature"], cfg["rewrite_max_tokens"], n=n_rewrites, seed=next(seeds)))
        return [[strip_preamble(t).strip().strip('"').strip() for t in group] for group in out]

    return optimize(cfg["seed_prompts"][prompt_set], records, SearchSettings.from_config(cfg), answer, score, improve)


for prompt_set, cfg in snakemake.params.search.items():
    ranked, history = search(prompt_set, cfg)
    write_jsonl(snakemake.output[f"{prompt_set}_steps"], history)
    write_jsonl(snakemake.output[prompt_set], ranked)
