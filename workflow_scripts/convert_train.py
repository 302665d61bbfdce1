"""Rule convert_train: an RA-DIT training file -> QA JSONL (`id`, `question`, `answers`, `source`)."""

import logging

from sdrait import runtime
from sdrait.io import convert_train_file, write_jsonl

runtime.setup(snakemake)
rows = convert_train_file(snakemake.input.raw, snakemake.wildcards.source)
logging.info("converted %d records from %s", write_jsonl(snakemake.output.qa, rows), snakemake.input.raw)
