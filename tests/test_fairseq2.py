"""The fairseq2 0.4.6 integration: the recipe config fairseq2 accepts, the commands rule train runs,
and (in fairseq2's own venv, tests/fairseq2_env/) the tokenizer extension, asset card and HF export."""

import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, default_config

from sdrait.fairseq2_cards import model_config_overrides, recipe_config
from sdrait.training import (fairseq2_cli, fairseq2_command, fairseq2_env, implied_margin, last_checkpoint,
                             resolve_training_dtype)

FAIRSEQ2 = fairseq2_cli(default_config()["training"]["fairseq2"])  # the embedded default's: .venv-fairseq2


def test_in_fairseq2s_own_venv(tiny_run):
    """tests/fairseq2_env/check_fairseq2.py with .venv-fairseq2's Python, on this session's tiny run."""
    env = {**fairseq2_env(), "SDRAIT_TINY_RUN": str(tiny_run)}
    python = str(Path(FAIRSEQ2).with_name("python"))
    out = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(REPO),
                          str(REPO / "tests" / "fairseq2_env" / "check_fairseq2.py")],
                         capture_output=True, text=True, env=env, cwd=REPO)
    print(out.stdout[-3000:])
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-3000:]
    assert "8 passed" in out.stdout and "skipped" not in out.stdout


def test_the_workflows_venv_has_no_fairseq2():
    # rule scripts import nothing of fairseq2: they run its CLI (training.fairseq2)
    out = subprocess.run([str(REPO / ".venv" / "bin" / "python"), "-c", "import fairseq2"], capture_output=True, text=True)
    assert out.returncode != 0 and "No module named 'fairseq2'" in out.stderr


def test_recipe_config_is_accepted_by_fairseq2(tmp_path):
    """fairseq2 merges our file into its recipe config and prints the result; a wrong key fails."""
    t = resolve_training_dtype(default_config()["training"])
    for kind, recipe in (("dpo", "preference_finetune"), ("sft_ra_it", "instruction_finetune")):
        path = tmp_path / f"{kind}.yaml"
        path.write_text(yaml.safe_dump(recipe_config(kind, "sdrait_x", str(tmp_path), str(tmp_path), t)))
        out = subprocess.run([FAIRSEQ2, "lm", recipe, "--config-file", str(path), "--dump-config"],
                             capture_output=True, text=True, env=fairseq2_env())
        assert out.returncode == 0, out.stdout + out.stderr
        merged = yaml.safe_load(out.stdout)
        assert merged["dataset"]["_set_"]["target_encode_mode"] == "as_is"
        # dtype auto: float32 weights under bfloat16 autocast where the CPU computes bfloat16, else
        # plain float32 without mixed precision
        trainer = merged["trainer"]["_set_"]
        assert (trainer["dtype"], trainer["mixed_precision"]) == (t["dtype"], t["mixed_precision"])
        assert (t["dtype"], t["mixed_precision"]) in (("bfloat16", "static"), ("float32", None))
        assert merged["optimizer"]["config"]["_set_"]["lr"] == t["lr"]
        # DPO's own step count (training.dpo.num_steps), the SFT sets' training.num_steps
        steps = t["dpo"]["num_steps"] if kind == "dpo" else t["num_steps"]
        assert merged["regime"]["_set_"]["num_steps"] == merged["regime"]["_set_"]["checkpoint_every_n_steps"] == steps
        if kind == "dpo":
            assert merged["criterion"]["config"]["_set_"]["beta"] == 0.1
    assert t["dpo"]["num_steps"] != t["num_steps"]


