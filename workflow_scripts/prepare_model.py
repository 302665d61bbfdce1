"""Rule prepare_model: a GGUF shipped in a Python package -> Hugging Face safetensors dir."""

from sdrait import runtime
from sdrait.models import find_gguf, gguf_to_safetensors

runtime.setup(snakemake)
gguf = snakemake.params.source["gguf"]
gguf_to_safetensors(find_gguf(gguf["package"], gguf["file"]), snakemake.output[0])
