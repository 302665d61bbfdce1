"""Rule retrieval_index: the passage corpus -> its BM25 index with the passages stored beside it,
or (dense) the passage embeddings -> their FAISS index."""

import logging

from sdrait import runtime
from sdrait.io import atomic_dir

runtime.setup(snakemake)
p = snakemake.params
with atomic_dir(snakemake.output.index) as tmp:
    if p.retriever == "bm25":
        from sdrait.retrieval import build_bm25, iter_corpus

        passages = list(iter_corpus(snakemake.input.corpus))  # the whole file validated before indexing
        logging.info("%d passages from %s", len(passages), snakemake.input.corpus)
        build_bm25(passages, p.bm25, tmp)
    else:
        from sdrait.dense import PassageStore, build_faiss, load_embeddings

        arrays = load_embeddings(list(snakemake.input.embeddings), len(PassageStore(snakemake.input.store)))
        logging.info("FAISS %s over %d embeddings of %d dimensions", p.dense["index"], sum(map(len, arrays)),
                     arrays[0].shape[1])
        build_faiss(arrays, p.dense, tmp)
logging.info("%s index written to %s", p.retriever, snakemake.output.index)
