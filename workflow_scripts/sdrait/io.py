"""JSONL records: validation with file:line:field errors, conversion, and atomic writes.

Every output is written to a temporary name beside its target and renamed when complete, so an
interrupted job never leaves a file Snakemake would take as done.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sized


class DataError(ValueError):
    """Bad input, reported as `file:line: field: problem`."""

    def __init__(self, path: str | os.PathLike, line: int | None, field: str | None, problem: str):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {field}: {problem}" if field else f"{where}: {problem}")
        self.path, self.line, self.field, self.problem = str(path), line, field, problem


def iter_jsonl(path: str | os.PathLike) -> Iterator[tuple[int, dict]]:
    """Yields (line number, object); blank lines are skipped, anything else must be a JSON object."""
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise DataError(path, lineno, None, f"not valid UTF-8 ({e.reason} at byte {e.start})") from None
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as e:
                raise DataError(path, lineno, None, f"invalid JSON ({e.msg} at column {e.colno})") from None
            if not isinstance(obj, dict):
                raise DataError(path, lineno, None, f"expected a JSON object, got {type(obj).__name__}")
            yield lineno, obj


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    return [obj for _, obj in iter_jsonl(path)]


def load_eval_grid(qa_paths: Iterable[str], grid: Iterable) -> list[tuple[int, str, list[dict]]]:
    """(ndocs, eval set, records) for every [ndocs, eval set] of a grouped job's `grid`; eval sets
    are named by their file's stem, and each file is read and validated once."""
    records = {Path(path).stem: load_qa(path) for path in qa_paths}
    return [(int(ndocs), name, records[name]) for ndocs, name in grid]


def read_prediction_samples(paths: Iterable[str]) -> list[list[tuple[dict, int, str]]]:
    """(row, sample index, prediction) of every prediction sample, one list per predictions file."""
    return [[(row, k, pred) for row in read_jsonl(path) for k, pred in enumerate(row["predictions"])]
            for path in paths]


def split_like(flat: Iterable, groups: Iterable[Sized]) -> list[list]:
    """`flat` cut into consecutive lists as long as each of `groups`: one batched model call over
    several files' items, back to the files."""
    rest = iter(flat)
    return [list(itertools.islice(rest, len(group))) for group in groups]


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w"):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def atomic_dir(path: str | os.PathLike):
    """Yields a temporary directory beside `path` that replaces `path` when the block completes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        yield tmp
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def write_jsonl(path: str | os.PathLike, rows: Iterable[dict]) -> int:
    n = 0
    with atomic_open(path) as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_json(path: str | os.PathLike, obj: Any) -> None:
    with atomic_open(path) as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


# --- schema of the raw and normalized records -------------------------------------------------

def _require(path, lineno, obj, field, kind):
    if field not in obj:
        raise DataError(path, lineno, field, "missing")
    value = obj[field]
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise DataError(path, lineno, field, f"expected {expected}, got {type(value).__name__}")
    return value


def _passages(path, lineno, obj) -> list[dict]:
    support = _require(path, lineno, obj, "retrieved_support", list)
    if not support:
        raise DataError(path, lineno, "retrieved_support", "no retrieved passages")
    for k, p in enumerate(support):
        field = f"retrieved_support[{k}]"
        if not isinstance(p, dict):
            raise DataError(path, lineno, field, f"expected object, got {type(p).__name__}")
        for key in ("title", "text"):
            if not isinstance(p.get(key), str):
                raise DataError(path, lineno, f"{field}.{key}", "missing or not a string")
        if not p["text"].strip():
            raise DataError(path, lineno, f"{field}.text", "empty")
    return support


def _nonempty_str(path, lineno, obj, field) -> str:
    value = _require(path, lineno, obj, field, str)
    if not value.strip():
        raise DataError(path, lineno, field, "empty")
    return value


def _record_id(path, lineno, obj, seen: set) -> str:
    rid = str(obj["id"]) if "id" in obj else f"{Path(path).stem}-{lineno}"
    if rid in seen:
        raise DataError(path, lineno, "id", f"duplicate id {rid!r}")
    seen.add(rid)
    return rid


def convert_eval_file(path: str | os.PathLike) -> list[dict]:
    """KILT/RA-DIT dev file (`input`, `output[].answer`, `retrieved_support`) -> QA records.

    Every original field is kept; `id`, `question` and `answers` are added. The whole file is
    validated before anything is returned, so a bad line never yields a partial output.
    """
    rows, seen = [], set()
    for lineno, obj in iter_jsonl(path):
        question = _nonempty_str(path, lineno, obj, "input")
        outputs = _require(path, lineno, obj, "output", list)
        answers = []
        for k, out in enumerate(outputs):
            if isinstance(out, dict) and isinstance(out.get("answer"), str) and out["answer"].strip():
                answers.append(out["answer"].strip())
            elif not (isinstance(out, dict) and "answer" not in out):  # KILT provenance-only entries
                raise DataError(path, lineno, f"output[{k}].answer", "missing, empty or not a string")
        if not answers:
            raise DataError(path, lineno, "output", "no answers")
        _passages(path, lineno, obj)
        rows.append({**obj, "id": _record_id(path, lineno, obj, seen), "question": question,
                     "answers": list(dict.fromkeys(answers))})
    if not rows:
        raise DataError(path, None, None, "no records")
    return rows


def load_qa(path: str | os.PathLike) -> list[dict]:
    """Reads normalized QA records (the conversion's output) and re-checks the fields we use."""
    rows, seen = [], set()
    for lineno, obj in iter_jsonl(path):
        _nonempty_str(path, lineno, obj, "question")
        answers = _require(path, lineno, obj, "answers", list)
        if not answers or not all(isinstance(a, str) and a.strip() for a in answers):
            raise DataError(path, lineno, "answers", "must be a non-empty list of non-empty strings")
        _passages(path, lineno, obj)
        _record_id(path, lineno, obj, seen)
        rows.append(obj)
    return rows


def convert_train_file(path: str | os.PathLike, source: str) -> list[dict]:
    """RA-DIT training file (`question`, `answer`, `retrieved_support`) -> QA records.

    Every original field is kept; `id`, `answers` (the gold target as a one-item list) and `source`
    (the mixture component, e.g. tasks or oasst) are added."""
    rows, seen = [], set()
    for lineno, obj in iter_jsonl(path):
        _nonempty_str(path, lineno, obj, "question")
        answer = _nonempty_str(path, lineno, obj, "answer")
        _passages(path, lineno, obj)
        rows.append({**obj, "id": _record_id(path, lineno, obj, seen), "answers": [answer.strip()], "source": source})
    if not rows:
        raise DataError(path, None, None, "no records")
    return rows
