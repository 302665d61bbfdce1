import pytest
from conftest import default_config

from sdrait.lexical import LexicalRules
from sdrait.text import (contains, content_recall, first_sentence, first_sentence_settled, normalize, strip_preamble,
                         token_f1)

RULES = LexicalRules.from_config(default_config()["lexical"])


def test_squad_normalization():
    assert normalize("The  Amazon-River!") == "amazon river"
    assert contains("It is the Amazon River, in Brazil.", "amazon river")
    assert not contains("Canberra's 2,000 residents", "2")  # whole tokens only
    assert token_f1("the capital is Canberra", "Canberra") == 2 * (1 / 3) * 1 / (1 / 3 + 1)
    assert content_recall("blue light is scattered", "Scattering makes blue light") == 2 / 3


def test_relevance_and_labels():
    assert RULES.relevance("Jane Austen wrote it in 1813.", ["Jane Austen"]) == "Present"
    assert RULES.relevance("Charlotte Bronte wrote Jane Eyre.", ["Jane Austen"]) == "Absent"
    assert RULES.label("It was written by Jane Austen.", ["Jane Austen"]) == "Correct"
    assert RULES.label("It was written by Charles Dickens.", ["Jane Austen"]) == "Incorrect"
    assert RULES.label("The passages do not mention the author.", ["Jane Austen"]) == "Refuse"
    assert RULES.label("I cannot answer from the passages.", ["Jane Austen"]) == "Refuse"


def test_long_answers_are_supported_by_content_words():
    gold = ["Ice is less dense than liquid water because its molecules form an open crystal structure."]
    assert RULES.label("Ice floats since it is less dense than water: its molecules form an open crystal.", gold) == "Correct"
    assert RULES.label("Ice floats because of surface tension.", gold) == "Incorrect"


@pytest.mark.parametrize("full", [
    "World War II ended in 1945. I cannot answer the question. The answer is: 1945",
    "About 3.5 million people live there. It is large.",
    "Here is the answer: Paris is the capital.\nMore text",
    "The Nile\nflows north.",
    "Pi is roughly 3.14 and that is all",
    "\"Hamlet\" was written by Shakespeare! 'Quite' so.",
])
def test_a_settled_first_sentence_never_changes_as_text_grows(full):
    # the transformers engine stops a row as soon as this says so (self_demos.one_sentence)

    final = first_sentence(strip_preamble(full))
    settled = [k for k in range(len(full) + 1) if first_sentence_settled(full[:k])]
    assert all(first_sentence(strip_preamble(full[:k])) == final for k in settled)
    assert first_sentence_settled(full) == (full not in ("Pi is roughly 3.14 and that is all",))
