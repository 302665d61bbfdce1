"""The fairseq2 0.4.6 integration inside fairseq2's own venv (.venv-fairseq2): asset card config,
tokenizer extension, HF -> fairseq2 -> HF. tests/test_fairseq2.py runs this file with that venv's
Python on the session's tiny run (the workflow's venv has no fairseq2); transformers 4.57 there is
the reference it compares to."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import yaml
from conftest import random_llama

from sdrait.fairseq2_cards import HF_TOKENIZER_FAMILY, model_config_overrides, write_asset_card
from sdrait.in_fairseq2.tokenizer import HFTextTokenizer
from sdrait.hf_export import export
from sdrait.tensor_parallel import write_rank_files
from sdrait.training import fairseq2_env

LLAMA31_8B = {  # public config.json values of meta-llama/Llama-3.1-8B-Instruct
    "model_type": "llama", "hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
    "num_attention_heads": 32, "num_key_value_heads": 8, "max_position_embeddings": 131072,
    "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "vocab_size": 128256, "bos_token_id": 128000,
    "eos_token_id": [128001, 128008, 128009], "tie_word_embeddings": False,
    "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"},
}


def structured(overrides):
    """The LLaMAConfig fairseq2 itself builds from a base architecture and our overrides."""
    from fairseq2.models.llama import LLaMAConfig
    from fairseq2.utils.merge import merge_object
    from fairseq2.utils.structured import structure, unstructure

    base = unstructure(LLaMAConfig())
    return structure(merge_object(base, overrides), LLaMAConfig)


def test_card_config_reproduces_llama31_8b():
    cfg = structured(model_config_overrides(LLAMA31_8B))
    assert (cfg.model_dim, cfg.num_layers, cfg.num_attn_heads, cfg.num_key_value_heads) == (4096, 32, 32, 8)
    assert cfg.use_scaled_rope and tuple(cfg.rope_scaling.frequency_factors) == (1.0, 4.0)
    assert cfg.vocab_info.size == 128256 and cfg.vocab_info.eos_idx == 128001
    with pytest.raises(ValueError, match="model_type='mistral'"):
        model_config_overrides({**LLAMA31_8B, "model_type": "mistral"})


def test_tokenizer_family_matches_hugging_face_and_its_modes(smollm2_path):
    from transformers import AutoTokenizer

    hf = AutoTokenizer.from_pretrained(smollm2_path)
    tok = HFTextTokenizer(Path(smollm2_path), bos_token="<|im_start|>", eos_token="<|im_end|>",
                          pad_token=None, eot_token="<|im_end|>")
    text = hf.apply_chat_template([{"role": "user", "content": "Who wrote Hamlet?"}], tokenize=False,
                                  add_generation_prompt=True)
    ids = hf(text, add_special_tokens=False).input_ids
    assert tok.create_encoder(mode="prompt")(text).tolist() == ids
    assert tok.create_encoder(mode="prompt_response")("Shakespeare").tolist()[-1] == hf.convert_tokens_to_ids("<|im_end|>")
    assert tok.create_encoder(mode="as_is")("Shakespeare").tolist() == hf("Shakespeare", add_special_tokens=False).input_ids
    assert tok.create_decoder()(torch.tensor(ids)).endswith("Who wrote Hamlet?\nassistant\n")
    assert tok.vocab_info.size == 49152


def test_the_extension_is_registered_with_fairseq2():
    code = ("from fairseq2 import setup_fairseq2; from fairseq2.context import get_runtime_context; "
            "from fairseq2.data.text.tokenizers import TextTokenizerHandler; setup_fairseq2(); "
            f"print(get_runtime_context().get_registry(TextTokenizerHandler).get('{HF_TOKENIZER_FAMILY}'))")
    # the environment the train rule gives fairseq2: the project need not be installed
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=fairseq2_env()).stdout
    assert "HFTokenizerHandler" in out


def test_hf_to_fairseq2_to_hf_round_trip_keeps_the_logits(smollm2_path, tmp_path):
    """fairseq2's own HF converter and model factory, then our exporter: the fairseq2 model built
    from our asset card and the re-exported HF model both reproduce the original logits."""
    from fairseq2.models.llama._factory import LLaMAFactory
    from fairseq2.models.llama._handler import convert_llama_checkpoint
    from fairseq2.models.sequence import SequenceBatch
    from safetensors.torch import load_file
    from transformers import AutoModelForCausalLM

    cards = write_asset_card(smollm2_path, tmp_path / "assets", "sdrait_smollm2")
    card = yaml.safe_load((cards / "sdrait_smollm2.yaml").read_text())
    config = structured(card["model_config"])
    state = {}
    for f in sorted((tmp_path / "assets" / "checkpoint").glob("*.safetensors")):
        state.update(load_file(f))
    fs2_state = convert_llama_checkpoint(dict(state), config)["model"]
    model = LLaMAFactory(config).create_model().eval()
    model.load_state_dict(fs2_state, strict=True)

    original = AutoModelForCausalLM.from_pretrained(smollm2_path).eval()
    ids = torch.tensor([[1, 9690, 198, 2683, 314, 253, 5356, 30, 2, 198, 1, 520, 9531, 198]])
    with torch.inference_mode():
        want = original(ids).logits
        got = model(SequenceBatch(ids, None)).logits
    assert torch.allclose(got, want, atol=1e-4), (got - want).abs().max()

    export(fs2_state, smollm2_path, tmp_path / "hf")
    exported = AutoModelForCausalLM.from_pretrained(tmp_path / "hf").eval()
    assert json.loads((tmp_path / "hf" / "config.json").read_text())["tie_word_embeddings"] is False
    with torch.inference_mode():
        again = exported(ids).logits
    assert torch.allclose(again, want, atol=1e-5), (again - want).abs().max()


@pytest.mark.parametrize("max_seq_len", [2048, 8192], ids=["embed-dim", "vocab"])
def test_rank_files_hold_what_fairseq2s_sharder_gives_each_rank(max_seq_len, smollm2_path, tmp_path):
    """Our TP-2 start checkpoint against fairseq2's own: its HF converter, then its Llama handler's
    sharding of the whole model as TP rank r of 2 would (below 8192 positions the embedding splits on
    the model dim, from 8192 on the vocabulary), every tensor equal."""
    from fairseq2.context import get_runtime_context
    from fairseq2.gang import FakeGang, Gangs
    from fairseq2.models import ModelHandler
    from fairseq2.models.llama._factory import LLaMAFactory
    from fairseq2.models.llama._handler import convert_llama_checkpoint
    from fairseq2 import setup_fairseq2
    from safetensors.torch import load_file

    hf_dir = random_llama(smollm2_path, tmp_path / "hf")
    hf = json.loads((hf_dir / "config.json").read_text())
    (hf_dir / "config.json").write_text(json.dumps({**hf, "max_position_embeddings": max_seq_len}))
    files = write_rank_files(hf_dir, tmp_path / "ranks", 2)
    config = structured(model_config_overrides({**hf, "max_position_embeddings": max_seq_len}))
    hf_state = load_file(hf_dir / "model.safetensors")
    hf_state["lm_head.weight"] = hf_state["model.embed_tokens.weight"]
    setup_fairseq2()
    handler = get_runtime_context().get_registry(ModelHandler).get("llama")
    for rank, f in enumerate(files):
        model = LLaMAFactory(config).create_model()
        model.load_state_dict(convert_llama_checkpoint(dict(hf_state), config)["model"], strict=True)
        tp = FakeGang(rank=rank, size=2)
        handler._shard(model, config, Gangs(root=tp, dp=FakeGang(), tp=tp))
        want = model.state_dict()
        got = torch.load(f, weights_only=False)
        assert got["fs2"] and set(got["model"]) == set(want)
        for key, tensor in want.items():
            assert torch.equal(got["model"][key], tensor), (rank, key)


@pytest.mark.parametrize("kind", ["dpo", "sft_ra_it"])
def test_fairseq2_skips_the_rows_the_training_set_drops_as_too_long(kind, tiny_run, smollm2_path):
    """fairseq2's own readers skip, unsaid, a row longer than max_seq_len; rule training_set drops
    the same rows (sdrait.training_sets.fits_max_seq_len, counting with the tokenizer it uses), so
    a set's row count is what fairseq2 trains on. The tiny run's set, read at its median length."""
    from fairseq2.datasets import StaticBatching
    from fairseq2.gang import FakeGang
    from transformers import AutoTokenizer

    from sdrait.training_sets import fits_max_seq_len

    path = tiny_run / "results" / "train" / kind / "data.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    targets = ["tgt_chosen", "tgt_rejected"] if kind == "dpo" else ["tgt"]
    hf = AutoTokenizer.from_pretrained(smollm2_path)
    n_tokens = lambda text: len(hf(text, add_special_tokens=False).input_ids)  # noqa: E731
    lengths = sorted(max(n_tokens(r["src"]) + n_tokens(r[t]) for t in targets) for r in rows)
    max_seq_len = lengths[len(lengths) // 2]
    fits = fits_max_seq_len(n_tokens, max_seq_len)
    expected = sorted(r["id"] for r in rows if fits(r["src"], [r[t] for t in targets]))
    assert 0 < len(expected) < len(rows)

    tok = HFTextTokenizer(Path(smollm2_path), bos_token="<|im_start|>", eos_token="<|im_end|>",
                          pad_token="<|im_end|>", eot_token="<|im_end|>")
    if kind == "dpo":
        from fairseq2.datasets.preference import GenericPreferenceDataset as Dataset
        from fairseq2.datasets.preference import PreferenceReadOptions as Options
    else:
        from fairseq2.datasets.instruction import GenericInstructionDataset as Dataset
        from fairseq2.datasets.instruction import InstructionReadOptions as Options
    options = Options(batching=StaticBatching(1), source_encode_mode="prompt", target_encode_mode="as_is")
    split = [] if kind == "dpo" else ["default"]  # a directory without split subdirectories
    reader = Dataset.from_path(path.parent, kind).create_reader(*split, tok, FakeGang(), 1, max_seq_len, options)
    read = [b.chosen if kind == "dpo" else b for batches in reader for b in batches]
    assert sorted(i for b in read for i in b.example["id"]) == expected