def test_commands_are_argument_lists():
    # (rule train passes ranks_per_node resolved: one per GPU here)
    t = {**default_config()["training"], "launcher": "srun", "nodes": 2, "gpus_per_node": 8, "ranks_per_node": 8}
    cmd = fairseq2_command("dpo", Path("/a b;c/recipe.yaml"), Path("/out dir"), t)
    assert cmd[:3] == ["srun", "--nodes=2", "--ntasks-per-node=8"]
    assert cmd[4:] == ["lm", "preference_finetune", "/out dir", "--no-sweep-dir", "--config-file",
                       "/a b;c/recipe.yaml"]
    one = {**default_config()["training"], "ranks_per_node": 1}
    local = fairseq2_command("sft_ra_it", Path("r.yaml"), Path("o"), one)
    # the relative training.fairseq2 names the venv .ci/setup made beside the workflow
    assert local[0] == FAIRSEQ2 == str(REPO / ".venv-fairseq2" / "bin" / "fairseq2")
    assert local[1:3] == ["lm", "instruction_finetune"]
    torchrun = fairseq2_command("dpo", Path("r.yaml"), Path("o"), {**t, "launcher": "local", "nodes": 1})
    assert torchrun[:3] == [str(REPO / ".venv-fairseq2" / "bin" / "torchrun"), "--standalone", "--nproc-per-node=8"]
    with pytest.raises(FileNotFoundError, match="training.fairseq2: 'no-such-fairseq2'"):
        fairseq2_command("dpo", Path("r.yaml"), Path("o"), {**t, "fairseq2": "no-such-fairseq2"})
    # one task in all: the rule already runs inside the job's own step, no nested srun
    single = fairseq2_command("dpo", Path("r.yaml"), Path("o"), {**t, "nodes": 1, "gpus_per_node": 1,
                                                                  "ranks_per_node": 1})
    assert Path(single[0]).name == "fairseq2"
    # CPU ranks start as GPU ranks do: one srun task, or one torchrun process, per rank
    cpu = {**t, "nodes": 1, "gpus_per_node": 0, "ranks_per_node": 2}
    assert fairseq2_command("dpo", Path("r.yaml"), Path("o"), cpu)[:3] == ["srun", "--nodes=1", "--ntasks-per-node=2"]
    assert fairseq2_command("dpo", Path("r.yaml"), Path("o"), {**cpu, "launcher": "local"})[2] == "--nproc-per-node=2"
    assert abs(implied_margin(0.6931471805599453)) < 1e-9


@pytest.mark.parametrize("files, found", [
    (["model.pt", "rank_0.pt", "replicated.pt"], ["model.pt"]),  # one process, or DDP
    (["model.1.pt", "model.0.pt", "rank_0.0.pt", "rank_0.1.pt"], ["model.0.pt", "model.1.pt"]),  # TP 2, in rank order
    (["model.0.pt", "model.2.pt"], "model files found: model.0.pt, model.2.pt"),  # a rank's file missing
    (["model.pt", "model.0.pt"], "model files found: model.0.pt, model.pt"),
    (["rank_0.pt"], "model files found: none"),
])
def test_the_last_checkpoint_is_read_in_every_layout_fairseq2_writes(files, found, tmp_path):
    for step in (2, 10):  # the last by number, not by name
        (tmp_path / "checkpoints" / f"step_{step}").mkdir(parents=True)
    for name in files:
        (tmp_path / "checkpoints" / "step_10" / name).touch()
    (tmp_path / "checkpoints" / "step_2" / "model.pt").touch()
    if isinstance(found, list):
        assert last_checkpoint(tmp_path) == [tmp_path / "checkpoints" / "step_10" / name for name in found]
    else:
        with pytest.raises(FileNotFoundError, match=f"step_10: no model.pt nor .*; {found}$"):
            last_checkpoint(tmp_path)


def test_card_reads_rope_settings_as_transformers_4_and_5_write_them():
    """transformers 5 writes `rope_parameters` (the prepared SmolLM2's config.json under 5.19:
    {"rope_theta": 100000.0, "rope_type": "default"}) where 4.x wrote rope_theta / rope_scaling."""
    base = {"model_type": "llama", "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
            "num_attention_heads": 9, "num_key_value_heads": 3, "max_position_embeddings": 8192,
            "vocab_size": 49152, "bos_token_id": 1, "eos_token_id": 2}
    v4 = model_config_overrides({**base, "rope_theta": 100000.0, "rope_scaling": None})
    v5 = model_config_overrides({**base, "rope_parameters": {"rope_theta": 100000.0, "rope_type": "default"}})
    assert v4 == v5 and v5["_set_"]["rope_theta"] == 100000.0 and not v5["_set_"]["use_scaled_rope"]
    llama3 = {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
    v4 = model_config_overrides({**base, "rope_theta": 500000.0, "rope_scaling": {"rope_type": "llama3", **llama3}})
    v5 = model_config_overrides({**base, "rope_parameters": {"rope_theta": 500000.0, "rope_type": "llama3", **llama3}})
    assert v4 == v5 and v5["_set_"]["use_scaled_rope"] and v5["rope_scaling"]["_set_"]["factor"] == 8.0
    with pytest.raises(ValueError, match="unsupported rope_scaling"):
        model_config_overrides({**base, "rope_parameters": {"rope_theta": 1e6, "rope_type": "yarn", "factor": 4.0}})
