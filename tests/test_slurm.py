"""Issue 6: the SLURM profile against a real slurmctld/slurmd (one node on this CPU machine, 4 GPUs
declared as generic resources; .ci/slurm-cluster starts it and stops what it started)."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SNAKEMAKE, dry_run_jobs, read_jsonl, tiny_config, write_config

from sdrait.runtime import check_gpus

# GPUs each rule must ask SLURM for under the config below: every rule that runs SmolLM2
# (declared `gpus: 2`) takes 2, training (3 CPU ranks) and the rest none.
# (The labels judge with SmolLM2 asks like reward does; the tiny run checks that path.)
EXPECTED_GPUS = {"optimize_prompts": 2, "self_demos_shard": 2, "predict": 2, "reward": 2}
# Memory (--mem, MB): what models.smollm2.mem_gb (3 below) says for every rule that starts its
# engine, 2000 for the lexical judges, the profile's 8000 for train, its default else.
EXPECTED_MEM_MB = {"prepare_model": 3000, "optimize_prompts": 3000, "self_demos_shard": 3000, "predict": 3000,
                   "reward": 3000, "labels": 2000, "relevance": 2000, "train": 8000}
# The Snakefile's localrules (bookkeeping: tables, plots, the shard merge) run beside Snakemake.
LOCAL_RULES = {"merge_self_demos", "metrics", "summary", "training_summary", "retrieval_summary", "plot_labels",
               "plot_rewards", "plot_training", "plot_self_demos", "overview"}


def test_a_job_given_fewer_gpus_than_requested_stops(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    with pytest.raises(RuntimeError, match="requested 2 GPUs but the job sees 1"):
        check_gpus(2)
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0,1")
    check_gpus(2)
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES")
    check_gpus(8)  # nothing restricts the devices (a workstation): the engine finds out


@pytest.fixture(scope="module")
def slurm_cluster():
    conf = Path("/etc/slurm/slurm.conf")
    before = conf.read_bytes() if conf.exists() else None
    subprocess.run([str(REPO / ".ci" / "slurm-cluster"), "start"], check=True, capture_output=True)
    yield
    subprocess.run([str(REPO / ".ci" / "slurm-cluster"), "stop"], check=True)
    # a config left naming the stopped controller makes every later `snakemake` wait 10 s: the
    # SLURM plugin asks `scontrol` on import
    assert (conf.read_bytes() if conf.exists() else None) == before


def cpu_node_profile(directory: Path) -> Path:
    """profiles/slurm with the overrides a 2-core node without conda needs, and nothing else:
    no conda envs (jobs use this .venv, which the node sees), one CPU per task, small memory and
    time requests instead of the 70B-sized per-rule ones, job status from squeue, quick checks."""
    profile = yaml.safe_load((REPO / "profiles" / "slurm" / "config.yaml").read_text())
    for key in ("software-deployment-method", "conda-frontend", "set-resources"):
        profile.pop(key)
    profile["default-resources"].update(runtime=30, mem_mb=4000, cpus_per_task=1)
    # two fairseq2 ranks with SmolLM2 and optimizer state each
    profile["set-resources"] = {"train": {"mem_mb": 8000}}
    # this cluster keeps no accounting (no slurmdbd), so sacct cannot answer: ask squeue
    profile.update({"slurm-status-command": "squeue", "slurm-init-seconds-before-status-checks": 2,
                    "latency-wait": 10, "jobs": 4})
    directory.mkdir()
    (directory / "config.yaml").write_text(yaml.safe_dump(profile))
    return directory


def slurm_config(workdir: Path) -> dict:
    cfg = tiny_config(workdir, eval_sets=("nq",), n_questions=3)
    cfg["strategies"] = {k: cfg["strategies"][k] for k in ("base", "dpo_self_demo")}
    cfg["models"]["smollm2"].update(gpus=2, mem_gb=3)
    # Every engine rule still runs at least once, all its checks need; each engine job costs ~25 s of
    # start-up plus ~12 s of SLURM job-step start on this node, and the run is CI's longest test.
    cfg["self_demos"]["shards"] = 1
    cfg["judges"]["labels"] = cfg["judges"]["relevance"]
    # Tensor parallel over 3 CPU ranks, one srun task each, as GPU ranks run (SmolLM2's 9 query and
    # 3 key/value heads split 3 ways, not 2): the start model as rank files, gloo between tasks.
    cfg["training"].update(launcher="srun", nodes=1, gpus_per_node=0, ranks_per_node=3, tensor_parallel=3,
                           num_steps=2)
    return cfg


def test_tiny_run_through_the_slurm_profile(slurm_cluster, tmp_path):
    workdir = tmp_path / "run"
    workdir.mkdir()
    write_config(workdir, slurm_config(workdir))
    expected_jobs = dry_run_jobs(workdir)
    profile = cpu_node_profile(tmp_path / "profile")
    proc = subprocess.run(
        [str(SNAKEMAKE), "--snakefile", str(REPO / "Snakefile"), "--directory", str(workdir),
         "--configfile", str(workdir / "config.yaml"), "--profile", str(profile), "--verbose"],
        capture_output=True, text=True, timeout=1200)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-6000:]

    # every job went through sbatch, with the GPU count its rule asked for
    calls = re.findall(r"sbatch call: (sbatch .*)", out)
    submitted = Counter()
    for call in calls:
        rule = re.search(r"--comment '?rule_([a-z_0-9]+?)(?:_wildcards_|'|\s)", call).group(1)
        submitted[rule] += 1
        gpus = re.search(r"--gpus=(\d+)", call)
        assert (int(gpus.group(1)) if gpus else 0) == EXPECTED_GPUS.get(rule, 0), call
        assert int(re.search(r"--mem (\d+)", call).group(1)) == EXPECTED_MEM_MB.get(rule, 4000), call
        if rule == "train":
            assert "--nodes=1" in call and "--ntasks-per-node=3" in call, call
    # the jobs SLURM ran and the local ones are exactly the jobs a local run would run
    ran_locally = Counter(re.findall(r"^localrule (\w+):", out, re.MULTILINE))
    assert dict(submitted) == {rule: n for rule, n in expected_jobs.items() if rule not in LOCAL_RULES | {"all"}}
    assert dict(ran_locally) == {rule: n for rule, n in expected_jobs.items() if rule in LOCAL_RULES | {"all"}}
    assert (workdir / "results" / "summary" / "labels.md").exists()

    # each model job saw the devices SLURM gave it
    for log in (workdir / "logs" / "predictions").rglob("*.log"):
        assert re.search(r"GPUs: rule requested 2; CUDA_VISIBLE_DEVICES=\d,\d\n", log.read_text()), log
    # both trainings (SFT, then DPO from it) ran on 3 srun tasks at tensor parallel 3: from 3 rank
    # files, to an export the dpo_self_demo predictions were made with
    for start, kind in (("smollm2", "sft_self_demo"), ("sft_self_demo", "dpo")):
        assert sorted(p.name for p in (workdir / "results" / "fairseq2" / start / "checkpoint").iterdir()) == [
            "model.0.pt", "model.1.pt", "model.2.pt"]
        train_log = (workdir / "logs" / "training" / f"{kind}.log").read_text()
        assert "GPUs: rule requested 0" in train_log and "srun', '--nodes=1', '--ntasks-per-node=3'" in train_log
        assert len(read_jsonl(workdir / "results" / "checkpoints" / kind / "train_metrics.jsonl")) == 2
    assert read_jsonl(workdir / "results" / "predictions" / "ndocs4" / "dpo_self_demo" / "nq.jsonl")
