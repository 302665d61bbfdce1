"""Several CPU ranks (gloo) for fairseq2 0.4.6: in effect a backport of facebookresearch/fairseq2
#1069 "Improve Gloo/CPU support" (commit 6280fddb3, first released in 0.5.0, which no longer has
the preference recipe). Three points stop a CPU gang of 0.4.6, each changed the smallest way:

- The root gang passes `device_id` for every device; torch refuses it for a CPU one ("device_id
  parameter must be a cuda device"). Here it is not passed for a CPU device.
- Its barrier passes `device_ids=[device.index]`, `[None]` on CPU, which torch's barrier options
  refuse ("incompatible function arguments"). Here a CPU gang passes none, as later upstream
  gangs do.
- The data reader all-gathers each rank's batch count as a 0-d tensor, whose shape gloo refuses
  ("ProcessGroupGloo::allgather: invalid tensor size"). Here it is a one-element tensor, on every
  device (NCCL takes either shape).
  `_min_num_batches` is imported by name into `datasets/_data_reader.py`: the fix goes there.

GPU gangs (NCCL) keep the released `device_id` and barrier."""

from __future__ import annotations

import fairseq2.datasets._data_reader as data_reader
import fairseq2.gang as gang
import torch
import torch.distributed as dist
from fairseq2.logging import log

_released_init = gang.ProcessGroupGang.init_root_process_group.__func__


def _init_root_process_group(cls, device, **kwargs):
    if device.type != "cpu":
        return _released_init(cls, device, **kwargs)
    # `torch_greater_or_equal(2, 3)` is the one condition under which 0.4.6 adds `device_id`.
    released_check = gang.torch_greater_or_equal
    gang.torch_greater_or_equal = lambda *version: False
    try:
        return _released_init(cls, device, **kwargs)
    finally:
        gang.torch_greater_or_equal = released_check


_released_barrier = gang.ProcessGroupGang.barrier


def _barrier(self) -> None:
    if self._device.type != "cpu" or self._monitor_pg is not None:
        return _released_barrier(self)
    try:
        dist.barrier(group=self._pg)
    except RuntimeError as ex:
        raise gang.GangError("The `barrier` collective operation has failed. See the nested exception for "
                             "details.") from ex


def _min_num_batches(num_batches: int, g) -> int:
    all_num_batches = torch.zeros((g.size,), device=g.device, dtype=torch.int64)
    g.all_gather(all_num_batches, torch.tensor([num_batches], device=g.device, dtype=torch.int64))
    min_num_batches = int(all_num_batches.min())
    if min_num_batches == 0 and log.is_enabled_for_debug() and all_num_batches.sum() > 0:
        ranks = all_num_batches.bool().logical_not_().nonzero().squeeze(-1).tolist()
        log.debug("End of data reached at rank(s) {}.", ", ".join(str(r) for r in ranks))
    return min_num_batches


def backport_cpu_gang_fixes() -> None:
    gang.ProcessGroupGang.init_root_process_group = classmethod(_init_root_process_group)
    gang.ProcessGroupGang.barrier = _barrier
    data_reader._min_num_batches = _min_num_batches
