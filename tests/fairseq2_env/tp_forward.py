"""fairseq2's own forward of a tensor-parallel checkpoint, under torchrun (one process per rank):
loads the rank files `model.{rank}.pt` of a checkpoint dir into fairseq2's Llama as it shards it
(TP gangs over gloo, our CPU-gang fixes applied by fairseq2's extension loading), runs token ids
through it and, on rank 0, saves the (gathered) logits.

Usage: torchrun --nproc-per-node=N tp_forward.py <asset card> <checkpoint dir> <ids json> <out.pt>"""

import json
import sys
from pathlib import Path

import torch
import yaml
from fairseq2 import setup_fairseq2
from fairseq2.context import get_runtime_context
from fairseq2.gang import setup_parallel_gangs, setup_root_gang
from fairseq2.models import ModelHandler
from fairseq2.models.llama import LLaMAConfig
from fairseq2.models.sequence import SequenceBatch
from fairseq2.utils.merge import merge_object
from fairseq2.utils.structured import structure, unstructure

card_file, checkpoint_dir, ids, out = sys.argv[1:]
setup_fairseq2()
root = setup_root_gang(torch.device("cpu"))
gangs = setup_parallel_gangs(root, tp_size=root.size)
card = yaml.safe_load(Path(card_file).read_text())
config = structure(merge_object(unstructure(LLaMAConfig()), card["model_config"]), LLaMAConfig)
handler = get_runtime_context().get_registry(ModelHandler).get("llama")
model = handler.load_from_path(Path(checkpoint_dir) / f"model.{gangs.tp.rank}.pt", "checkpoint", config, gangs,
                               torch.float32).eval()
with torch.inference_mode():
    logits = model(SequenceBatch(torch.tensor(json.loads(ids)), None)).logits
if root.rank == 0:
    torch.save(logits, out)
root.close()
