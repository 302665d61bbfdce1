"""The three reference behaviours of docs/fidelity.md under the paper configs, with the real
SmolLM2 answering: two-turn self-demo candidates (summarize turn, "Here is...:" cut), every
passage in the RAG turn, and critiques of the top-scored answers in one rewrite conversation."""

import random

import pytest
import yaml

from conftest import REPO, dry_run_jobs, paper_workdir, read_jsonl, snakemake
from sdrait.backends import Sampling
from sdrait.prompt_search import pick_for_critique, rewrite_conversations
from sdrait.prompts import render
from sdrait.self_demos import build_strategies, generate_candidates
from sdrait.text import strip_preamble

PAPER = {name: yaml.safe_load((REPO / "config" / f"{name}.yaml").read_text()) for name in ("paper-8b", "paper-70b")}


class Recorder:
    """The real engine, with every conversation it is given written down (not a stand-in)."""

    def __init__(self, llm):
        self.llm, self.calls = llm, []

    def generate(self, conversations, sampling):
        out = self.llm.generate(conversations, sampling)
        self.calls.append(([list(c) for c in conversations], out))
        return out


@pytest.fixture(scope="module")
def smollm2(smollm2_llm):
    return Recorder(smollm2_llm)


@pytest.mark.parametrize("name", PAPER)
def test_the_paper_configs_set_the_reference_behaviours_and_plan_every_stage(name, tmp_path):
    cfg = PAPER[name]
    assert cfg["self_demos"]["summarize"] is True and cfg["self_demos"]["ndocs"] is None
    assert cfg["self_demos"]["refusal_shots"] == [] and cfg["prompt_optimization"]["critique_pick"] == "best"
    jobs = dry_run_jobs(tmp_path, config=paper_workdir(tmp_path, name).name)
    assert jobs["self_demos_shard"] == 64 and jobs["train"] == 3 and jobs["reward"] == jobs["predict"] == jobs["labels"] == 4
    assert jobs["relevance"] == 1 and jobs["metrics"] == 80  # 4 strategies x 10 sets x ndocs [4, 0]
    assert jobs["retrieve"] == 12  # 10 eval sets, 2 training sources (test_retrieval checks their GPUs)
    assert set(jobs) == {"convert_eval", "convert_train", "fairseq2_assets", "predict", "relevance", "train_mixture",
                         "labels", "optimize_prompts", "reward", "training_set", "metrics", "self_demos_shard",
                         "train", "merge_self_demos", "plot_self_demos", "plot_training", "training_summary",
                         "plot_rewards", "plot_labels", "summary", "overview", "retrieval_passages", "retrieval_index",
                         "retrieve", "retrieval_summary", "all"}


def test_paper_70bs_training_layout_is_checked_against_the_gpus_memory(tmp_path):
    """At tensor parallel 8 on one node a GPU would hold an eighth of the policy in float32 with its
    gradients and AdamW states, unsplit by FSDP (one data-parallel rank), and of the bfloat16
    reference: 141.1 + 17.6 GB. The config's 4 nodes split the first part 4 ways: 52.9 GB."""
    training = {**PAPER["paper-70b"]["training"], "nodes": 1}
    config = paper_workdir(tmp_path, "paper-70b", training=training)
    proc = snakemake(tmp_path, "-n", check=False, config=config.name)
    assert proc.returncode != 0
    assert ("training.gpu_mem_gb: a GPU of the train job would hold 158.7 GB before activations (weights 35.3, "
            "gradients 35.3, AdamW states 70.5, reference model 17.6; 70.55B parameters, tensor parallel 8, "
            "data parallel 1), more than its 80 GB") in proc.stdout + proc.stderr
    assert PAPER["paper-70b"]["training"]["nodes"] == 4  # 8.8 + 8.8 + 17.6 + 17.6 = 52.9 GB, planned above


def test_a_self_demo_candidate_is_the_cut_reply_to_the_summarize_turn_after_an_answer_with_every_passage(
        smollm2, tiny_run):
    demos = PAPER["paper-8b"]["self_demos"]
    records = read_jsonl(tiny_run / "results" / "retrieval" / "train" / "tasks.jsonl")  # k = 5 passages each
    record = next(r for r in records if len(r["retrieved_support"]) > 4)  # more than the eval's 4
    strategies = build_strategies(["Answer briefly."], ["Answer from the passages."], "Refuse if unsure.", 1)
    smollm2.calls.clear()
    candidates = generate_candidates(smollm2, [record], strategies, demos["ndocs"], Sampling(0.0, 12),
                                     demos["summarize"])
    (first, first_out), (second, second_out) = smollm2.calls  # one batched call per turn
    for k, strategy in enumerate(strategies):
        assert first[k][0] == {"role": "system", "content": strategy.system}
        passages = first[k][1]["content"].count("Passage ")
        assert passages == (len(record["retrieved_support"]) if strategy.rag else 0)
        assert second[k][:2] == first[k]
        assert second[k][2] == {"role": "assistant", "content": first_out[k][0]}
        assert second[k][3] == {"role": "user", "content": render("summarize.j2")}
        assert candidates[0][k] == {"strategy": strategy.name, "text": strip_preamble(second_out[k][0])}


def test_the_here_is_preamble_is_cut_as_the_reference_cuts_it():
    assert strip_preamble("Here is a summary of my answer: Canberra.") == "Canberra."
    assert strip_preamble("Here's the final reply:\nIt is Canberra.") == "It is Canberra."
    assert strip_preamble("Canberra: here is why.") == "Canberra: here is why."


def test_the_rewrite_conversation_critiques_the_top_scored_answers():
    pick = PAPER["paper-70b"]["prompt_optimization"]["critique_pick"]
    examples = [{"question": f"q{i}", "answers": [f"a{i}"],
                 "retrieved_support": [{"title": "t", "text": f"passage {i}"}]} for i in range(5)]
    scores = [[1.0, 5.0, 0.0, 4.0, 2.0]]
    answers = [[f"answer {i}" for i in range(5)]]
    assert sorted(pick_for_critique(scores[0], 2, pick, random.Random(0))) == [1, 3]
    systems, turns = rewrite_conversations(["Be brief."], answers, scores, examples, 2, pick, 4, random.Random(0))
    assert len(turns[0]) == 3 and "Be brief." in turns[0][-1] and "retrieved passages" in systems[0]
    shown = sorted(t.split("Assistant's answer: ")[1].split("\n")[0] for t in turns[0][:2])
    assert shown == ["answer 1", "answer 3"]
    assert all("Passage 1 (t)" in t for t in turns[0][:2])
    worst = rewrite_conversations(["Be brief."], answers, scores, examples, 2, "worst", 0, random.Random(0))[1]
    assert sorted(t.split("Assistant's answer: ")[1].split("\n")[0] for t in worst[0][:2]) == ["answer 0", "answer 2"]
    assert "Passage" not in worst[0][0]
