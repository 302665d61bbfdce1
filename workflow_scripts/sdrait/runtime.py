"""What every rule script does first: log to the rule's log file, tqdm included."""

from __future__ import annotations

import logging
import sys


def setup(snakemake) -> None:
    log_file = open(snakemake.log[0], "a", buffering=1)
    sys.stderr = log_file  # tqdm progress bars and library warnings land in logs/<stage>/
    logging.basicConfig(
        stream=log_file, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
