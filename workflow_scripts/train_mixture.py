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
write_jsonl(snakemake.output.mixture, mixture)
