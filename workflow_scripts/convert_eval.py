"""Rule convert_eval: raw KILT/RA-DIT dev file -> QA JSONL (`id`, `question`, `answers`, all raw fields)."""

import logging

from sdrait import runtime
from sdrait.io import convert_eval_file, write_jsonl

runtime.setup(snakemake)
rows = convert_eval_file(snakemake.input.raw)
n = write_jsonl(snakemake.output.qa, rows)
logging.info("converted %d records from %s", n, snakemake.input.raw)
