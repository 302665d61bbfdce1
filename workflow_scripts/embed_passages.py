"""Rule embed_passages: one shard of the passage store -> its embeddings (.npy, written as they
are computed) by the passage encoder."""

import logging

from tqdm import tqdm

from sdrait import runtime
from sdrait.dense import Encoder, PassageStore, embed_shard, shard_rows

runtime.setup(snakemake)
p = snakemake.params
store = PassageStore(snakemake.input.store)
start, end = shard_rows(len(store), int(snakemake.wildcards.shard), int(snakemake.wildcards.shards))
encoder = Encoder(p.encoder)
logging.info("%s on %s: passages %d-%d of %d, %d dimensions", p.encoder["name"], encoder.device, start, end,
             len(store), encoder.dim)
with tqdm(total=end - start, desc="passages", unit="passage", mininterval=10) as progress:
    embed_shard(store, encoder, start, end, snakemake.output.embeddings, progress)
