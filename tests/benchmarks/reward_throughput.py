"""Batched vs one-at-a-time throughput of the `classifier` reward path on CPU (same model, same
inputs, one run). Usage: .venv/bin/python tests/benchmarks/reward_throughput.py [HF_TOKENIZER_DIR]

The reward model is a randomly initialised Llama sequence classifier of SmolLM2-135M's shape
(576 hidden, 30 layers): no reward model can be downloaded here, and speed depends on shape only.
"""

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "workflow_scripts"), str(REPO / "tests")]
from conftest import random_reward_model  # noqa: E402

from sdrait.reward import ClassifierRewardModel  # noqa: E402

tokenizer_dir = sys.argv[1] if len(sys.argv) > 1 else "results/models/smollm2"
with tempfile.TemporaryDirectory() as path:
    random_reward_model(tokenizer_dir, path, hidden=576, layers=30, heads=9, kv_heads=3)  # SmolLM2-135M's shape
    convs = [[{"role": "user", "content": f"Passage {i}: " + "Canberra is the capital of Australia. " * (3 + i % 7)
               + "\nQuestion: what is the capital of Australia?"},
              {"role": "assistant", "content": "The capital of Australia is Canberra. " * (1 + i % 4)}]
             for i in range(64)]
    for batch_size in (1, 16):
        model = ClassifierRewardModel(path, batch_size=batch_size, threads=2)
        model.score(convs[:4])  # warm-up
        start = time.perf_counter()
        model.score(convs)
        elapsed = time.perf_counter() - start
        print(f"batch_size={batch_size:2d}: {len(convs) / elapsed:6.1f} responses/s ({elapsed:.2f} s for {len(convs)})")
