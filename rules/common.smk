import functools
import glob
import hashlib
import os
import re
from pathlib import Path

import yaml

from snakemake.utils import validate


validate(config, "../config/schema.yaml")


# The training sets (config/schema.yaml lists them too): wildcard `kind`, and names a model may not take.
KINDS = ("dpo", "sft_self_demo", "sft_ra_it")

# generation.ndocs: one setting or a list; 0 is closed-book (the question alone, no relevance).
_ndocs = config["generation"]["ndocs"]
NDOCS = [_ndocs] if isinstance(_ndocs, int) else list(_ndocs)


def training_ranks_per_node():
    """Processes a train job starts on each node: `training.ranks_per_node`, else one per GPU, else 1.
    CPU ranks (gpus_per_node 0) talk over gloo, each with its share of the job's cores."""
    t = config["training"]
    return t["ranks_per_node"] or max(1, t["gpus_per_node"])


_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2}


def training_memory_gb():
    """What a GPU of the train job holds before activations, in GB by part, as fairseq2 0.4.6
    trains (docs/gpu-hours.md); None without `models.<policy>.params_b` or GPUs. Under mixed
    precision the policy is held in float32 and computed under autocast (recipes/common/_model.py),
    with gradients and two AdamW states of its dtype; tensor parallelism splits all of it, FSDP
    splits it again over the data-parallel ranks (fairseq2 applies FSDP only where there are more
    than one), DDP adds a bucket copy of the gradients; the DPO reference model is split by tensor
    parallelism alone, in `dpo.reference_dtype` (recipes/common/_ref_model.py, mp=False)."""
    t, params = config["training"], config["models"][config["policy"]].get("params_b")
    if params is None or not t["gpus_per_node"]:
        return None
    tp = t["tensor_parallel"]
    dp = t["nodes"] * training_ranks_per_node() // tp
    dtype = "bfloat16" if t["dtype"] == "auto" else t["dtype"]  # auto on a GPU
    held = params * (4 if t["mixed_precision"] and dtype != "float32" else _BYTES[dtype]) / tp
    if t["data_parallelism"] == "fsdp" and dp > 1:
        held /= dp
    parts = {"weights": held, "gradients": held, "AdamW states": 2 * held}
    if t["data_parallelism"] == "ddp" and dp > 1:
        parts["DDP gradient buckets"] = held
    if any(spec.get("train") == "dpo" for spec in config["strategies"].values()):
        parts["reference model"] = params * _BYTES[t["dpo"]["reference_dtype"]] / tp
    return parts


def _retrieval_errors(retrieval):
    errors = []
    if not os.path.isfile(retrieval["corpus"]):
        errors.append(f"retrieval.corpus: file {retrieval['corpus']!r} does not exist")
    if retrieval["retriever"] not in retrieval:
        errors.append(f"retrieval.{retrieval['retriever']}: the settings of retriever "
                      f"{retrieval['retriever']!r} are missing")
    dense = retrieval.get("dense") if retrieval["retriever"] == "dense" else None
    if dense:
        roles = ["query_encoder"] + ([] if dense["embeddings"] else ["passage_encoder"])
        for role in roles:
            if dense.get(role) not in config["models"]:
                errors.append(f"retrieval.dense.{role}: unknown model {dense.get(role)!r} (models: "
                              f"{', '.join(config['models'])})")
            elif config["models"][dense[role]]["backend"] != "transformers":
                errors.append(f"retrieval.dense.{role}: model {dense[role]!r} has backend "
                              f"{config['models'][dense[role]]['backend']}; an encoder needs backend: transformers")
        embeddings = dense["embeddings"]
        if isinstance(embeddings, str) and not glob.glob(embeddings):
            errors.append(f"retrieval.dense.embeddings: no file matches {embeddings!r}")
        for path in embeddings if isinstance(embeddings, list) else ():
            if not os.path.isfile(path):
                errors.append(f"retrieval.dense.embeddings: file {path!r} does not exist")
    return errors


