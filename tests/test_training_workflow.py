"""Real fairseq2 training on the tiny config (see conftest.tiny_run): DPO and SFT runs, their
export to Hugging Face format, and the exported models as eval strategies."""

import json
import math
from pathlib import Path

import pandas as pd
import yaml
from conftest import read_jsonl

from sdrait.backends import Sampling, TransformersLLM

QUESTION = [{"role": "user", "content": "Passage 1 (Canberra): Canberra is the capital city of Australia.\n\n"
                                        "Question: what is the capital of Australia?"}]


def test_dpo_fits_its_pairs(tiny_run):
    metrics = read_jsonl(tiny_run / "results" / "checkpoints" / "dpo" / "train_metrics.jsonl")
    assert [m["Step"] for m in metrics] == list(range(1, 7))
    # policy == reference at step 1: log 2, to the bfloat16 rounding of a loss computed under
    # autocast (a bfloat16 reference model was off by 0.026)
    assert abs(metrics[0]["DPO Loss"] - math.log(2)) < 2 ** -8
    assert metrics[-1]["DPO Loss"] < math.log(2)
    table = (tiny_run / "results" / "summary" / "training.md").read_text()
    assert "| dpo " in table and "| sft_ra_it " in table
    # DPO's rows name the SFT checkpoint it continued (training.dpo.start_from), the SFT rows the policy
    starts = pd.read_csv(tiny_run / "results" / "summary" / "training.csv").groupby("training_set").started_from
    assert starts.agg(set).to_dict() == {"dpo": {"sft_self_demo"}, "sft_ra_it": {"smollm2"},
                                         "sft_self_demo": {"smollm2"}}


def test_dpo_starts_from_the_sft_checkpoint_and_keeps_it_as_reference(tiny_run):
    # training.dpo.start_from: sft_self_demo, as in the embedded default
    r = tiny_run / "results"
    recipe = yaml.safe_load((r / "checkpoints" / "dpo" / "recipe.yaml").read_text())
    assert recipe["model"]["_set_"]["name"] == "sdrait_sft_self_demo"
    assert recipe["criterion"]["config"]["reference_model"]["_set_"]["name"] == "sdrait_sft_self_demo"
    card = yaml.safe_load((r / "fairseq2" / "sft_self_demo" / "cards" / "sdrait_sft_self_demo.yaml").read_text())
    weights = Path(card["checkpoint"].removeprefix("file://")) / "model.safetensors"
    assert weights.resolve() == (r / "checkpoints" / "sft_self_demo" / "hf" / "model.safetensors").resolve()
    sft = read_jsonl(r / "checkpoints" / "sft_self_demo" / "train_metrics.jsonl")
    assert len(sft) == 6 and "NLL Loss" in sft[0]


def test_training_leaves_only_the_export(tiny_run):
    for kind in ("dpo", "sft_self_demo", "sft_ra_it"):
        out = tiny_run / "results" / "checkpoints" / kind
        assert sorted(p.name for p in out.iterdir()) == ["hf", "recipe.yaml", "train_metrics.jsonl"]
        config = json.loads((out / "hf" / "config.json").read_text())
        assert config["tie_word_embeddings"] is False and (out / "hf" / "chat_template.jinja").exists()


def test_exported_models_answer_and_are_evaluated(tiny_run):
    r = tiny_run / "results"
    for strategy in ("dpo_self_demo", "sft_ra_it"):
        for name in ("nq", "hotpotqa"):
            for ndocs in (4, 0):
                preds = read_jsonl(r / "predictions" / f"ndocs{ndocs}" / strategy / f"{name}.jsonl")
                assert len(preds) == 4 and all(p["predictions"][0] for p in preds)
                assert (r / "metrics" / f"ndocs{ndocs}" / strategy / f"{name}.json").exists()
    # SFT on gold RA-DIT targets keeps the model answering from the passage.
    sft = TransformersLLM(str(r / "checkpoints" / "sft_ra_it" / "hf"), threads=2)
    answer = sft.generate([QUESTION], Sampling(temperature=0.0, max_tokens=16))[0][0]
    assert "Canberra" in answer
