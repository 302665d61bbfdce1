"""Writes the bundled sample data (data/eval/*.jsonl, data/train/*.jsonl) from the true facts in
facts_eval.py / facts_train.py, in the raw formats the workflow converts, and the passage corpus
the embedded default retrieves from (data/corpus.jsonl, config `retrieval`).

The question files carry no passages: rule retrieve gives each question the top `k` of the
corpus (BM25). Every fact is a passage, except the gold fact of every third question (i % 3 == 2),
so that question's answer is absent from whatever is retrieved, as it is when a real retriever's
index lacks it; the others' answers are absent only where the retriever ranks them too low.
Run: python data/build_sample_data.py (deterministic; the JSONL files are committed).
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from facts_eval import ELI5, HOTPOTQA, NQ  # noqa: E402
from facts_train import OASST, TASKS  # noqa: E402


def questions(topics):
    """(index, topic index, fact index, fact, question, answers) over all topics, in order."""
    items = [(t, k, fact, q, [a] if isinstance(a, str) else a)
             for t, (_, facts) in enumerate(topics) for k, (fact, q, a) in enumerate(facts)]
    return [(i, *item) for i, item in enumerate(items)]


def eval_rows(name, topics):
    for i, _, _, _, question, answers in questions(topics):
        yield {"id": f"{name}-{i:03d}", "input": question, "output": [{"answer": a} for a in answers]}


def train_rows(name, topics):
    for i, _, _, _, question, answers in questions(topics):
        yield {"id": f"{name}-{i:03d}", "question": question, "answer": answers[0]}


def corpus_rows(sets):
    """Every fact as a passage `p-<id of the question it answers>`, but those of every third question."""
    for name, topics in sets.items():
        for i, t, _, fact, *_ in questions(topics):
            if i % 3 != 2:
                yield {"id": f"p-{name}-{i:03d}", "title": topics[t][0], "text": fact}


def write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write(HERE / "eval" / "nq.jsonl", eval_rows("nq", NQ))
    write(HERE / "eval" / "hotpotqa.jsonl", eval_rows("hotpotqa", HOTPOTQA))
    write(HERE / "eval" / "eli5.jsonl", eval_rows("eli5", ELI5))
    write(HERE / "train" / "tasks.jsonl", train_rows("tasks", TASKS))
    write(HERE / "train" / "oasst.jsonl", train_rows("oasst", OASST))
    write(HERE / "corpus.jsonl", corpus_rows({"nq": NQ, "hotpotqa": HOTPOTQA, "eli5": ELI5, "tasks": TASKS, "oasst": OASST}))
