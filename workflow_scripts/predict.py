"""Rule predict: one strategy's answers for every eval set under every `ndocs` setting (the RAG
prompt with the first `ndocs` passages, or closed-book with 0; `samples` each), one engine, one
batched call."""

import logging
from pathlib import Path

from sdrait import runtime
from sdrait.backends import Sampling, check_context, load_llm
from sdrait.eval_prompt import eval_conversation
from sdrait.io import load_eval_grid, split_like, write_jsonl

runtime.setup(snakemake)
gen = snakemake.params.generation
# every eval set is validated before the model loads
grid = load_eval_grid(snakemake.input.qa, snakemake.params.grid)
conversations = [[eval_conversation(r, ndocs, gen.get("system_prompt")) for r in rows] for ndocs, _, rows in grid]
for ndocs, name, rows in grid:
    short = sum(len(r["retrieved_support"]) < ndocs for r in rows)
    if short:
        logging.warning("%s: %d of %d records have fewer than ndocs=%d passages; using what exists",
                        name, short, len(rows), ndocs)

paths = {Path(path).stem: path for path in snakemake.input.qa}  # our converted sets: record i on line i + 1
check_context(snakemake.params.model_config, snakemake.params.model_path,
              [(f"{paths[name]}:{line}: " + (f"retrieved_support[:{ndocs}]" if ndocs else "question"), conv)
               for (ndocs, name, _), convs in zip(grid, conversations) for line, conv in enumerate(convs, start=1)],
              "Lower generation.ndocs or shorten the passages.")
llm = load_llm(snakemake.params.model_config, snakemake.params.model_path)
sampling = Sampling(temperature=gen["temperature"], max_tokens=gen["max_tokens"], n=gen["samples"], seed=gen["seed"])
outputs = split_like(llm.generate([c for convs in conversations for c in convs], sampling), conversations)

for (ndocs, name, rows), convs, preds, path in zip(grid, conversations, outputs, snakemake.output.predictions,
                                                    strict=True):
    write_jsonl(path, (
        {"id": r["id"], "question": r["question"], "answers": r["answers"], "ndocs": ndocs,
         "passages": r["retrieved_support"][:ndocs], "messages": conv, "predictions": p}
        for r, conv, p in zip(rows, convs, preds)
    ))
    logging.info("%s, ndocs %d: wrote %d x %d predictions", name, ndocs, len(rows), gen["samples"])
