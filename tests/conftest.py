"""Shared fixtures: the real Snakefile run on a tiny config with the real SmolLM2 (CPU)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SNAKEMAKE = Path(sys.executable).parent / "snakemake"


def snakemake(workdir: Path, *args: str, check: bool = True, config: str = "config.yaml",
              snakefile: Path = REPO / "Snakefile") -> subprocess.CompletedProcess:
    """Runs the repository's Snakefile (or a copy's) in `workdir` with the config file `workdir/<config>`."""
    cmd = [str(SNAKEMAKE), "--snakefile", str(snakefile), "--directory", str(workdir),
           "--configfile", str(workdir / config), "--cores", "2", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc


def random_reward_model(tokenizer_dir: str, path, hidden: int, layers: int, heads: int, kv_heads: int,
                        num_labels: int = 1) -> str:
    """A randomly initialised Llama reward model (`num_labels` logits; a reward model has one) with
    SmolLM2's tokenizer, saved at `path`: no reward model can be downloaded here."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForSequenceClassification

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 8 // 3,
                         num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv_heads,
                         num_labels=num_labels, pad_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"))
    LlamaForSequenceClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)


def random_llama(tokenizer_dir: str, path) -> Path:
    """A randomly initialised 2-layer Llama (hidden 256, 4 query / 2 KV heads of dim 64: vLLM's CPU
    attention refuses smaller heads; tied embeddings, as SmolLM2's) with SmolLM2's tokenizer and chat
    template, saved at `path`: small enough that a run over several CPU ranks takes seconds."""
    import shutil

    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=49152, hidden_size=256, intermediate_size=512, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, head_dim=64, max_position_embeddings=2048,
                         rms_norm_eps=1e-5, tie_word_embeddings=True, bos_token_id=1, eos_token_id=2, pad_token_id=2)
    LlamaForCausalLM(config).save_pretrained(path)
    AutoTokenizer.from_pretrained(tokenizer_dir).save_pretrained(path)
    shutil.copy2(Path(tokenizer_dir) / "chat_template.jinja", path)
    return Path(path)


def dry_run_jobs(workdir: Path, *targets: str, config: str = "config.yaml") -> dict[str, int]:
    """Job counts per rule from `snakemake -n [targets]` (empty when there is nothing to do)."""
    out = snakemake(workdir, *targets, "-n", "--quiet", "rules", config=config).stdout
    jobs = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and parts[0] not in ("total", "job"):
            jobs[parts[0]] = int(parts[1])
    return jobs


def default_config() -> dict:
    return yaml.safe_load((REPO / "config" / "config.yaml").read_text())


def tiny_config(workdir: Path, eval_sets=("nq", "hotpotqa"), n_questions: int = 4) -> dict:
    """2 eval sets x 4 questions (present, present, absent, present; passages retrieved by BM25
    from the bundled corpus, as in the default), 4 + 2 training examples,
    short generations; the label judge is the real SmolLM2 through the `llm` path, the other
    judges stay lexical; strategies base, dpo_self_demo (real fairseq2 DPO, from the real SFT run on
    self-demos as in the default) and sft_ra_it (real fairseq2 SFT)."""
    cfg = default_config()
    cfg["eval_sets"] = {}
    for name in eval_sets:
        lines = (REPO / "data" / "eval" / f"{name}.jsonl").read_text().splitlines()[:n_questions]
        path = workdir / "raw" / f"{name}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n")
        cfg["eval_sets"][name] = str(path)
    cfg["retrieval"]["corpus"] = str(REPO / cfg["retrieval"]["corpus"])
    cfg["generation"]["max_tokens"] = 24
    llm_judge = {**cfg["judges"]["relevance"], "backend": "llm", "max_tokens": 24}
    # (SmolLM2 as tournament judge answers "Best: None" to everything: no DPO pairs would be left)
    cfg["judges"].update(labels=llm_judge)
    # the judge-rated reward path (the embedded default has reward.backend none)
    cfg["reward"] = {"backend": "judge", "model": "smollm2", "temperature": 0.0, "max_tokens": 8, "seed": 0,
                     "constrain": True, "max_retries": 4, "retry_temperature": 0.7}
    for name, source in cfg["train_data"]["sources"].items():
        source.update(path=str(REPO / source["path"]), count={"tasks": 4, "oasst": 2}[name])
    cfg["prompt_optimization"].update(steps=1, train_example_count=2, eval_example_count=2, topk=1, beam_size=2,
                                      max_tokens=16, critique_examples=1, critique_max_tokens=24,
                                      rewrite_max_tokens=24)
    cfg["self_demos"].update(refusal_repeats=1, max_tokens=16, chunk_size=2)
    cfg["strategies"] = {k: cfg["strategies"][k] for k in ("base", "dpo_self_demo", "sft_ra_it")}
    # Batch 1 and a raised learning rate: a few pairs the model can fit in 6 steps (at 1e-4 the SFT
    # model answered "Melbourne" to the Canberra passage).
    cfg["training"].update(batch_size=1, lr=5.0e-5, final_lr=5.0e-5, num_steps=6, max_seq_len=768)
    cfg["training"]["dpo"] = {**cfg["training"]["dpo"], "num_steps": None}  # DPO, from SFT, 6 steps too
    return cfg


