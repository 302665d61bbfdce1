"""Rule retrieval_passages (dense retriever): the corpus -> a passage store read by row (the
embedding shards and the retrieve jobs read only their rows)."""

import logging

from sdrait import runtime
from sdrait.dense import write_passage_store
from sdrait.io import atomic_dir
from sdrait.retrieval import iter_corpus

runtime.setup(snakemake)
with atomic_dir(snakemake.output.store) as tmp:  # validated line by line as it is written
    n = write_passage_store(iter_corpus(snakemake.input.corpus), tmp)
logging.info("%d passages from %s", n, snakemake.input.corpus)