def _config_errors():
    """What the JSON schema cannot say: names that must refer to each other, files that must exist."""
    errors = []
    for strategy, spec in config["strategies"].items():
        if "model" in spec and spec["model"] not in config["models"]:
            errors.append(f"strategies.{strategy}.model: unknown model {spec['model']!r} "
                          f"(models: {', '.join(config['models'])})")
    for stage, judge in config["judges"].items():
        if judge["backend"] == "llm" and judge.get("model") not in config["models"]:
            errors.append(f"judges.{stage}.model: unknown model {judge.get('model')!r}")
    if config["reward"]["backend"] == "judge" and config["reward"]["model"] not in config["models"]:
        errors.append(f"reward.model: unknown model {config['reward']['model']!r}")
    if config["policy"] not in config["models"]:
        errors.append(f"policy: unknown model {config['policy']!r}")
    generators = {("policy", config["policy"]), *((f"judges.{stage}.model", j.get("model"))
                                                 for stage, j in config["judges"].items() if j["backend"] == "llm"),
                  *((f"strategies.{s}.model", spec["model"]) for s, spec in config["strategies"].items()
                    if "model" in spec)}
    for key, name in sorted(generators):
        if config["models"].get(name, {}).get("backend") == "transformers":
            errors.append(f"{key}: model {name!r} is an encoder (backend: transformers); generation needs vllm")
    for name in set(config["models"]) & set(KINDS):
        errors.append(f"models.{name}: the name is taken by a training set (training.dpo.start_from)")
    if config["train_data"]["validation_count"] and "validation" in config["eval_sets"]:
        errors.append("eval_sets.validation: the name is taken by the held-out split "
                      "(train_data.validation_count > 0); rename the eval set")
    for name, path in config["eval_sets"].items():
        if not os.path.isfile(path):
            errors.append(f"eval_sets.{name}: file {path!r} does not exist")
    for name, source in config["train_data"]["sources"].items():
        if not os.path.isfile(source["path"]):
            errors.append(f"train_data.sources.{name}.path: file {source['path']!r} does not exist")
    if "retrieval" in config:
        errors.extend(_retrieval_errors(config["retrieval"]))
    if config["prompt_optimization"]["examples_from"] not in config["train_data"]["sources"]:
        errors.append(f"prompt_optimization.examples_from: unknown source "
                      f"{config['prompt_optimization']['examples_from']!r}")
    for name, model in config["models"].items():
        path = model["source"].get("path")
        if path is not None and not os.path.isdir(path):
            errors.append(f"models.{name}.source.path: directory {path!r} does not exist")
        if (model.get("gpus") or model["tensor_parallel"]) < model["tensor_parallel"]:
            errors.append(f"models.{name}.gpus: {model['gpus']} GPUs cannot hold tensor_parallel "
                          f"{model['tensor_parallel']}")
    t = config["training"]
    for n in NDOCS:
        if n < 0:
            errors.append(f"generation.ndocs: {n}: passages per prompt must be 0 (closed-book: the question "
                          f"alone) or more")
    if len(set(NDOCS)) < len(NDOCS):
        errors.append(f"generation.ndocs: {config['generation']['ndocs']}: a setting is listed twice")
    ranks = t["nodes"] * training_ranks_per_node()
    if t["gpus_per_node"] and t["ranks_per_node"] not in (None, t["gpus_per_node"]):
        errors.append(f"training.ranks_per_node: {t['ranks_per_node']} ranks on {t['gpus_per_node']} GPUs a node; "
                      f"with GPUs each rank has one (null)")
    if ranks % t["tensor_parallel"]:
        errors.append(f"training.tensor_parallel: {t['tensor_parallel']} does not divide the {ranks} ranks "
                      f"(nodes x ranks per node); the ranks left over would hold no part of the model")
    memory = training_memory_gb()
    if memory and t["gpu_mem_gb"] and sum(memory.values()) > t["gpu_mem_gb"]:
        parts = ", ".join(f"{part} {gb:.1f}" for part, gb in memory.items())
        errors.append(f"training.gpu_mem_gb: a GPU of the train job would hold {sum(memory.values()):.1f} GB "
                      f"before activations ({parts}; {config['models'][config['policy']]['params_b']}B parameters, "
                      f"tensor parallel {t['tensor_parallel']}, data parallel {ranks // t['tensor_parallel']}), "
                      f"more than its {t['gpu_mem_gb']} GB: add nodes (FSDP splits all but the reference "
                      f"model over them)")
    if t["data_parallelism"] == "fsdp" and not t["gpus_per_node"] and ranks > t["tensor_parallel"]:
        errors.append("training.data_parallelism: fsdp needs GPUs (fairseq2 0.4.6 on CPU ranks: \"The module has "
                      "CPU parameters or buffers when `sync_module_states=True`\"); use ddp")
    return errors


