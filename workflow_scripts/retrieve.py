"""Rule retrieve: a raw question set -> the same records with the top `k` passages of the index
as `retrieved_support` (retriever and score per passage); records that bring passages pass
through unless `override`."""

import logging

from sdrait import runtime
from sdrait.io import DataError, write_json, write_jsonl
from sdrait.retrieval import QUESTION_FIELD, index_size, read_question_set, search_bm25

runtime.setup(snakemake)
p = snakemake.params
fmt = snakemake.wildcards.fmt  # eval or train: which raw format
records, todo = read_question_set(snakemake.input.raw, fmt, p.override)
n_passages = index_size(snakemake.input.index)
if todo and p.k > n_passages:
    raise DataError(snakemake.input.raw, None, "retrieval.k",
                    f"{p.k} passages asked for, but the index of {p.corpus} holds {n_passages}")
logging.info("%s: retrieving for %d of %d records (the rest bring their passages)",
             snakemake.input.raw, len(todo), len(records))
questions = [records[i][QUESTION_FIELD[fmt]] for i in todo]
if p.retriever == "bm25":
    hits = search_bm25(snakemake.input.index, questions, p.bm25, p.k)
else:
    from sdrait.dense import Encoder, PassageStore, search_dense

    vectors = Encoder(p.encoder).encode(questions) if questions else []  # no encoder when all pass through
    store = PassageStore(snakemake.input.dense[0])
    hits = search_dense(snakemake.input.index, store, vectors, p.dense, p.k, p.encoder["gpus"])
for i, passages in zip(todo, hits):
    records[i] = {**records[i], "retrieved_support": passages}
write_jsonl(snakemake.output.raw, records)
write_json(snakemake.output.stats, {"records": len(records), "retrieved": len(todo),
                                    "passed_through": len(records) - len(todo), "retriever": p.retriever,
                                    "k": p.k, "retrieved_positions": todo})
