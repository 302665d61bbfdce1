"""The eval-time answer prompt: predictions, and the training sets (the model trains on the prompt
it is evaluated with)."""

from __future__ import annotations

from .prompts import render, user_turn


def eval_conversation(record: dict, ndocs: int, system_prompt: str | None) -> list[dict]:
    """The RAG answer prompt with the first `ndocs` passages (fewer if the record has fewer); with
    `ndocs` 0 the closed-book prompt: the question alone, no passages and no clause about them."""
    if ndocs == 0:
        return user_turn(render("question_only.j2", question=record["question"]), system_prompt)
    passages = record["retrieved_support"][:ndocs]
    return user_turn(render("rag_answer.j2", question=record["question"], passages=passages), system_prompt)