if _config_errors():
    raise WorkflowError("invalid config:\n  " + "\n  ".join(_config_errors()))


NAME = "[A-Za-z0-9_.-]+"


wildcard_constraints:
    eval_set=NAME,
    strategy=NAME,
    model=NAME,
    start=NAME,
    judge=NAME,
    source=NAME,
    kind="|".join(KINDS),
    shard=r"\d+",
    ndocs=r"\d+",
    shards=r"\d+",


# The held-out validation split of the training mixture, in the raw eval format: settings are
# chosen on it, never on the eval sets (train_data.validation_count).
VALIDATION_RAW = "results/data/train/validation.kilt.jsonl"
EVAL_SETS = dict(config["eval_sets"])
if config["train_data"]["validation_count"]:
    EVAL_SETS["validation"] = VALIDATION_RAW


# Question sets as configured (`eval` sets and `train` sources): with a `retrieval` block the DAG
# reads them through rule retrieve (results/retrieval/), which adds the passages they lack.
QUESTION_SETS = {"eval": dict(config["eval_sets"]),
                 "train": {name: s["path"] for name, s in config["train_data"]["sources"].items()}}


# The dense retriever's settings (retrieval.retriever: dense), else None.
DENSE = config["retrieval"].get("dense") if config.get("retrieval", {}).get("retriever") == "dense" else None


def encoder_input(role):
    """What a job holding the dense retriever's `query_encoder` or `passage_encoder` waits for."""
    return model_input(DENSE[role])


def encoder_params(role):
    """An encoder as the job that loads it reads it: its weights, GPUs and dtype (its model block),
    and the pooling."""
    name, keys = DENSE[role], ("pooling", "normalize", "max_length", "batch_size")
    return {"name": name, "path": model_path(name), "gpus": model_gpus(name), "dtype": config["models"][name]["dtype"],
            **{k: DENSE[k] for k in keys}}


def passage_embeddings():
    """The passage embeddings an index is built from: precomputed .npy files (`dense.embeddings`,
    rows in corpus order) or the `dense.shards` files of rule embed_passages."""
    if isinstance(DENSE["embeddings"], str):
        return sorted(glob.glob(DENSE["embeddings"]))
    if DENSE["embeddings"]:
        return list(DENSE["embeddings"])
    n = DENSE["shards"]
    return [f"results/retrieval/embeddings/{i}-of-{n}.npy" for i in range(n)]


def question_set(fmt, name):
    """The raw file of eval set or training source `name` that the conversion reads (the held-out
    validation split is drawn from converted training data: its passages are there already)."""
    if "retrieval" in config and name in QUESTION_SETS[fmt]:
        return f"results/retrieval/{fmt}/{name}.jsonl"
    return EVAL_SETS[name] if fmt == "eval" else QUESTION_SETS[fmt][name]


# --- code ---------------------------------------------------------------------------------

SCRIPTS = Path(workflow.basedir) / "workflow_scripts"
CODE_USES = yaml.safe_load((SCRIPTS / "uses.yaml").read_text())


def code_files(script):
    """A rule script and all it uses, transitively (workflow_scripts/uses.yaml), as paths under
    workflow_scripts/."""
    seen, todo = set(), [script]
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(CODE_USES.get(path, ()))
    return sorted(seen)


