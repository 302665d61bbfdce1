import json

import pytest

from sdrait.io import DataError, atomic_open, convert_eval_file, load_qa, read_jsonl, write_jsonl

GOOD = {"id": "q1", "input": "who wrote hamlet", "output": [{"answer": "Shakespeare"}, {"provenance": []}],
        "retrieved_support": [{"title": "Hamlet", "text": "Hamlet is a tragedy by William Shakespeare."}],
        "meta": {"source": "kilt"}}


def write_lines(path, *lines):
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return path


def test_conversion_keeps_every_field_and_adds_question_answers(tmp_path):
    rows = convert_eval_file(write_lines(tmp_path / "dev.jsonl", json.dumps(GOOD)))
    assert rows == [{**GOOD, "question": "who wrote hamlet", "answers": ["Shakespeare"]}]


def test_bundled_questions_bring_no_passages_and_the_corpus_lacks_every_third_gold_fact():
    from conftest import REPO

    from sdrait.retrieval import iter_corpus

    ids = {p["id"] for p in iter_corpus(REPO / "data" / "corpus.jsonl")}
    for name in ("nq", "hotpotqa", "eli5"):
        rows = read_jsonl(REPO / "data" / "eval" / f"{name}.jsonl")
        assert len(rows) >= 20 and not any("retrieved_support" in r for r in rows)
        assert [f"p-{r['id']}" in ids for r in rows] == [i % 3 != 2 for i in range(len(rows))]


def bad(**changes):
    row = {**GOOD, **changes}
    return json.dumps({k: v for k, v in row.items() if v is not ...})


@pytest.mark.parametrize("line, field, problem", [
    ('{"id": "q1", "input": "x"', None, "invalid JSON"),
    (b'{"id": "q1", "input": "caf\xe9"}', None, "not valid UTF-8"),
    ('["a list"]', None, "expected a JSON object"),
    (bad(input=...), "input", "missing"),
    (bad(input=3), "input", "expected str, got int"),
    (bad(input="  "), "input", "empty"),
    (bad(output=[]), "output", "no answers"),
    (bad(output=[{"answer": ""}]), "output[0].answer", "missing, empty"),
    (bad(output={"answer": "x"}), "output", "expected list, got dict"),
    (bad(retrieved_support=...), "retrieved_support", "missing"),
    (bad(retrieved_support=[]), "retrieved_support", "no retrieved passages"),
    (bad(retrieved_support=[{"title": "t"}]), "retrieved_support[0].text", "missing or not a string"),
])
def test_bad_input_names_file_line_and_field(tmp_path, line, field, problem):
    path = write_lines(tmp_path / "dev.jsonl", json.dumps(GOOD | {"id": "q0"}), line)
    with pytest.raises(DataError) as err:
        convert_eval_file(path)
    assert err.value.line == 2 and err.value.field == field
    assert str(err.value).startswith(f"{path}:2: ")
    assert problem in str(err.value)


def test_duplicate_ids_are_rejected(tmp_path):
    path = write_lines(tmp_path / "dev.jsonl", json.dumps(GOOD), "", json.dumps(GOOD))
    with pytest.raises(DataError, match=r"dev.jsonl:3: id: duplicate id 'q1'"):
        convert_eval_file(path)


def test_normalized_records_are_rechecked(tmp_path):
    path = write_lines(tmp_path / "qa.jsonl", json.dumps({**GOOD, "question": "q", "answers": []}))
    with pytest.raises(DataError, match=r"qa.jsonl:1: answers: must be a non-empty list"):
        load_qa(path)


def test_atomic_write_leaves_nothing_when_interrupted(tmp_path):
    target = tmp_path / "out.jsonl"

    def rows():
        yield {"a": 1}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_jsonl(target, rows())
    assert list(tmp_path.iterdir()) == []
    with atomic_open(target) as f:
        f.write("done\n")
    assert target.read_text() == "done\n" and len(list(tmp_path.iterdir())) == 1
