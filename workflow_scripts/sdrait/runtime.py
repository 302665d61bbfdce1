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


# CPU flags of the instructions that compute bfloat16 natively. Without them torch emulates it:
# on a 2-core AMD EPYC with AVX2 only a 512x576 @ 576x1536 matmul took 763 ms in bfloat16 and
# 11 ms in float32. torch's get_cpu_capability() says "AVX512" with or without them, so read them.
NATIVE_BFLOAT16_FLAGS = ("avx512_bf16", "amx_bf16")


def cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo") as f:
            return {flag for line in f if line.startswith("flags") for flag in line.split(":", 1)[1].split()}
    except OSError:  # not Linux: no flags known, so no native bfloat16 assumed
        return set()


def resolve_dtype(dtype: str, cuda: bool | None = None, flags: set[str] | None = None) -> str:
    """`auto`: bfloat16 on a GPU or on a CPU that computes it natively, float32 elsewhere; any
    other value as given. Logged, so each job's log says what `auto` became on its machine."""
    if dtype != "auto":
        return dtype
    if cuda is None:
        import torch

        cuda = torch.cuda.is_available()
    flags = cpu_flags() if flags is None else flags
    native = sorted(f for f in NATIVE_BFLOAT16_FLAGS if f in flags)
    resolved = "bfloat16" if cuda or native else "float32"
    logging.info("dtype auto -> %s (%s)", resolved,
                 "CUDA" if cuda else f"CPU, native bfloat16 flags: {', '.join(native) or 'none'}")
    return resolved
