"""Sharded, resumable JSONL jobs: a killed shard restarts from its last flushed record.

A shard appends finished records to `<output>.partial` (a name Snakemake does not track), flushing
after every chunk; its first line fingerprints the job (params and inputs), so a partial file left
by a different configuration is discarded instead of resumed. When the shard is complete the
partial file is renamed to the output.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Callable, Iterable

log = logging.getLogger(__name__)


def shard_of(records: list[dict], shard: int, shards: int) -> list[dict]:
    if not 0 <= shard < shards:
        raise ValueError(f"shard {shard} not in 0..{shards - 1}")
    return records[shard::shards]


def fingerprint(params: dict, inputs: Iterable[str | os.PathLike]) -> str:
    h = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode())
    for path in inputs:
        st = os.stat(path)
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _resume(partial: Path, print_: str) -> set[str]:
    """Ids already done in `partial` (dropping a torn last line); resets it if the fingerprint differs."""
    if partial.exists():
        with open(partial, "rb+") as f:
            data = f.read()
            end = data.rfind(b"\n") + 1
            if end < len(data):
                f.truncate(end)  # a SIGKILL mid-write leaves half a line
            lines = data[:end].decode().splitlines()
        if lines and json.loads(lines[0]).get("fingerprint") == print_:
            done = {json.loads(line)["id"] for line in lines[1:]}
            log.info("resuming %s: %d records already done", partial, len(done))
            return done
        log.info("discarding %s: written by another configuration", partial)
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(json.dumps({"fingerprint": print_}) + "\n")
    return set()


def run_resumable(records: list[dict], output: str | os.PathLike, print_: str, chunk_size: int,
                  process: Callable[[list[dict]], list[dict]]) -> None:
    """Calls `process` on chunks of the records not done yet; each result row keeps its `id`."""
    output = Path(output)
    partial = output.with_name(output.name + ".partial")
    done = _resume(partial, print_)
    todo = [r for r in records if r["id"] not in done]
    for start in range(0, len(todo), chunk_size):
        chunk = todo[start:start + chunk_size]
        rows = process(chunk)
        if sorted(r["id"] for r in rows) != sorted(r["id"] for r in chunk):
            raise RuntimeError("a chunk's results do not match its records")
        with open(partial, "a") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        log.info("%s: %d / %d records", output.name, len(done) + start + len(chunk), len(records))
    with open(partial) as f:
        lines = f.read().splitlines()[1:]
    ids = [json.loads(line)["id"] for line in lines]
    if len(ids) != len(set(ids)) or set(ids) != {r["id"] for r in records}:
        raise RuntimeError(f"{partial}: ids do not match the shard's records")
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text("".join(line + "\n" for line in lines))
    os.replace(tmp, output)
    partial.unlink()
