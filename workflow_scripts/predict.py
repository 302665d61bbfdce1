"""Rule predict: one strategy's RAG answers (first `ndocs` passages, `samples` each) for one eval set."""

import logging

from sdrait import runtime
from sdrait.backends import Sampling, load_llm
from sdrait.io import load_qa, write_jsonl
from sdrait.prompts import rag_conversation

runtime.setup(snakemake)
gen = snakemake.params.generation
records = load_qa(snakemake.input.qa)  # validated before the model loads
conversations = [rag_conversation(r, gen["ndocs"], gen.get("system_prompt")) for r in records]
short = sum(len(r["retrieved_support"]) < gen["ndocs"] for r in records)
if short:
    logging.warning("%d of %d records have fewer than ndocs=%d passages; using what exists",
                    short, len(records), gen["ndocs"])

llm = load_llm(snakemake.params.model_config, snakemake.params.model_path, threads=snakemake.threads)
sampling = Sampling(temperature=gen["temperature"], max_tokens=gen["max_tokens"], n=gen["samples"], seed=gen["seed"])
outputs = llm.generate(conversations, sampling)

write_jsonl(snakemake.output.predictions, (
    {"id": r["id"], "question": r["question"], "answers": r["answers"],
     "passages": r["retrieved_support"][:gen["ndocs"]], "messages": conv, "predictions": preds}
    for r, conv, preds in zip(records, conversations, outputs)
))
logging.info("wrote %d x %d predictions", len(records), gen["samples"])
