"""Rule train_mixture: draws `count` examples from each source (seeded) into one training mixture."""

import logging
import random
from pathlib import Path

from sdrait import runtime
from sdrait.io import DataError, read_jsonl, write_jsonl

runtime.setup(snakemake)
rng = random.Random(snakemake.params.seed)
mixture = []
for path in snakemake.input.sources:
    source = Path(path).stem
    rows, count = read_jsonl(path), snakemake.params.counts[source]
    if count > len(rows):
        raise DataError(path, None, None, f"train_data.sources.{source}.count={count} but only {len(rows)} records")
    mixture += rng.sample(rows, count)
    logging.info("%s: %d of %d records", source, count, len(rows))
rng.shuffle(mixture)
k = snakemake.params.validation_count
if k >= len(mixture):
    raise DataError(snakemake.input.sources[0], None, None,
                    f"train_data.validation_count={k} leaves no training examples (mixture of {len(mixture)})")
# The validation split is written in the raw eval format, so it goes through convert_eval like any eval set.
validation = [{"id": r["id"], "source": r["source"], "input": r["question"],
               "output": [{"answer": a} for a in r["answers"]], "retrieved_support": r["retrieved_support"]}
              for r in mixture[len(mixture) - k:]]
write_jsonl(snakemake.output.validation, validation)
write_jsonl(snakemake.output.mixture, mixture[:len(mixture) - k])
logging.info("mixture: %d examples, %d held out for validation", len(mixture) - k, k)
