"""The training-data half of the DAG on the tiny config: prompts, self-demos, training sets, and a
shard killed mid-way that resumes from its last flushed record."""

import json
import os
import shutil
import signal
import subprocess
import time

from conftest import SNAKEMAKE, REPO, read_jsonl, snakemake

STRATEGIES = {"norag_1", "rag_1", "refusal_1"}


def test_prompt_sets_are_ranked_with_scores(tiny_run):
    for prompt_set in ("rag", "norag"):
        ranked = read_jsonl(tiny_run / "results" / "prompts" / f"{prompt_set}.jsonl")
        scores = [r["score"] for r in ranked]
        assert scores == sorted(scores, reverse=True) and all(0 <= s <= 5 for s in scores)
        assert ranked[0]["prompt"] and {r["first_step"] for r in ranked} <= {0, 1}
        assert any(r["first_step"] == 0 for r in ranked)  # the seed prompt is ranked too
        steps = read_jsonl(tiny_run / "results" / "prompts" / f"{prompt_set}.steps.jsonl")
        assert [s["step"] for s in steps] == [0] and steps[0]["kept"]


def test_self_demos_keep_every_candidate_and_the_winner(tiny_run):
    r = tiny_run / "results"
    mixture = read_jsonl(r / "data" / "train" / "mixture.jsonl")
    assert sorted(m["source"] for m in mixture) == ["oasst"] * 2 + ["tasks"] * 4
    shards = [read_jsonl(r / "self_demos" / "shards" / f"{k}-of-2.jsonl") for k in range(2)]
    assert sorted(row["id"] for s in shards for row in s) == sorted(m["id"] for m in mixture)
    demos = read_jsonl(r / "self_demos" / "self_demos.jsonl")
    summary = json.loads((r / "self_demos" / "summary.json").read_text())
    assert summary["examples"] == 6 and summary["kept"] == len(demos)
    assert summary["dropped"]["no_winner"] == 6 - len(demos)
    assert sum(summary["winner_strategies"].values()) == len(demos)
    for row in (row for s in shards for row in s):
        assert {c["strategy"] for c in row["predictions"]} == STRATEGIES
        if row["prediction"] is not None:
            winner = next(c for c in row["predictions"] if c["strategy"] == row["prediction_source"])
            assert winner["text"] == row["prediction"] and row["tournament"][-1][1] is not None
        else:
            assert row["tournament"][-1][1] is None


def test_training_sets_are_in_fairseq2_format(tiny_run):
    r = tiny_run / "results" / "train"
    demos = read_jsonl(tiny_run / "results" / "self_demos" / "self_demos.jsonl")
    dpo = read_jsonl(r / "dpo" / "data.jsonl")
    summary = json.loads((r / "dpo" / "summary.json").read_text())
    paired = {row["id"].split(":")[0] for row in dpo}  # up to dpo_pairs_per_example pairs per self-demo
    assert len(paired) + sum(summary["dropped"].values()) == len(demos) and summary["rows"] == len(dpo)
    assert sum(summary["pairs_by_kind"].values()) == sum(summary["pairs_by_relevance"].values()) == len(dpo)
    for row in dpo:
        assert set(row) == {"id", "src", "tgt_chosen", "tgt_rejected"}
        assert row["src"].endswith("<|im_start|>assistant\n") and "Passage 1" in row["src"]
        assert row["tgt_chosen"].endswith("<|im_end|>") and row["tgt_rejected"].endswith("<|im_end|>")
        assert row["tgt_chosen"] != row["tgt_rejected"]
    ra_it = read_jsonl(r / "sft_ra_it" / "data.jsonl")
    assert len(ra_it) == 6 and all(set(x) == {"id", "src", "tgt"} for x in ra_it)
    assert len(read_jsonl(r / "sft_self_demo" / "data.jsonl")) == len(demos)


def test_a_killed_shard_resumes_without_lost_or_duplicated_ids(tiny_run, tmp_path):
    # A copy of the finished run (the model dir hard-linked), with one shard removed.
    work = tmp_path / "work"
    shutil.copytree(tiny_run, work, ignore=shutil.ignore_patterns("models"))
    shutil.copytree(tiny_run / "results" / "models", work / "results" / "models", copy_function=os.link)
    shard = work / "results" / "self_demos" / "shards" / "0-of-2.jsonl"
    partial = shard.with_name(shard.name + ".partial")
    expected = sorted(row["id"] for row in read_jsonl(shard))
    shard.unlink()
    cfg = (work / "config.yaml").read_text().replace("chunk_size: 2", "chunk_size: 1")
    (work / "config.yaml").write_text(cfg)

    cmd = [str(SNAKEMAKE), "--snakefile", str(REPO / "Snakefile"), "--directory", str(work),
           "--configfile", str(work / "config.yaml"), "--cores", "2", str(shard.relative_to(work))]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if partial.exists() and len(partial.read_text().splitlines()) >= 2:  # fingerprint + 1 record
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the shard finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not shard.exists()
    done_before = len(partial.read_text().splitlines()) - 1
    assert 1 <= done_before < len(expected)

    # Snakemake itself was killed too (as on a crashed node): its lock stays until --unlock.
    snakemake(work, "--unlock")
    snakemake(work, str(shard.relative_to(work)))
    assert sorted(row["id"] for row in read_jsonl(shard)) == expected
    assert not partial.exists()
    log = (work / "logs" / "self_demos" / "0-of-2.log").read_text()
    assert "records already done" in log
