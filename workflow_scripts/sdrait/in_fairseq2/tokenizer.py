"""A fairseq2 0.4.6 extension: a text tokenizer family backed by Hugging Face `tokenizers`, so any
Hugging Face Llama-architecture checkpoint (SmolLM2 here, Llama-3-Instruct on clusters) trains
with fairseq2's recipes. Registered by extension.py, the `fairseq2.extension` entry point
(sdrait.dist-info, pyproject.toml).

Encoder modes follow fairseq2's LLaMA tokenizer: `prompt` adds nothing after the text (the
generator continues it), `prompt_response` appends the end-of-turn token, `as_is` adds nothing,
`default` wraps in bos/eos. Our training data renders the chat template into `src` and ends every
target with the end-of-turn token already, so the recipes use `prompt` / `as_is`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch
from fairseq2.assets import AssetCard
from fairseq2.data import VocabularyInfo
from fairseq2.data.text.tokenizers import (
    AbstractTextTokenizer,
    AbstractTextTokenizerHandler,
    TextTokenDecoder,
    TextTokenEncoder,
)
from tokenizers import Tokenizer

from ..fairseq2_cards import HF_TOKENIZER_FAMILY


class HFTokenEncoder(TextTokenEncoder):
    def __init__(self, tokenizer: Tokenizer, prefix: list[int], suffix: list[int], device=None, pin_memory=False):
        self._tokenizer, self._prefix, self._suffix = tokenizer, prefix, suffix
        self._device, self._pin_memory = device, pin_memory

    def _tensor(self, ids: list[int]) -> torch.Tensor | None:
        return torch.tensor(ids, dtype=torch.int64, device=self._device) if ids else None

    def __call__(self, text: str) -> torch.Tensor:
        ids = self._prefix + self._tokenizer.encode(text, add_special_tokens=False).ids + self._suffix
        return torch.tensor(ids, dtype=torch.int64, device=self._device, pin_memory=self._pin_memory)

    def encode_as_tokens(self, text: str) -> list[str]:
        return [self._tokenizer.id_to_token(i) for i in self(text).tolist()]

    @property
    def prefix_indices(self) -> torch.Tensor | None:
        return self._tensor(self._prefix)

    @property
    def suffix_indices(self) -> torch.Tensor | None:
        return self._tensor(self._suffix)


class HFTokenDecoder(TextTokenDecoder):
    def __init__(self, tokenizer: Tokenizer):
        self._tokenizer = tokenizer

    def __call__(self, token_indices: torch.Tensor) -> str:
        return self._tokenizer.decode(token_indices.tolist(), skip_special_tokens=True)

    def decode_from_tokens(self, tokens: Sequence[str]) -> str:
        return self._tokenizer.decode([self._tokenizer.token_to_id(t) for t in tokens], skip_special_tokens=True)


class HFTextTokenizer(AbstractTextTokenizer):
    def __init__(self, path: Path, *, bos_token: str | None, eos_token: str, pad_token: str | None,
                 eot_token: str, vocab_size: int | None = None):
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json" if path.is_dir() else path))

        def index(token: str | None) -> int | None:
            if token is None:
                return None
            idx = self._tokenizer.token_to_id(token)
            if idx is None:
                raise ValueError(f"token {token!r} is not in the tokenizer at {path}")
            return idx

        self._bos, self._eos, self._eot = index(bos_token), index(eos_token), index(eot_token)
        super().__init__(VocabularyInfo(
            vocab_size or self._tokenizer.get_vocab_size(with_added_tokens=True),
            unk_idx=None, bos_idx=self._bos, eos_idx=self._eos, pad_idx=index(pad_token)))

    def create_encoder(self, *, task=None, lang=None, mode=None, device=None, pin_memory=False) -> HFTokenEncoder:
        if task is not None or lang is not None:
            raise ValueError("`task` and `lang` must be None")
        match mode:
            case None | "default":
                prefix, suffix = ([self._bos] if self._bos is not None else []), [self._eos]
            case "prompt" | "as_is":
                prefix, suffix = [], []
            case "prompt_response":
                prefix, suffix = [], [self._eot]
            case _:
                raise ValueError(f"`mode` must be default, prompt, prompt_response or as_is, not {mode!r}")
        return HFTokenEncoder(self._tokenizer, prefix, suffix, device, pin_memory)

    def create_raw_encoder(self, *, device=None, pin_memory=False) -> HFTokenEncoder:
        return HFTokenEncoder(self._tokenizer, [], [], device, pin_memory)

    def create_decoder(self) -> HFTokenDecoder:
        return HFTokenDecoder(self._tokenizer)


class HFTokenizerHandler(AbstractTextTokenizerHandler):
    """Reads the special tokens from the asset card the card writer made (sdrait.fairseq2_cards)."""

    @property
    def family(self) -> str:
        return HF_TOKENIZER_FAMILY

    def _load_tokenizer(self, path: Path, card: AssetCard) -> HFTextTokenizer:
        def field(name: str) -> str | None:
            return card.field(name).as_(str) if name in card.metadata else None

        size = card.field("tokenizer_vocab_size").as_(int) if "tokenizer_vocab_size" in card.metadata else None
        return HFTextTokenizer(path, bos_token=field("bos_token"), eos_token=field("eos_token"),
                               pad_token=field("pad_token"), eot_token=field("eot_token"), vocab_size=size)
