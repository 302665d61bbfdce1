"""Rule retrieval_index: the passage corpus -> its BM25 index, the passages stored beside it."""

import logging

from sdrait import runtime
from sdrait.io import atomic_dir
from sdrait.retrieval import build_bm25, iter_corpus

runtime.setup(snakemake)
passages = list(iter_corpus(snakemake.input.corpus))  # the whole file validated before indexing
logging.info("%d passages from %s", len(passages), snakemake.input.corpus)
with atomic_dir(snakemake.output.index) as tmp:
    build_bm25(passages, snakemake.params.bm25, tmp)
logging.info("BM25 index written to %s", snakemake.output.index)
