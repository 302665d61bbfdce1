"""Real fairseq2 training on the tiny config (see conftest.tiny_run): DPO and SFT runs, their
export to Hugging Face format, and the exported models as eval strategies."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import default_config, greedy_in_own_process, read_jsonl

from sdrait.runtime import cpu_flags

QUESTION = [{"role": "user", "content": "Passage 1 (Canberra): Canberra is the capital city of Australia.\n\n"
                                        "Question: what is the capital of Australia?"}]


def first_dpo_loss_tolerance(dtype: str, first: dict, beta: float) -> float:
    """How far from log 2 the first DPO loss may be when policy == reference, in the dtype the run
    trained in. float32: the same computation twice. bfloat16 autocast against a float32
    reference: the policy's summed log-probs carry bfloat16's rounding (relative 2^-8 per
    product; on an AMX CPU the loss was 0.0139 off log 2), and the loss moves by beta/2 per nat
    of margin. A wrong reference (another checkpoint) moves it by tenths."""
    if dtype == "float32":
        return 1e-4
    logps = abs(first["Chosen Sequence Log Probabilities"]) + abs(first["Rejected Sequence Log Probabilities"])
    return max(2 ** -5, beta / 2 * logps * 2 ** -7)


def test_dpo_fits_its_pairs(tiny_run):
    r = tiny_run / "results"
    metrics = read_jsonl(r / "checkpoints" / "dpo" / "train_metrics.jsonl")
    assert [m["Step"] for m in metrics] == list(range(1, 7))
    # dtype auto, as resolved by the train job on this machine (bfloat16 only where the CPU has it)
    trainer = yaml.safe_load((r / "checkpoints" / "dpo" / "recipe.yaml").read_text())["trainer"]["_set_"]
    native = bool({"avx512_bf16", "amx_bf16"} & cpu_flags())
    assert (trainer["dtype"], trainer["mixed_precision"]) == (("bfloat16", "static") if native else ("float32", None))
    # policy == reference at step 1: log 2, to the rounding of the dtype trained in
    beta = yaml.safe_load((tiny_run / "config.yaml").read_text())["training"]["dpo"]["beta"]
    tolerance = first_dpo_loss_tolerance(trainer["dtype"], metrics[0], beta)
    assert abs(metrics[0]["DPO Loss"] - math.log(2)) < tolerance, (metrics[0], tolerance)
    assert metrics[-1]["DPO Loss"] < math.log(2)
    table = (r / "summary" / "training.md").read_text()
    assert "| dpo " in table and "| sft_ra_it " in table
    summary = pd.read_csv(r / "summary" / "training.csv")
    assert set(summary.dtype) == {trainer["dtype"]}
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
    [answer] = greedy_in_own_process(default_config()["models"]["smollm2"],
                                     str(r / "checkpoints" / "sft_ra_it" / "hf"), [QUESTION])
    assert "Canberra" in answer


TEXT = "The Eiffel Tower (Paris) was completed in 1889, wasn't it?  Yes: 330 m – café!\n2 + 2 = 4."


@pytest.mark.parametrize("model", ["models/smollm2", "checkpoints/dpo/hf"])
def test_tokenizer_files_read_the_same_in_every_engine(tiny_run, model):
    """The prepared model and an export decode text exactly as written (the GGUF conversion's
    `LlamaTokenizer` made transformers 5, vLLM's, drop every space), end a turn on <|im_end|>, and
    add no second <|im_start|> to a rendered chat prompt encoded with special tokens (as vLLM
    encodes a prompt string)."""
    from transformers import AutoTokenizer

    path = tiny_run / "results" / model
    config = json.loads((path / "tokenizer_config.json").read_text())
    assert config["tokenizer_class"] == "PreTrainedTokenizerFast"
    tokenizer = AutoTokenizer.from_pretrained(path)
    assert tokenizer.decode(tokenizer(TEXT, add_special_tokens=False).input_ids) == TEXT
    assert (tokenizer.eos_token, tokenizer.eos_token_id) == ("<|im_end|>", 2)
    chat = tokenizer.apply_chat_template([{"role": "user", "content": TEXT}], tokenize=False,
                                         add_generation_prompt=True)
    assert chat.startswith("<|im_start|>system\n")
    assert chat.endswith(f"<|im_end|>\n<|im_start|>user\n{TEXT}<|im_end|>\n<|im_start|>assistant\n")
    ids = tokenizer(chat).input_ids
    assert ids == tokenizer(chat, add_special_tokens=False).input_ids and ids[:2] != [1, 1]
    # the model config too: transformers 4.x (fairseq2's venv) reads rope_theta, not 5.x's
    # rope_parameters, and would run SmolLM2 at the default theta 10000
    model_config = json.loads((path / "config.json").read_text())
    assert model_config["rope_theta"] == model_config.get("rope_parameters", model_config)["rope_theta"] == 1e5
