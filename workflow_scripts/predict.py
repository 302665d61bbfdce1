"""Rule predict: one strategy's answers for one eval set under one `ndocs` setting: the RAG prompt
with the first `ndocs` passages, or closed-book with 0 (`samples` each)."""

import logging

from sdrait import runtime
from sdrait.backends import Sampling, load_llm
from sdrait.eval_prompt import eval_conversation
from sdrait.io import load_qa, write_jsonl

runtime.setup(snakemake)
gen, ndocs = snakemake.params.generation, snakemake.params.ndocs
records = load_qa(snakemake.input.qa)  # validated before the model loads
conversations = [eval_conversation(r, ndocs, gen.get("system_prompt")) for r in records]
short = sum(len(r["retrieved_support"]) < ndocs for r in records)
if short:
    logging.warning("%d of %d records have fewer than ndocs=%d passages; using what exists",
                    short, len(records), ndocs)

llm = load_llm(snakemake.params.model_config, snakemake.params.model_path, threads=snakemake.threads)
sampling = Sampling(temperature=gen["temperature"], max_tokens=gen["max_tokens"], n=gen["samples"], seed=gen["seed"])
outputs = llm.generate(conversations, sampling)

write_jsonl(snakemake.output.predictions, (
    {"id": r["id"], "question": r["question"], "answers": r["answers"], "ndocs": ndocs,
     "passages": r["retrieved_support"][:ndocs], "messages": conv, "predictions": preds}
    for r, conv, preds in zip(records, conversations, outputs)
))
logging.info("wrote %d x %d predictions (ndocs %d)", len(records), gen["samples"], ndocs)
