import pytest
from conftest import default_config

from sdrait.lexical import LexicalRules
from sdrait.text import contains, content_recall, first_sentence, normalize, strip_preamble, token_f1

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


@pytest.mark.parametrize("full, first", [
    ("World War II ended in 1945. I cannot answer the question. The answer is: 1945", "World War II ended in 1945."),
    ("About 3.5 million people live there. It is large.", "About 3.5 million people live there."),
    ("Here is the answer: Paris is the capital.\nMore text", "Paris is the capital."),
    ("The Nile\nflows north.", "The Nile"),
    ("Pi is roughly 3.14 and that is all", "Pi is roughly 3.14 and that is all"),
    ("\"Hamlet\" was written by Shakespeare! 'Quite' so.", "\"Hamlet\" was written by Shakespeare!"),
])
def test_a_self_demo_is_cut_after_its_first_sentence(full, first):
    # self_demos.one_sentence: a model that runs on after answering would teach the trained one to
    assert first_sentence(strip_preamble(full)) == first
