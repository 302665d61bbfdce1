"""Writes the bundled sample data (data/eval/*.jsonl, data/train/*.jsonl) from the true facts in
facts_eval.py / facts_train.py, in the raw formats the workflow converts.

Every third eval question gets only passages of other questions (the answer is absent), the others
get their gold passage(s) within the first four, plus distractors: 4, 5 or 6 passages in all.
Run: python data/build_sample_data.py (deterministic; the JSONL files are committed).
"""

import json
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


def eval_rows(name, facts):
    pool = [(i, p) for i, (_, _, golds) in enumerate(facts) for p in golds]
    for i, (question, answers, golds) in enumerate(facts):
        n_passages = 4 + i % 3
        absent = i % 3 == 2
        others = [p for j, p in pool if j != i and not RULES.supports(p[1], answers)]
        start = (7 * i) % len(others)
        distractors = (others[start:] + others[:start])[: n_passages - (0 if absent else len(golds))]
        support = list(distractors)
        if not absent:
            for k, gold in enumerate(golds):
                support.insert(min((i + k) % 4, len(support)), gold)
            assert RULES.supports(" ".join(t for _, t in support[:4]), answers), question
        else:
            assert not RULES.supports(" ".join(t for _, t in support), answers), question
        yield {
            "id": f"{name}-{i:03d}",
            "input": question,
            "output": [{"answer": a} for a in answers],
            "retrieved_support": [passage(*p) for p in support],
        }


def train_rows(name, facts):
    pool = [p for *_, p in facts]
    for i, (question, answer, gold) in enumerate(facts):
        distractors = [p for p in pool if p != gold][i % 5 :][:3]
        support = list(distractors)
        support.insert(i % 4, gold)
        yield {"id": f"{name}-{i:03d}", "question": question, "answer": answer,
               "retrieved_support": [passage(*p) for p in support]}


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