def reruns_table(header: str) -> dict[str, set[str]]:
    """The table of docs/reruns.md whose header row starts with `header`: first column -> the rule
    names in its second column."""
    page = (REPO / "docs" / "reruns.md").read_text()
    table = next(block for block in page.split("\n\n") if block.startswith(header))
    rows = {}
    for line in table.splitlines()[2:]:
        change, reruns = [c.strip() for c in line.strip("|").split("|")[:2]]
        rows[change] = set(re.findall(r"`(\w+)`", reruns)) if reruns != "nothing" else set()
    return rows


def write_config(workdir: Path, cfg: dict, name: str = "config.yaml") -> None:
    (workdir / name).write_text(yaml.safe_dump(cfg, sort_keys=False))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory) -> Path:
    """A finished run of the whole DAG on the tiny config; its workdir. SDRAIT_TINY_RUN names the
    workdir of an earlier one to reuse while developing (CI always runs it afresh)."""
    if os.environ.get("SDRAIT_TINY_RUN"):
        return Path(os.environ["SDRAIT_TINY_RUN"])
    workdir = tmp_path_factory.mktemp("tiny")
    write_config(workdir, tiny_config(workdir))
    snakemake(workdir)
    return workdir


@pytest.fixture(scope="session")
def smollm2_path(tiny_run) -> str:
    """The SmolLM2 safetensors dir the tiny run's prepare_model rule wrote."""
    return str(tiny_run / "results" / "models" / "smollm2")


@pytest.fixture(scope="session")
def smollm2_llm(smollm2_path):
    """One vLLM engine on the prepared SmolLM2 with the embedded default's model settings, shared by
    the tests that call the model: an engine takes ~10-25 s to start and ~3 GB to hold."""
    from sdrait.backends import load_llm

    return load_llm(default_config()["models"]["smollm2"], smollm2_path)


_GREEDY_IN_OWN_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from sdrait.backends import Sampling, load_llm
args = json.loads(sys.argv[2])
llm = load_llm(args["model_cfg"], args["path"])
outputs = llm.generate(args["conversations"], Sampling(temperature=0.0, max_tokens=args["max_tokens"]))
print("GREEDY " + json.dumps([o[0] for o in outputs]))
"""


def greedy_in_own_process(model_cfg: dict, path: str, conversations: list, max_tokens: int = 16) -> list[str]:
    """Loads an engine on `path` in a child process and returns its greedy answers. A second vLLM
    engine in the test process would not do: when it goes, vLLM tears down the process's (global)
    parallel state, and `smollm2_llm` fails on its next call ("pipeline model parallel group is not
    initialized")."""
    args = json.dumps({"model_cfg": model_cfg, "path": path, "conversations": conversations,
                       "max_tokens": max_tokens})
    proc = subprocess.run([sys.executable, "-c", _GREEDY_IN_OWN_PROCESS, str(REPO / "workflow_scripts"), args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"engine on {path} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    line = next(l for l in proc.stdout.splitlines() if l.startswith("GREEDY "))
    return json.loads(line.removeprefix("GREEDY "))


def paper_workdir(workdir: Path, name: str, **overrides) -> Path:
    """A workdir for dry runs of config/<name>.yaml: the bundled sample files stand in for every
    raw RA-DIT file the config names (the paper's data is not redistributable), `overrides`
    replace top-level config keys. Returns the config file's path."""
    cfg = yaml.safe_load((REPO / "config" / f"{name}.yaml").read_text())
    cfg.update(overrides)
    for path in cfg["eval_sets"].values():
        target = workdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / "data" / "eval" / "nq.jsonl").read_bytes())
    for source, spec in cfg["train_data"]["sources"].items():
        target = workdir / spec["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((REPO / "data" / "train" / f"{source}.jsonl").read_bytes())
    if "retrieval" in cfg:  # the bundled corpus for Wikipedia, two empty files for its embeddings
        corpus = workdir / cfg["retrieval"]["corpus"]
        corpus.parent.mkdir(parents=True, exist_ok=True)
        corpus.write_bytes((REPO / "data" / "corpus.jsonl").read_bytes())
        pattern = cfg["retrieval"].get("dense", {}).get("embeddings")
        for shard in ("00", "01") if isinstance(pattern, str) else ():
            (workdir / pattern.replace("*", shard)).parent.mkdir(parents=True, exist_ok=True)
            (workdir / pattern.replace("*", shard)).touch()
    config = workdir / f"{name}.yaml"
    config.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return config
