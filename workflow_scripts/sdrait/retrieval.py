"""Retrieval: a passage corpus, its BM25 index (bm25s; the dense one is sdrait.dense), and question sets given the top `k`
passages in the raw RA-DIT format the rest of the DAG reads.

The index keeps the passages beside the term matrix (bm25s writes them as memory-mapped JSONL),
so a retrieve job reads only the passages it returns, whatever the corpus size.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterator

from .io import DataError, iter_jsonl

def indexed_text(passage: dict) -> str:
    """A passage's text as an index sees it: the title belongs to the passage (Pyserini and DPR
    index and embed "title text" the same way); what the prompt shows stays `title` and `text`."""
    return f"{passage['title']} {passage['text']}".strip()


def _passage(path, lineno, raw: dict, seen: dict) -> dict:
    pid = raw.get("id")
    if pid is None or str(pid).strip() == "":
        raise DataError(path, lineno, "id", "missing or empty")
    pid = str(pid)
    if pid in seen:
        raise DataError(path, lineno, "id", f"duplicate passage id {pid!r} (first on line {seen[pid]})")
    seen[pid] = lineno
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError(path, lineno, "text", "missing, empty or not a string")
    title = raw.get("title", "")
    if not isinstance(title, str):
        raise DataError(path, lineno, "title", f"expected str, got {type(title).__name__}")
    return {"id": pid, "title": title, "text": text}


def iter_corpus(path: str | os.PathLike) -> Iterator[dict]:
    """Passages `{id, title, text}` of a JSONL corpus (Atlas's format) or a TSV one with a header
    naming `id`, `text` and `title` (DPR's psgs_w100.tsv), validated line by line: every id once,
    every text non-empty."""
    seen: dict[str, int] = {}
    if str(path).endswith(".tsv"):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
            missing = {"id", "text"} - set(reader.fieldnames or ())
            if missing:
                raise DataError(path, 1, None, f"the header lacks column(s) {', '.join(sorted(missing))} "
                                f"(a TSV corpus has a header: id, text, title)")
            for row in reader:
                yield _passage(path, reader.line_num, {**row, "title": row.get("title") or ""}, seen)
    else:
        for lineno, raw in iter_jsonl(path):
            yield _passage(path, lineno, raw, seen)
    if not seen:
        raise DataError(path, None, None, "no passages: an index needs at least one")


# --- BM25 -------------------------------------------------------------------------------------

def _tokenize(texts: list[str], params: dict, return_ids: bool):
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer(params["stemmer"]) if params.get("stemmer") else None
    return bm25s.tokenize(texts, stopwords=params["stopwords"], stemmer=stemmer, return_ids=return_ids,
                          show_progress=False)


def build_bm25(passages: list[dict], params: dict, out_dir: str | os.PathLike) -> None:
    """The BM25 index of `passages` with the passages themselves, in `out_dir` (bm25s's layout)."""
    import bm25s

    retriever = bm25s.BM25(k1=params["k1"], b=params["b"], method=params["method"])
    retriever.index(_tokenize([indexed_text(p) for p in passages], params, return_ids=True), show_progress=False)
    retriever.save(out_dir, corpus=passages, show_progress=False)


def index_size(index_dir: str | os.PathLike) -> int:
    """Passages in a BM25 or dense index, read from its parameters file (no index loaded)."""
    params = Path(index_dir) / "params.index.json"  # bm25s's; sdrait.dense writes meta.json
    return int(json.loads((params if params.exists() else Path(index_dir) / "meta.json").read_text())["num_docs"])


def search_bm25(index_dir: str | os.PathLike, queries: list[str], params: dict, k: int) -> list[list[dict]]:
    """The top `k` passages of each query, each with `retriever: bm25` and its `score`."""
    import bm25s

    if not queries:
        return []
    retriever = bm25s.BM25.load(index_dir, load_corpus=True, mmap=True, show_progress=False)
    docs, scores = retriever.retrieve(_tokenize(queries, params, return_ids=False), k=k, show_progress=False)
    return [[{**doc, "retriever": "bm25", "score": round(float(s), 4)} for doc, s in zip(row, row_scores)]
            for row, row_scores in zip(docs, scores)]


# --- question sets ------------------------------------------------------------------------------

# The question's field in each raw format (data.smk's two conversions).
QUESTION_FIELD = {"eval": "input", "train": "question"}


def read_question_set(path: str | os.PathLike, fmt: str, override: bool) -> tuple[list[dict], list[int]]:
    """Raw records and the positions of those to retrieve for: records without `retrieved_support`
    (all, when `override`). Each of those must have its question; the conversion checks the rest."""
    question_field = QUESTION_FIELD[fmt]
    records, todo = [], []
    for lineno, record in iter_jsonl(path):
        if override or not record.get("retrieved_support"):
            q = record.get(question_field)
            if not isinstance(q, str) or not q.strip():
                raise DataError(path, lineno, question_field, "missing, empty or not a string: nothing to retrieve for")
            todo.append(len(records))
        records.append(record)
    if not records:
        raise DataError(path, None, None, "no records")
    return records, todo
