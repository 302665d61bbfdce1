"""fairseq2 0.4.6's tensor-parallel checkpoint layout for a Llama model: one file per TP rank, each
holding that rank's slices of every weight in fairseq2's names. Its model handler loads such files
at tensor-parallel size N (asset card `num_shards: N`, a checkpoint URI with `{shard_idx}`), and
its checkpoint manager writes them back (`step_N/model.{rank}.pt`); an HF checkpoint it would
convert itself loads at size 1 only.

Which dimension each weight splits on is what `shard_transformer_decoder_model` does to the
module holding it (tests/fairseq2_env/check_fairseq2.py compares every slice with fairseq2's own
sharder): column-sharded projections (q/k/v, gate, inner, the final projection) on dim 0,
row-sharded ones (both output projections) on dim 1, norms whole on every rank, the embedding on
the model dim when `max_seq_len` < 8192, else on the vocabulary (`LLaMAModelHandler._shard`)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import torch

from .hf_export import hf_to_fairseq2_key, permute_rotary

_COLUMN = re.compile(r"(\.self_attn\.[qkv]_proj|\.ffn\.(gate|inner)_proj|^final_proj)\.weight$")
_ROW = re.compile(r"\.(self_attn|ffn)\.output_proj\.weight$")
_EMBED = "decoder_frontend.embed.weight"


def shards_embed_dim(max_seq_len: int) -> bool:
    return max_seq_len < 8192  # fairseq2's test for "LLaMA 1 or 2"


def split_dim(key: str, embed_dim: bool) -> int | None:
    """The dimension fairseq2 splits a weight on over TP ranks; None: every rank holds it whole."""
    if key == _EMBED:
        return 1 if embed_dim else 0
    if _COLUMN.search(key):
        return 0
    if _ROW.search(key):
        return 1
    return None


def _hf_tensors(hf_dir: Path):
    """(HF key, safetensors slice) of every weight; `lm_head.weight` from the embeddings when tied."""
    from safetensors import safe_open

    files = sorted(hf_dir.glob("*.safetensors"))
    if not files:
        raise FileNotFoundError(f"no *.safetensors in {hf_dir}")
    handles = [safe_open(f, framework="pt") for f in files]
    slices = {key: h.get_slice(key) for h in handles for key in h.keys()}
    if "lm_head.weight" not in slices:
        slices["lm_head.weight"] = slices["model.embed_tokens.weight"]
    return slices


def write_rank_files(hf_dir: str | os.PathLike, out_dir: str | os.PathLike, size: int) -> list[Path]:
    """`out_dir/model.{rank}.pt` for rank 0..size-1 from an HF Llama checkpoint. Each rank reads
    only its slices (safetensors slices), so a job holds one rank's share of the model at a time."""
    hf_dir, out_dir = Path(hf_dir), Path(out_dir)
    hf = json.loads((hf_dir / "config.json").read_text())
    heads = {"q_proj": hf["num_attention_heads"], "k_proj": hf.get("num_key_value_heads", hf["num_attention_heads"])}
    for name, n in heads.items():
        if n % size:
            raise ValueError(f"{hf_dir}: {n} {'query' if name == 'q_proj' else 'key/value'} heads do not split "
                             f"over training.tensor_parallel={size} ranks")
    embed_dim = shards_embed_dim(hf["max_position_embeddings"])
    slices = _hf_tensors(hf_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for rank in range(size):
        state = {}
        for hf_key, tensor in slices.items():
            key = hf_to_fairseq2_key(hf_key)
            dim, shape = split_dim(key, embed_dim), tensor.get_shape()
            if dim is None:
                state[key] = tensor[:]
                continue
            if shape[dim] % size:
                raise ValueError(f"{hf_dir}: {hf_key} {tuple(shape)} does not split on dim {dim} over "
                                 f"training.tensor_parallel={size} ranks")
            part = shape[dim] // size
            index = slice(rank * part, (rank + 1) * part)
            state[key] = tensor[index] if dim == 0 else tensor[:, index]
            proj = key.rsplit(".", 2)[-2]
            if proj in heads and ".self_attn." in key:
                state[key] = permute_rotary(state[key], heads[proj] // size)
        paths.append(out_dir / f"model.{rank}.pt")
        torch.save({"model": state, "model_key": "model", "fs2": True}, paths[-1])
        del state
    return paths


def load_model_state(files: list[Path], max_seq_len: int, dtype: torch.dtype | None = None) -> dict[str, torch.Tensor]:
    """The whole fairseq2 model state of a checkpoint in `dtype`: one `model.pt`, or the rank
    files of a tensor-parallel run (in rank order), each weight concatenated on the dimension it
    was split on. Memory-mapped and cast weight by weight, so only the result is held (a 70B
    policy trained in float32 exports 141 GB of bfloat16, not 282 more). Without DDP's `module.`."""
    parts = [torch.load(f, map_location="cpu", mmap=True, weights_only=False)["model"] for f in files]
    parts = [{k.removeprefix("module."): v for k, v in part.items()} for part in parts]
    if len(parts) == 1:
        return {k: v.to(dtype) if dtype else v for k, v in parts[0].items()}
    embed_dim = shards_embed_dim(max_seq_len)
    keys = list(parts[0])
    for f, part in zip(files[1:], parts[1:]):
        if list(part) != keys:
            raise ValueError(f"{f} holds other weights than {files[0]}")
    merged = {}
    for key in keys:
        dim = split_dim(key, embed_dim)
        merged[key] = parts[0][key] if dim is None else torch.cat([p[key] for p in parts], dim=dim)
        merged[key] = merged[key].to(dtype) if dtype else merged[key]
    return merged
