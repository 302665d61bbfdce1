"""fairseq2 llama checkpoint -> Hugging Face safetensors dir (loadable by transformers and vLLM).

The inverse of fairseq2 0.4.6's `convert_llama_checkpoint` (HF -> fairseq2): the key map read
backwards, and q/k projections un-permuted from fairseq2's rotary layout back to HF's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import torch

from .io import atomic_dir

# fairseq2 key -> HF key (the reverse of fairseq2.models.llama._handler.convert_llama_checkpoint)
_KEY_MAP = [
    (r"^decoder\.layers\.(\d+)\.self_attn\.q_proj\.", r"model.layers.\1.self_attn.q_proj."),
    (r"^decoder\.layers\.(\d+)\.self_attn\.k_proj\.", r"model.layers.\1.self_attn.k_proj."),
    (r"^decoder\.layers\.(\d+)\.self_attn\.v_proj\.", r"model.layers.\1.self_attn.v_proj."),
    (r"^decoder\.layers\.(\d+)\.self_attn\.output_proj\.", r"model.layers.\1.self_attn.o_proj."),
    (r"^decoder\.layers\.(\d+)\.ffn_layer_norm\.", r"model.layers.\1.post_attention_layernorm."),
    (r"^decoder\.layers\.(\d+)\.ffn\.gate_proj\.", r"model.layers.\1.mlp.gate_proj."),
    (r"^decoder\.layers\.(\d+)\.ffn\.output_proj\.", r"model.layers.\1.mlp.down_proj."),
    (r"^decoder\.layers\.(\d+)\.ffn\.inner_proj\.", r"model.layers.\1.mlp.up_proj."),
    (r"^decoder\.layers\.(\d+)\.self_attn_layer_norm\.", r"model.layers.\1.input_layernorm."),
    (r"^decoder\.layer_norm\.", r"model.norm."),
    (r"^decoder_frontend\.embed\.", r"model.embed_tokens."),
    (r"^final_proj\.", r"lm_head."),
]
# Tokenizer and generation files copied from the original checkpoint.
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja",
                    "generation_config.json", "tokenizer.model", "vocab.json", "merges.txt")


def _unpermute_rotary(w: torch.Tensor, num_heads: int, model_dim: int) -> torch.Tensor:
    head_dim = w.shape[0] // num_heads
    return w.view(num_heads, head_dim // 2, 2, model_dim).transpose(1, 2).reshape(-1, model_dim)


def permute_rotary(w: torch.Tensor, num_heads: int) -> torch.Tensor:
    """HF's q/k rows -> fairseq2's rotary layout (what `convert_llama_checkpoint` does), per head:
    a slice of whole heads permutes as the full matrix would."""
    head_dim, model_dim = w.shape[0] // num_heads, w.shape[1]
    return w.view(num_heads, 2, head_dim // 2, model_dim).transpose(1, 2).reshape(-1, model_dim)


# The same map read forwards (HF key -> fairseq2 key), built once.
_FORWARD_MAP = [("^" + re.escape(hf).replace(re.escape(r"\1"), r"(\d+)"),
                 fs2.lstrip("^").replace(r"(\d+)", r"\1").replace("\\.", ".")) for fs2, hf in _KEY_MAP]


def hf_to_fairseq2_key(key: str) -> str:
    """An HF Llama key's fairseq2 name."""
    for pattern, repl in _FORWARD_MAP:
        new, n = re.subn(pattern, repl, key)
        if n:
            return new
    raise KeyError(f"unexpected Hugging Face llama key {key!r}")


def fairseq2_to_hf_state_dict(state: dict[str, torch.Tensor], hf_config: dict) -> dict[str, torch.Tensor]:
    heads = hf_config["num_attention_heads"]
    kv_heads = hf_config.get("num_key_value_heads", heads)
    dim = hf_config["hidden_size"]
    out = {}
    for key, tensor in state.items():
        for pattern, repl in _KEY_MAP:
            new, n = re.subn(pattern, repl, key)
            if n:
                break
        else:
            raise KeyError(f"unexpected fairseq2 llama key {key!r}")
        if new.endswith("self_attn.q_proj.weight"):
            tensor = _unpermute_rotary(tensor, heads, dim)
        elif new.endswith("self_attn.k_proj.weight"):
            tensor = _unpermute_rotary(tensor, kv_heads, dim)
        out[new] = tensor.contiguous()
    return out


def export(fs2_state: dict[str, torch.Tensor], original_hf_dir: str | os.PathLike, out_dir: str | os.PathLike,
           dtype: torch.dtype | None = None) -> None:
    """Writes `out_dir` whole or not at all: config (untied head), weights, tokenizer, chat template.
    `fs2_state`: a whole fairseq2 model state (sdrait.tensor_parallel.load_model_state)."""
    from huggingface_hub import save_torch_state_dict

    original_hf_dir, out_dir = Path(original_hf_dir), Path(out_dir)
    hf_config = json.loads((original_hf_dir / "config.json").read_text())
    state = fairseq2_to_hf_state_dict(fs2_state, hf_config)
    if dtype is not None:
        state = {k: v.to(dtype) for k, v in state.items()}
    # fairseq2 trained the head and the embeddings apart: they are no longer tied.
    hf_config.update(tie_word_embeddings=False, torch_dtype=str(next(iter(state.values())).dtype).removeprefix("torch."))

    with atomic_dir(out_dir) as tmp:
        save_torch_state_dict(state, tmp, max_shard_size="5GB")
        (tmp / "config.json").write_text(json.dumps(hf_config, indent=2) + "\n")
        for name in _TOKENIZER_FILES:
            if (original_hf_dir / name).exists():
                shutil.copy2(original_hf_dir / name, tmp / name)
