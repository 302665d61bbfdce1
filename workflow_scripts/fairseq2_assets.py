"""Rule fairseq2_assets: a fairseq2 asset card (+ checkpoint links) for the HF checkpoint a train
job starts from (the policy, or an SFT checkpoint that DPO continues), sliced per rank where
training.tensor_parallel > 1."""

from pathlib import Path

from sdrait import runtime
from sdrait.fairseq2_cards import write_asset_card
from sdrait.io import atomic_dir
from sdrait.models import local_dir

runtime.setup(snakemake)
out = Path(snakemake.output.assets)
with atomic_dir(out) as tmp:
    write_asset_card(local_dir(snakemake.params.model_path), tmp, f"sdrait_{snakemake.wildcards.start}",
                     tensor_parallel=snakemake.params.tensor_parallel)
    # The card holds absolute file:// paths: rewrite them for the final location.
    card = next((tmp / "cards").glob("*.yaml"))
    card.write_text(card.read_text().replace(str(tmp.resolve()), str(out.resolve())))
