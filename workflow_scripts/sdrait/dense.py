"""The dense retriever: a passage store with random access by row, passage embeddings written in
shards to .npy files (memory-mapped, never whole in one process), a FAISS index built from those
files by an `index_factory` string (Flat, IVF...,PQ...), and queries encoded by a Hugging Face
encoder and searched.

At Wikipedia size (21M-33M passages) nothing here holds the corpus or its embeddings whole: the
store reads the rows it returns, a shard encodes its own rows, and the index is trained on a sample
and filled chunk by chunk (a flat index itself still holds every vector: choose IVF/PQ there)."""

from __future__ import annotations

import json
import os
from array import array
from pathlib import Path
from typing import Iterable

import numpy as np

from .io import DataError, atomic_open
from .retrieval import indexed_text
from .runtime import resolve_dtype

# Vectors added to a FAISS index at a time, read from the memory-mapped shards.
ADD_CHUNK = 65536


# --- passages -----------------------------------------------------------------------------------

def write_passage_store(passages: Iterable[dict], out_dir: str | os.PathLike) -> int:
    """`passages.jsonl` and the byte offset of each line (`offsets.npy`) in `out_dir`."""
    out_dir = Path(out_dir)
    # 8 bytes a passage (33M for Wikipedia: 264 MB; a list of Python ints would take ~1.2 GB)
    offsets, position = array("q"), 0
    with open(out_dir / "passages.jsonl", "wb") as f:
        for passage in passages:
            line = (json.dumps(passage, ensure_ascii=False) + "\n").encode("utf-8")
            offsets.append(position)
            position += f.write(line)
    np.save(out_dir / "offsets.npy", np.frombuffer(offsets, dtype=np.int64))
    return len(offsets)


class PassageStore:
    """The passages of a store, read by row (a FAISS id is a row)."""

    def __init__(self, store_dir: str | os.PathLike):
        self.offsets = np.load(Path(store_dir) / "offsets.npy", mmap_mode="r")
        self.file = open(Path(store_dir) / "passages.jsonl", "rb")

    def __len__(self) -> int:
        return len(self.offsets)

    def row(self, i: int) -> dict:
        self.file.seek(int(self.offsets[i]))
        return json.loads(self.file.readline())

    def rows(self, start: int, end: int) -> list[dict]:
        self.file.seek(int(self.offsets[start]))
        return [json.loads(self.file.readline()) for _ in range(start, end)]


def shard_rows(n: int, shard: int, shards: int) -> tuple[int, int]:
    """The rows [start, end) of embedding shard `shard` of `shards` over `n` passages."""
    return shard * n // shards, (shard + 1) * n // shards


# --- encoders -----------------------------------------------------------------------------------