@functools.cache
def code_fingerprint(script):
    """A digest of the contents of a script and all it uses (a rule's `params: code`). Snakemake's
    code trigger sees only the script itself, so without it an edited template or module would
    leave stale results. Contents, not mtimes: a checkout that changes nothing re-runs nothing."""
    digest = hashlib.sha256()
    for path in code_files(script):
        digest.update(path.encode() + b"\0" + (SCRIPTS / path).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --- models ---------------------------------------------------------------------------------


def model_path(name):
    """Where a model's weights are: the prepared dir (gguf), the local path, or the hub id."""
    source = config["models"][name]["source"]
    if "gguf" in source:
        return f"results/models/{name}"
    return source.get("path") or source["hub"]


def model_input(name):
    """The prepare_model output a rule must wait for, if any (local paths and hub ids need none)."""
    return [model_path(name)] if "gguf" in config["models"][name]["source"] else []


def checkpoint_dir(kind):
    """The policy after training on a set, exported to Hugging Face format (rule train)."""
    return f"results/checkpoints/{kind}/hf"


def model_settings(name):
    """A model's config as the rules that load it read it: less `mem_gb` and `params_b`, which only
    size jobs (raising memory after an out-of-memory kill must not re-run what already finished)."""
    return {k: v for k, v in config["models"][name].items() if k not in ("mem_gb", "params_b")}


def strategy_model_name(strategy):
    """The configured model that answers under a strategy: its own, or the policy it trained."""
    return config["strategies"][strategy].get("model", config["policy"])


def strategy_model(strategy):
    """(model config, weights path, inputs to wait for) of what answers under a strategy; a configured
    model, or the policy's checkpoint trained on a training set (exported to Hugging Face format)."""
    spec, name = config["strategies"][strategy], strategy_model_name(strategy)
    if "model" in spec:
        return model_settings(name), model_path(name), model_input(name)
    path = checkpoint_dir(spec["train"])
    return model_settings(name), path, [path]


def dpo_start():
    """The training set whose SFT checkpoint DPO starts from and keeps as its reference model
    (training.dpo.start_from), or None: the policy itself, as in the paper."""
    start = config["training"]["dpo"]["start_from"]
    return None if start == "policy" else start


def train_start(kind):
    """The name of what a train job starts from: the policy, or for DPO a training set's SFT
    checkpoint (each gets its fairseq2 asset card under results/fairseq2/<name>)."""
    return (dpo_start() if kind == "dpo" else None) or config["policy"]


def start_weights(start):
    """(weights dir, inputs to wait for) of a train start."""
    if start == config["policy"]:
        return model_path(start), model_input(start)
    path = checkpoint_dir(start)
    return path, [path]


def trained_kinds():
    """The training sets the strategies use, and the one DPO starts from."""
    kinds = {s["train"] for s in config["strategies"].values() if "train" in s}
    if "dpo" in kinds and dpo_start():
        kinds.add(dpo_start())
    return sorted(kinds)


def training_params(kind):
    """What a train job reads: the shared schedule, and `dpo` only for the DPO set (tuning DPO must
    not retrain the SFT baselines)."""
    t = {k: v for k, v in config["training"].items() if (k != "dpo" or kind == "dpo") and k != "gpu_mem_gb"}
    return {**t, "ranks_per_node": training_ranks_per_node()}


def dpo_pair_params():
    """What the DPO pair builder reads (the SFT sets read none of it): the rejected-side rule, and
    the tournament's judge and passages, whose ranking the pairs follow."""
    sets = config["training_sets"]
    return {"dpo_rejected": sets["dpo_rejected"], "dpo_pairs_per_example": sets["dpo_pairs_per_example"],
            "dpo_refusal_first": sets["dpo_refusal_first"], "seed": sets["seed"],
            "tournament_judge": config["judges"]["tournament"]["backend"],
            "judge_ndocs": config["self_demos"]["judge_ndocs"]}


def prompt_search_params(prompt_set):
    """prompt_optimization as one prompt set's search reads it: its own seed prompt; passages only
    for `rag`."""
    search = dict(config["prompt_optimization"])
    search["seed_prompts"] = {prompt_set: search["seed_prompts"][prompt_set]}
    if prompt_set == "norag":
        search["ndocs"] = 0
    return search


def self_demo_params():
    """self_demos as a shard reads it: `min_f1` is the lexical tournament's threshold only."""
    demos = dict(config["self_demos"])
    if config["judges"]["tournament"]["backend"] != "lexical":
        demos.pop("min_f1")
    return demos


def training_gpus():
    t = config["training"]
    return t["nodes"] * t["gpus_per_node"]


def training_resources():
    """The train job's SLURM shape. Under the srun launcher the job holds one task per rank on
    every node and the plugin starts the rule on the batch host without its own srun (`mpi`), so
    the script's `srun fairseq2 ...` spreads the ranks over every node. (`tasks_per_gpu=0` keeps
    the plugin's default --ntasks-per-gpu off: sbatch refuses it beside --ntasks-per-node.)"""
    t = config["training"]
    shape = {"gpu": training_gpus(), "nodes": t["nodes"]}
    if t["launcher"] == "srun" and t["nodes"] * training_ranks_per_node() > 1:
        shape.update(mpi="srun", tasks_per_node=training_ranks_per_node(), tasks_per_gpu=0)
    return shape


def policy_params():
    return {"name": config["policy"], "config": model_settings(config["policy"]),
            "path": model_path(config["policy"])}


def model_gpus(name):
    model = config["models"][name]
    return model["tensor_parallel"] if model.get("gpus") is None else model["gpus"]


def engine_mem_mb(*names):
    """Host memory (MB) of a job holding the engines of these models, each loaded once (a judge
    that is the policy shares its engine), from models.<name>.mem_gb. A job with no engine (a
    lexical judge) asks for LIGHT_MEM_MB. Snakemake's `mem_mb`: SLURM's --mem, and on a local run
    the scheduler starts no more jobs at once than the free memory holds (see the Snakefile)."""
    names = {n for n in names if n}
    return sum(round(config["models"][n]["mem_gb"] * 1000) for n in names) if names else LIGHT_MEM_MB


LIGHT_MEM_MB = 2000


def available_mem_mb():
    """Memory free on this machine now (MB; psutil, which Snakemake itself uses)."""
    import psutil

    return psutil.virtual_memory().available // 10**6


# --- judges ---------------------------------------------------------------------------------


def judge_id(stage):
    """Names a judge in output paths, so changing the judge never overwrites another's labels."""
    judge = config["judges"][stage]
    return "lexical" if judge["backend"] == "lexical" else f"llm-{judge['model']}"


def judge_model(stage):
    judge = config["judges"][stage]
    return judge["model"] if judge["backend"] == "llm" else None


def judge_inputs(stage):
    model = judge_model(stage)
    return model_input(model) if model else []


def judge_params(stage):
    """The judge's settings plus its model's, as one params entry (a change re-runs the stage). A
    lexical judge reads none of the model settings: changing them re-runs nothing."""
    judge = dict(config["judges"][stage])
    model = judge_model(stage)
    if not model:
        return {"backend": "lexical"}
    judge["model_config"] = model_settings(model)
    judge["model_path"] = model_path(model)
    return judge


def judge_gpus(stage):
    model = judge_model(stage)
    return model_gpus(model) if model else 0


# --- reward -------------------------------------------------------------------------------


def rewarded():
    return config["reward"]["backend"] != "none"


def reward_source():
    """Names the backend and model behind every reward number, in files and tables."""
    r = config["reward"]
    if r["backend"] == "none":
        return "none"
    if r["backend"] == "judge":
        return f"judge:{r['model']}"
    return f"classifier:{r['source'].get('path') or r['source']['hub']}"


def reward_params():
    r = dict(config["reward"])
    if r["backend"] == "judge":
        r["model_config"] = model_settings(r["model"])
        r["model_path"] = model_path(r["model"])
    elif r["backend"] == "classifier":
        r["model_path"] = r["source"].get("path") or r["source"]["hub"]
    return r


def reward_inputs():
    return model_input(config["reward"]["model"]) if config["reward"]["backend"] == "judge" else []


def reward_gpus():
    r = config["reward"]
    if r["backend"] == "none":
        return 0
    return model_gpus(r["model"]) if r["backend"] == "judge" else r.get("gpus", 1)


def reward_mem_mb():
    r = config["reward"]
    if r["backend"] == "classifier":
        return round(r["mem_gb"] * 1000)
    return engine_mem_mb(r["model"] if r["backend"] == "judge" else None)


def reward_file(wc):
    """A metrics job's reward scores; none when `reward.backend` is none."""
    return f"results/reward/ndocs{wc.ndocs}/{wc.strategy}/{wc.eval_set}.jsonl" if rewarded() else []


def relevance_file(wc):
    """A metrics job's relevance verdicts; none closed-book (there is no context to judge)."""
    return f"results/relevance/{judge_id('relevance')}/ndocs{wc.ndocs}/{wc.eval_set}.jsonl" if int(wc.ndocs) else []


# --- evaluation grid ------------------------------------------------------------------------
# An engine starts once per job (vLLM: ~25 s on a 2-core CPU, minutes for a 70B model on GPUs),
# so each model's evaluation is one job: predict, labels and reward run once per strategy over
# every eval set and ndocs setting, relevance once per judge. The price: adding or removing an
# eval set or an ndocs setting re-runs each strategy's job whole (docs/reruns.md).


def eval_grid(rag_only=False):
    """[ndocs, eval_set] of every prediction a strategy makes, in the order of a grouped job's
    outputs; `rag_only` leaves out closed-book (ndocs 0), which has no context to judge."""
    return [[n, s] for n in NDOCS if n or not rag_only for s in EVAL_SETS]


def grid_files(pattern, rag_only=False):
    """`pattern` at every point of eval_grid; its other wildcards (strategy, judge) stay."""
    return [pattern.replace("{ndocs}", str(n)).replace("{eval_set}", s) for n, s in eval_grid(rag_only)]


EVAL_QA = [f"results/data/eval/{s}.jsonl" for s in EVAL_SETS]


# --- targets --------------------------------------------------------------------------------


def metrics_files():
    return expand(
        "results/metrics/ndocs{ndocs}/{strategy}/{eval_set}.json",
        ndocs=NDOCS,
        strategy=config["strategies"],
        eval_set=EVAL_SETS,
    )


def self_demo_shards():
    n = config["self_demos"]["shards"]
    return [f"results/self_demos/shards/{k}-of-{n}.jsonl" for k in range(n)]


HEADLINE_TITLE = ("Answers split by relevance, average over eval sets "
                  "(selectivity = refuse|absent - refuse|present)")
SUMMARY_TITLES = {
    "labels": "Answer labels: share of correct / incorrect / refuse",
    "relevance": "Answer labels split by relevance (does the context contain the answer?)",
    "reward": "Reward of (prompt, response)",
}


def summary_tables():
    """Each family's table as CSV, markdown and HTML; the HTML one goes into the report."""
    tables = {}
    for family in SUMMARY_TITLES:
        tables[f"{family}_csv"] = f"results/summary/{family}.csv"
        tables[f"{family}_md"] = f"results/summary/{family}.md"
        tables[f"{family}_html"] = report(
            f"results/summary/{family}.html", caption=f"../report/{family}.rst", category="Tables"
        )
    return tables


TRAINING_SETS = ("dpo", "sft_self_demo", "sft_ra_it")


def final_targets():
    return [
        "results/summary/metrics.csv",
        "results/summary/overview.html",
        "results/summary/headline.md",
        *expand("results/summary/{family}.md", family=SUMMARY_TITLES),
        *expand("results/train/{kind}/data.jsonl", kind=TRAINING_SETS),
        *expand(
            "results/summary/plots/{plot}.png",
            plot=["labels", "prompt_search"]
            + (["rewards"] if rewarded() else [])
            + (["training"] if trained_kinds() else []),
        ),
        *(["results/summary/training.md"] if trained_kinds() else []),
        *(["results/summary/retrieval.md"] if "retrieval" in config else []),
    ]
