import jinja2
import pytest

from sdrait.eval_prompt import eval_conversation
from sdrait.prompts import render

RECORD = {"question": "who wrote hamlet", "answers": ["Shakespeare"],
          "retrieved_support": [{"title": f"T{i}", "text": f"passage {i}"} for i in range(6)]}


def test_rag_prompt_uses_first_ndocs_passages_and_allows_refusal():
    conv = eval_conversation(RECORD, ndocs=4, system_prompt="Be brief.")
    assert conv[0] == {"role": "system", "content": "Be brief."}
    text = conv[1]["content"]
    assert "Passage 4 (T3): passage 3" in text and "passage 4" not in text
    assert "cannot answer" in text and text.endswith("Question: who wrote hamlet")
    assert [m["role"] for m in eval_conversation(RECORD, 2, None)] == ["user"]


def test_closed_book_prompt_is_the_question_alone():
    # generation.ndocs 0: no passage header and no clause about passages (the seed's --ndocs 0)
    assert eval_conversation(RECORD, 0, None) == [{"role": "user", "content": "who wrote hamlet"}]
    assert eval_conversation(RECORD, 0, "Be brief.")[0] == {"role": "system", "content": "Be brief."}


def test_judge_templates_end_with_their_labels():
    relevance = render("relevance_judge.j2", question="q", answers=["a", "b"], passages=RECORD["retrieved_support"][:2])
    assert "Gold answer(s): a | b" in relevance and relevance.endswith('"Label: Absent".')
    label = render("label_judge.j2", question="q", answers=["a"], prediction="p")
    assert all(f"Label: {w}" in label for w in ("Correct", "Incorrect", "Refuse"))


def test_missing_template_value_is_an_error():
    with pytest.raises(jinja2.UndefinedError):
        render("label_judge.j2", question="q", answers=["a"])
