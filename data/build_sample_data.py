"""Writes the bundled sample data (data/eval/*.jsonl, data/train/*.jsonl) from the true facts in
facts_eval.py / facts_train.py, in the raw formats the workflow converts.

Passages come the way a retriever returns them: for every question, its topic's other facts (same
entity, other facts: the model has to read them to see the answer is not there), then passages of
the neighbouring topics, 4 to 6 in all. Every third question (i % 3 == 2) lacks its gold passage,
so its answer is absent; the others have it within the first four passages.
data/corpus.jsonl holds the same facts as passages for rule retrieve (config `retrieval`).
Run: python data/build_sample_data.py (deterministic; the JSONL files are committed).
"""

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "workflow_scripts"))
sys.path.insert(0, str(HERE))

from facts_eval import ELI5, HOTPOTQA, NQ  # noqa: E402
from facts_train import OASST, TASKS  # noqa: E402
from sdrait.lexical import LexicalRules  # noqa: E402

RULES = LexicalRules()


def passage(title, text):
    return {"title": title, "text": text}


def questions(topics):
    """(index, topic index, fact index, fact, question, answers) over all topics, in order."""
    items = [(t, k, fact, q, [a] if isinstance(a, str) else a)
             for t, (_, facts) in enumerate(topics) for k, (fact, q, a) in enumerate(facts)]
    return [(i, *item) for i, item in enumerate(items)]


def support(topics, i, t, k, answers):
    """Retrieved passages of question i (topic t, fact k) and whether its answer is absent."""
    title, facts = topics[t]
    absent = i % 3 == 2
    n_passages = 4 + (i // 3) % 3
    topical = [passage(title, f) for j, (f, *_) in enumerate(facts) if j != k]
    neighbours = [passage(topics[u % len(topics)][0], f)
                  for u in range(t + 1, t + len(topics)) for f, *_ in topics[u % len(topics)][1]]
    neighbours = [p for p in neighbours if not RULES.supports(p["text"], answers)]
    rng = random.Random(i)
    first4 = topical[:3] + neighbours[: (4 if absent else 3) - len(topical[:3])]
    rng.shuffle(first4)
    if not absent:
        first4.insert(rng.randrange(4), passage(title, facts[k][0]))
    rest = neighbours[4:][: n_passages - 4]
    passages = first4[:4] + rest
    context = " ".join(p["text"] for p in passages[:4])
    assert RULES.supports(context, answers) != absent, (topics[t][1][k][1], absent)
    if absent:
        assert not RULES.supports(" ".join(p["text"] for p in passages), answers)
    return passages


def eval_rows(name, topics):
    for i, t, k, _, question, answers in questions(topics):
        yield {"id": f"{name}-{i:03d}", "input": question, "output": [{"answer": a} for a in answers],
               "retrieved_support": support(topics, i, t, k, answers)}


def train_rows(name, topics):
    for i, t, k, _, question, answers in questions(topics):
        yield {"id": f"{name}-{i:03d}", "question": question, "answer": answers[0],
               "retrieved_support": support(topics, i, t, k, answers)}


def corpus_rows(sets):
    """The retrieval corpus (data/corpus.jsonl): every fact as a passage `p-<question id>`, except
    the gold fact of every third question, as above: a retriever can then miss an answer only
    where the corpus lacks it, or by ranking it below k."""
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
