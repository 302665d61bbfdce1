"""What the `fairseq2` CLI of rule train loads through the `fairseq2.extension` entry point
(sdrait.dist-info): our tokenizer family, and the CPU-gang fixes that let it start several CPU
ranks (gloo.py)."""

from __future__ import annotations

from fairseq2.context import RuntimeContext
from fairseq2.data.text.tokenizers import TextTokenizerHandler

from .gloo import backport_cpu_gang_fixes
from .tokenizer import HFTokenizerHandler


def setup_fairseq2_extension(context: RuntimeContext) -> None:
    handler = HFTokenizerHandler(context.asset_download_manager)
    context.get_registry(TextTokenizerHandler).register(handler.family, handler)
    backport_cpu_gang_fixes()
