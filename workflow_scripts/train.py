"""Rule train: fairseq2 DPO or SFT of the policy, exported to a Hugging Face dir."""

import json
import logging
import shutil
import subprocess
from pathlib import Path

import torch
import yaml

from sdrait import runtime
from sdrait.fairseq2_cards import recipe_config
from sdrait.hf_export import export
from sdrait.io import atomic_open
from sdrait.models import local_dir
from sdrait.tensor_parallel import load_model_state
from sdrait.training import fairseq2_command, fairseq2_env, last_checkpoint, resolve_training_dtype

runtime.setup(snakemake)
kind, t = snakemake.wildcards.kind, resolve_training_dtype(snakemake.params.training)
logging.info("training dtype %s (configured %s), mixed precision %s", t["dtype"],
             snakemake.params.training["dtype"], t["mixed_precision"])
with open(snakemake.input.data) as f:
    rows = sum(1 for line in f if line.strip())
# fairseq2 drops a final partial batch: a set smaller than one batch trains for 0 steps.
if rows < (t["batch_size"] or 1):
    raise ValueError(f"{snakemake.input.data}: {rows} training rows, fewer than training.batch_size="
                     f"{t['batch_size']}; nothing to train on (see the set's summary.json for drops)")
work = Path(snakemake.output.hf).parent / "fairseq2"
shutil.rmtree(work, ignore_errors=True)  # a killed earlier attempt's state: start clean
work.mkdir(parents=True)

config = recipe_config(kind, snakemake.params.card_name, str(Path(snakemake.input.assets) / "cards"),
                       str(Path(snakemake.input.data).parent), t)
with atomic_open(snakemake.output.recipe) as f:
    yaml.safe_dump(config, f, sort_keys=False)

cmd = fairseq2_command(kind, Path(snakemake.output.recipe), work / "out", t)
logging.info("running %s", cmd)
with open(snakemake.log[0], "a") as log:
    subprocess.run(cmd, check=True, stdout=log, stderr=subprocess.STDOUT, env=fairseq2_env())

policy = Path(local_dir(snakemake.params.policy_path))
dtype = getattr(torch, t["export_dtype"])
state = load_model_state(last_checkpoint(work / "out"),
                         json.loads((policy / "config.json").read_text())["max_position_embeddings"], dtype)
export(state, policy, snakemake.output.hf, dtype=dtype)
with atomic_open(snakemake.output.metrics) as f:
    f.write((work / "out" / "metrics" / "train.jsonl").read_text())
shutil.rmtree(work)
