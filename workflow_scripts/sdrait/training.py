"""Running a fairseq2 recipe from a rule, and reading its metrics back."""

from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

RECIPES = {"dpo": "preference_finetune", "sft_self_demo": "instruction_finetune", "sft_ra_it": "instruction_finetune"}


def fairseq2_cli(configured: str) -> str:
    """`training.fairseq2`: a path (relative: to the workflow's directory, where .ci/setup makes
    .venv-fairseq2) or a command on PATH (a cluster's conda env)."""
    path = Path(configured)
    if len(path.parts) > 1 and not path.is_absolute():
        path = Path(__file__).resolve().parents[2] / path
    found = shutil.which(str(path))
    if found is None:
        raise FileNotFoundError(f"training.fairseq2: {configured!r} is not an executable (bash .ci/setup makes "
                                f".venv-fairseq2; with --sdm conda, envs/fairseq2.yaml puts `fairseq2` on PATH)")
    return found


def fairseq2_command(kind: str, recipe_file: Path, out_dir: Path, t: dict) -> list[str]:
    """The argument list (never a shell string: config values reach no shell) that runs the recipe
    with fairseq2's CLI from its own environment (`training.fairseq2`).

    srun starts one task per rank on every node (fairseq2 reads the SLURM environment); locally
    several ranks go through torchrun, from the same environment; otherwise a plain process."""
    fairseq2 = fairseq2_cli(t["fairseq2"])
    recipe = ["lm", RECIPES[kind], str(out_dir), "--no-sweep-dir", "--config-file", str(recipe_file)]
    per_node = t["ranks_per_node"]  # resolved by the rule (rules/common.smk)
    if t["launcher"] == "srun" and t["nodes"] * per_node > 1:
        return ["srun", f"--nodes={t['nodes']}", f"--ntasks-per-node={per_node}", fairseq2, *recipe]
    if per_node > 1:
        torchrun = str(Path(fairseq2).with_name("torchrun"))
        return [torchrun, "--standalone", f"--nproc-per-node={per_node}", fairseq2, *recipe]
    return [fairseq2, *recipe]


def resolve_training_dtype(t: dict) -> dict:
    """`training` with dtype `auto` resolved on the machine that trains (sdrait.runtime). Mixed
    precision only where the dtype is a 16-bit one: fairseq2 keeps float32 weights anyway, so a
    float32 run has nothing to autocast to (`mixed_precision: null`, fairseq2's CPU setting)."""
    from .runtime import resolve_dtype

    t = {**t, "dtype": resolve_dtype(t["dtype"])}
    if t["dtype"] == "float32":
        t["mixed_precision"] = None
    return t


def fairseq2_env() -> dict[str, str]:
    """fairseq2 loads extensions by entry point: with workflow_scripts/ first on its PYTHONPATH it
    finds sdrait.dist-info (our tokenizer family, sdrait/in_fairseq2/) in any env, installed
    project or not."""
    scripts = Path(__file__).resolve().parents[1]
    entry_points = scripts / "sdrait.dist-info" / "entry_points.txt"
    if not entry_points.is_file():
        raise FileNotFoundError(f"{entry_points}: fairseq2 would not find our tokenizer")
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(scripts) + (os.pathsep + path if path else "")}


def last_checkpoint(out_dir: Path) -> list[Path]:
    """The model files of fairseq2's last checkpoint: `model.pt`, or at tensor-parallel size N
    `model.0.pt` .. `model.{N-1}.pt` (its checkpoint manager's `_shard_suffix`), in rank order."""
    steps = sorted((out_dir / "checkpoints").glob("step_*"), key=lambda p: int(p.name.split("_")[1]))
    if not steps:
        raise FileNotFoundError(f"fairseq2 wrote no checkpoint under {out_dir / 'checkpoints'}")
    found = sorted(p.name for p in steps[-1].glob("model*.pt"))
    if found == ["model.pt"]:
        return [steps[-1] / "model.pt"]
    ranks = [f"model.{r}.pt" for r in range(len(found))]
    if found and sorted(ranks) == found:
        return [steps[-1] / name for name in ranks]
    raise FileNotFoundError(f"{steps[-1]}: no model.pt nor model.0.pt .. model.N.pt of a tensor-parallel run; "
                            f"model files found: {', '.join(found) or 'none'}")


def implied_margin(loss: float) -> float:
    """The reward margin beta * (Δ chosen - Δ rejected) a DPO loss implies: loss = -log σ(margin).
    Exact for one pair; for a batch it is the margin of the batch's mean loss."""
    p = math.exp(-loss)
    return math.log(p / (1 - p)) if p < 1 else math.inf


def curve(rows: list[dict]) -> list[dict]:
    """Per published step: loss, chosen/rejected log-probabilities and the implied reward margin
    (DPO), or the NLL loss (SFT)."""
    out = []
    for row in rows:
        point = {"step": row["Step"]}
        if "DPO Loss" in row:
            point.update(loss=row["DPO Loss"], chosen_logp=row["Chosen Sequence Log Probabilities"],
                         rejected_logp=row["Rejected Sequence Log Probabilities"],
                         reward_margin=implied_margin(row["DPO Loss"]))
        else:
            point.update(loss=row["NLL Loss"])
        out.append(point)
    return out


def read_metrics(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
