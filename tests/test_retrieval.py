"""Issue 24: retrieval as a stage. The corpus reader's errors, the real bm25s index over the
bundled corpus, and real Snakemake runs of the retrieval rules (no model loads in this stage)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, default_config, dry_run_jobs, read_jsonl, reruns_table, snakemake, write_config

from sdrait.io import DataError
from sdrait.retrieval import build_bm25, iter_corpus, search_bm25

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


@pytest.fixture(scope="module")
def retrieval_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("retrieval")
    cfg = retrieval_config(workdir)
    write_config(workdir, cfg)
    snakemake(workdir, *targets(cfg))
    return workdir


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


def rerun_rows() -> dict[str, set[str]]:
    return reruns_table("| change (with a `retrieval` block)")


@pytest.mark.parametrize("row", ROWS)
def test_a_retrieval_change_reruns_what_the_table_says(retrieval_run, row):
    edit, expected = ROWS[row]
    got = edited(retrieval_run, edit)
    got.pop("all", None)
    assert got == expected
    assert set(got) == rerun_rows()[row]
    assert list(rerun_rows()) == list(ROWS)


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
