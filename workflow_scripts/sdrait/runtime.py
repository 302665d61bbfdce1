"""What every rule script does first: log to the rule's log file (tqdm included), and check that
the job was given the GPUs its rule requested."""

from __future__ import annotations

import logging
import os
import sys


def visible_gpus() -> list[str] | None:
    """The devices SLURM (or the user) gave this process; None where nothing restricts them."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    return None if visible is None else [d for d in visible.split(",") if d.strip()]


def check_gpus(requested: int) -> None:
    """A job must not silently run on fewer GPUs than its rule asked SLURM for (a vLLM engine
    would fail late, or a judge would land on the CPU); more visible devices than requested
    means nothing restricts the job, which is the case on a workstation."""
    given = visible_gpus()
    logging.info("GPUs: rule requested %d; CUDA_VISIBLE_DEVICES=%s", requested,
                 "unset" if given is None else ",".join(given))
    if given is not None and len(given) < requested:
        raise RuntimeError(f"the rule requested {requested} GPUs but the job sees {len(given)} "
                           f"(CUDA_VISIBLE_DEVICES={os.environ['CUDA_VISIBLE_DEVICES']!r})")


def setup(snakemake) -> None:
    log_file = open(snakemake.log[0], "a", buffering=1)
    sys.stderr = log_file  # tqdm progress bars and library warnings land in logs/<stage>/
    logging.basicConfig(
        stream=log_file, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    check_gpus(int(getattr(snakemake.resources, "gpu", 0) or 0))