class Encoder:
    """A Hugging Face encoder (transformers AutoModel) pooled to one vector per text: `mean` over
    the tokens (sentence-transformers' all-MiniLM-L6-v2) or the `cls` token (DRAGON+, DPR);
    `normalize` makes inner product cosine. On a GPU when the job has one, in the model's `dtype`
    (`auto`: bfloat16 there; a BERT-base forward pass on an H100 is ~9x faster than in float32);
    the vectors are float32 whatever it computes in."""

    def __init__(self, settings: dict):
        """`settings`: `path`, `gpus`, `dtype`, `pooling`, `normalize`, `max_length`, `batch_size`
        (rules/common.smk's encoder_params)."""
        import torch
        from transformers import AutoModel, AutoTokenizer

        self.torch = torch
        self.device = "cuda" if settings["gpus"] and torch.cuda.is_available() else "cpu"
        dtype = getattr(torch, resolve_dtype(settings["dtype"], cuda=self.device == "cuda"))
        self.tokenizer = AutoTokenizer.from_pretrained(settings["path"])
        self.model = AutoModel.from_pretrained(settings["path"], dtype=dtype).to(self.device).eval()
        self.pooling, self.normalize = settings["pooling"], settings["normalize"]
        self.max_length, self.batch_size = settings["max_length"], settings["batch_size"]
        self.dim = self.model.config.hidden_size

    def encode(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = self.tokenizer(texts[start:start + self.batch_size], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="pt").to(self.device)
            with torch.inference_mode():
                hidden = self.model(**batch).last_hidden_state.float()  # pooled in float32
            if self.pooling == "cls":
                vectors = hidden[:, 0]
            else:
                mask = batch["attention_mask"].unsqueeze(-1).float()
                vectors = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            if self.normalize:
                vectors = torch.nn.functional.normalize(vectors, dim=-1)
            out[start:start + len(vectors)] = vectors.cpu().numpy()
        return out


def embed_shard(store: PassageStore, encoder: Encoder, start: int, end: int, path: str | os.PathLike,
                progress=None) -> None:
    """Embeddings of rows [start, end) written to the .npy file `path` as they are computed."""
    with atomic_open(path, "wb") as f:
        np.lib.format.write_array_header_1_0(f, {"descr": "<f4", "fortran_order": False,
                                                 "shape": (end - start, encoder.dim)})
        step = encoder.batch_size * 16
        for chunk in range(start, end, step):
            passages = store.rows(chunk, min(end, chunk + step))
            f.write(encoder.encode([indexed_text(p) for p in passages]).tobytes())
            if progress is not None:
                progress.update(len(passages))


# --- FAISS ----------------------------------------------------------------------------------------

def load_embeddings(files: list[str], n_passages: int) -> list[np.ndarray]:
    """The shards' embeddings, memory-mapped, checked against each other and the passage count."""
    arrays, dim = [], None
    for path in files:
        try:
            array = np.load(path, mmap_mode="r")
        except (OSError, ValueError) as e:
            raise DataError(path, None, None, f"not a .npy array: {e}") from e
        if array.ndim != 2 or array.dtype.kind != "f":
            raise DataError(path, None, None, f"expected a 2-D float array, got shape {array.shape} {array.dtype}")
        if dim is not None and array.shape[1] != dim:
            raise DataError(path, None, None, f"{array.shape[1]} dimensions, but {files[0]} has {dim}")
        dim = array.shape[1]
        arrays.append(array)
    rows = sum(len(a) for a in arrays)
    if rows != n_passages:
        raise DataError(files[0], None, None, f"the embeddings hold {rows} rows over {len(files)} file(s), "
                        f"but the corpus has {n_passages} passages (one row per passage, in corpus order)")
    return arrays


def _training_sample(arrays: list[np.ndarray], size: int, seed: int) -> np.ndarray:
    """Up to `size` rows drawn uniformly over every shard, read from the memory maps."""
    bounds = np.cumsum([0] + [len(a) for a in arrays])
    rows = np.sort(np.random.default_rng(seed).choice(bounds[-1], size=min(size, bounds[-1]), replace=False))
    parts = [arrays[i][rows[(rows >= bounds[i]) & (rows < bounds[i + 1])] - bounds[i]] for i in range(len(arrays))]
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)


def build_faiss(arrays: list[np.ndarray], dense: dict, out_dir: str | os.PathLike) -> dict:
    """The FAISS index (`dense.index`, inner product) of the shards' rows in order: FAISS id = row."""
    import faiss

    dim = arrays[0].shape[1]
    index = faiss.index_factory(dim, dense["index"], faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained:
        index.train(_training_sample(arrays, dense["train_size"], dense["seed"]))
    for array in arrays:
        for start in range(0, len(array), ADD_CHUNK):
            index.add(np.ascontiguousarray(array[start:start + ADD_CHUNK], dtype=np.float32))
    faiss.write_index(index, str(Path(out_dir) / "faiss.index"))
    meta = {"num_docs": int(index.ntotal), "dim": dim, "index": dense["index"]}
    (Path(out_dir) / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def search_dense(index_dir: str | os.PathLike, store: PassageStore, query_vectors: np.ndarray, dense: dict,
                 k: int, gpus: int) -> list[list[dict]]:
    """The top `k` passages of each query vector, each with `retriever: dense` and its `score`
    (inner product). An IVF index probes `nprobe` lists and may return fewer than `k`."""
    import faiss

    if not len(query_vectors):
        return []
    index = faiss.read_index(str(Path(index_dir) / "faiss.index"))
    if "IVF" in dense["index"]:
        faiss.ParameterSpace().set_index_parameter(index, "nprobe", dense["nprobe"])
    if gpus and faiss.get_num_gpus():
        index = faiss.index_cpu_to_all_gpus(index)
    scores, ids = index.search(np.ascontiguousarray(query_vectors, dtype=np.float32), k)
    return [[{**store.row(int(i)), "retriever": "dense", "score": round(float(s), 4)}
             for i, s in zip(row_ids, row_scores) if i >= 0]
            for row_ids, row_scores in zip(ids, scores)]
