"""fairseq2 0.4.6 inputs from our config: an asset card for a Hugging Face Llama-architecture
checkpoint, and the recipe config of `fairseq2 lm preference_finetune` / `instruction_finetune`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

# The tokenizer family sdrait.in_fairseq2.tokenizer registers with fairseq2. Named here: this module runs in
# the workflow's env, which has no fairseq2; that one runs inside fairseq2's.
HF_TOKENIZER_FAMILY = "hf_tokenizers"


def model_config_overrides(hf: dict) -> dict:
    """fairseq2 LLaMAConfig overrides (the `_set_` syntax) reproducing an HF LlamaConfig exactly."""
    if hf.get("model_type") != "llama":
        raise ValueError(f"only Llama-architecture checkpoints are supported, got model_type={hf.get('model_type')!r}")
    if hf.get("attention_bias") or hf.get("mlp_bias"):
        raise ValueError("Llama checkpoints with attention or MLP biases are not supported by fairseq2's llama family")
    if abs(hf.get("rms_norm_eps", 1e-5) - 1e-5) > 1e-12:
        raise ValueError(f"fairseq2's llama family uses rms_norm_eps=1e-5, the checkpoint has {hf['rms_norm_eps']}")
    eos = hf.get("eos_token_id")
    # transformers 5 writes rope_theta and the scaling as one `rope_parameters` dict (type
    # "default" when unscaled); 4.x as `rope_theta` and `rope_scaling`. Read either: a default
    # theta would build a model that looks fine and computes something else.
    rope = hf.get("rope_parameters") or {}
    theta = rope.get("rope_theta", hf.get("rope_theta", 10000.0))
    scaling = hf.get("rope_scaling") or (rope if rope.get("rope_type", "default") != "default" else None)
    overrides = {
        "_set_": {
            "model_dim": hf["hidden_size"],
            "max_seq_len": hf["max_position_embeddings"],
            "num_layers": hf["num_hidden_layers"],
            "num_attn_heads": hf["num_attention_heads"],
            "num_key_value_heads": hf.get("num_key_value_heads", hf["num_attention_heads"]),
            # scale 1, multiplier 1, multiple 1: the inner dim is exactly HF's intermediate_size
            "ffn_inner_dim": hf["intermediate_size"],
            "ffn_inner_dim_scale": 1.0,
            "ffn_inner_dim_multiplier": 1.0,
            "ffn_inner_dim_to_multiple": 1,
            "rope_theta": float(theta),
            "use_scaled_rope": False,
            "dropout_p": 0.0,
        },
        "vocab_info": {"_set_": {
            "size": hf["vocab_size"], "unk_idx": None, "bos_idx": hf.get("bos_token_id"),
            "eos_idx": eos[0] if isinstance(eos, list) else eos, "pad_idx": hf.get("pad_token_id"),
        }},
    }
    if scaling:
        if scaling.get("rope_type", scaling.get("type")) != "llama3":
            raise ValueError(f"unsupported rope_scaling {scaling}")
        overrides["_set_"]["use_scaled_rope"] = True
        overrides["rope_scaling"] = {"_set_": {
            "factor": scaling["factor"],
            "frequency_factors": [scaling["low_freq_factor"], scaling["high_freq_factor"]],
            "original_context_length": scaling["original_max_position_embeddings"],
        }}
    return overrides


def write_checkpoint_dir(hf_dir: Path, out: Path) -> None:
    """Links the HF safetensors into `out`; adds `lm_head.weight` when embeddings are tied, since
    fairseq2 recognises an HF checkpoint by that key (the model then trains untied)."""
    from safetensors import safe_open
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    files = sorted(hf_dir.glob("*.safetensors"))
    if not files:
        raise FileNotFoundError(f"no *.safetensors in {hf_dir}")
    has_head = False
    for f in files:
        os.symlink(f.resolve(), out / f.name)
        with safe_open(f, framework="pt") as st:
            has_head |= "lm_head.weight" in st.keys()
    if not has_head:
        for f in files:
            with safe_open(f, framework="pt") as st:
                if "model.embed_tokens.weight" in st.keys():
                    save_file({"lm_head.weight": st.get_tensor("model.embed_tokens.weight").clone()},
                              out / "zz_lm_head.safetensors")
                    return
        raise ValueError(f"{hf_dir}: neither lm_head.weight nor model.embed_tokens.weight found")


def write_asset_card(hf_dir: str | os.PathLike, out_dir: str | os.PathLike, name: str,
                     tensor_parallel: int = 1) -> Path:
    """`out_dir/cards/<name>.yaml` + `out_dir/checkpoint/`; returns the cards dir (fairseq2's
    `common.assets.extra_path`). At `tensor_parallel` N > 1 the checkpoint is N rank files in
    fairseq2's layout (sdrait.tensor_parallel), which fairseq2 loads only from a card saying
    `num_shards: N`; at 1 the HF files themselves, which fairseq2 converts as it loads."""
    from .models import load_chat_tokenizer
    from .tensor_parallel import write_rank_files
    from .training_sets import end_of_turn

    hf_dir, out_dir = Path(hf_dir).resolve(), Path(out_dir).resolve()
    hf = json.loads((hf_dir / "config.json").read_text())
    tokenizer = load_chat_tokenizer(hf_dir)
    if tensor_parallel > 1:
        write_rank_files(hf_dir, out_dir / "checkpoint", tensor_parallel)
        # fairseq2 puts the rank in `{shard_idx}`; written URL-encoded, as its download manager
        # reads it (literal braces: "`shard_idx` is specified, but the checkpoint ... is not sharded")
        checkpoint = {"num_shards": tensor_parallel,
                      "checkpoint": f"file://{out_dir / 'checkpoint' / 'model.%7Bshard_idx%7D.pt'}"}
    else:
        write_checkpoint_dir(hf_dir, out_dir / "checkpoint")
        checkpoint = {"checkpoint": f"file://{out_dir / 'checkpoint'}"}
    card = {
        "name": name,
        "model_family": "llama",
        "model_arch": "llama3_8b",  # every field that matters is overridden below
        "model_config": model_config_overrides(hf),
        **checkpoint,
        "tokenizer": f"file://{hf_dir}",
        "tokenizer_family": HF_TOKENIZER_FAMILY,
        "tokenizer_vocab_size": hf["vocab_size"],
        "eot_token": end_of_turn(tokenizer),
    }
    # Special tokens by the model config's ids: a tokenizer converted from GGUF may name them wrongly.
    for field, key in (("bos_token", "bos_token_id"), ("eos_token", "eos_token_id"), ("pad_token", "pad_token_id")):
        idx = hf.get(key)
        idx = idx[0] if isinstance(idx, list) else idx
        if idx is not None:
            card[field] = tokenizer.convert_ids_to_tokens(idx)
    cards = out_dir / "cards"
    cards.mkdir(parents=True, exist_ok=True)
    (cards / f"{name}.yaml").write_text(yaml.safe_dump(card, sort_keys=False))
    return cards


def _deep_merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def recipe_config(kind: str, card_name: str, cards_dir: str, dataset_dir: str, t: dict) -> dict:
    """The fairseq2 recipe config (the seed's `configs/dpo_70b.yaml` layout) from `training.*`;
    DPO trains `training.dpo.num_steps` steps where set."""
    num_steps = (t["dpo"].get("num_steps") if kind == "dpo" else None) or t["num_steps"]
    dataset = {
        "name": kind, "path": str(Path(dataset_dir).resolve()),
        # `src` is already chat-rendered and targets end with the end-of-turn token.
        "source_encode_mode": "prompt", "target_encode_mode": "as_is",
        "max_seq_len": t["max_seq_len"], "max_num_tokens": t["max_num_tokens"], "batch_size": t["batch_size"],
        "example_shuffle_window": t["example_shuffle_window"],
    }
    config = {
        "model": {"_set_": {"name": card_name}},
        "dataset": {"_set_": {**dataset, "family": "generic_preference" if kind == "dpo" else "generic_instruction"}},
        "gang": {"_set_": {"tensor_parallel_size": t["tensor_parallel"]}},
        "trainer": {"_set_": {
            "dtype": t["dtype"], "data_parallelism": t["data_parallelism"], "mixed_precision": t["mixed_precision"],
            "gradient_accumulation": t["gradient_accumulation"],
            "activation_checkpointing": t["activation_checkpointing"], "max_gradient_norm": None,
        }},
        "optimizer": {"config": {"_set_": {"lr": t["lr"]}}},
        "lr_scheduler": {"_set_": {"name": "cosine_annealing"}, "config": {"_set_": {
            "num_warmup_steps": t["warmup_steps"], "final_lr": t["final_lr"], "final_lr_scale": None}}},
        "regime": {"_set_": {
            "num_steps": num_steps, "num_data_epochs": t["num_data_epochs"],
            # one checkpoint, at the end: the rule's output is the final model
            "checkpoint_every_n_steps": num_steps, "keep_last_n_checkpoints": 1,
            "publish_metrics_every_n_steps": t["publish_metrics_every_n_steps"],
        }},
        "common": {
            "_set_": {"seed": t["seed"]},
            "assets": {"_set_": {"extra_path": str(Path(cards_dir).resolve())}},
            "metric_recorders": {"tensorboard": {"_set_": {"enabled": False}}},
        },
    }
    if kind == "dpo":
        config["criterion"] = {"_set_": {"name": "dpo"}, "config": {
            "_set_": {"reference_dtype": t["dpo"]["reference_dtype"], "beta": t["dpo"]["beta"],
                      "nll_scale": t["dpo"]["nll_scale"], "length_normalization": t["dpo"]["length_normalization"]},
            "reference_model": {"_set_": {"name": card_name}}}}
    return _deep_merge(config, t.get("recipe_overrides") or {})
