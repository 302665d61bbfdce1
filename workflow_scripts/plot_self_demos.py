"""Rule plot_self_demos: prompt-optimization judge scores per beam-search step (RAG and no-RAG),
and which prompt won the self-demo tournaments."""

import json

from sdrait import plots, runtime
from sdrait.io import read_jsonl

runtime.setup(snakemake)
inp, out = snakemake.input, snakemake.output
steps = {"rag": read_jsonl(inp.rag_steps), "no-RAG": read_jsonl(inp.norag_steps)}
plots.save(plots.prompt_search(steps), out.prompts_png, out.prompts_svg)
with open(inp.summary) as f:
    summary = json.load(f)
plots.save(plots.self_demo_winners(summary), out.winners_png, out.winners_svg)
