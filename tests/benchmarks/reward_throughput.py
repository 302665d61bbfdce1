"""Batched vs one-at-a-time throughput of the `classifier` reward path on CPU (same model, same
inputs, one run). Usage: .venv/bin/python tests/benchmarks/reward_throughput.py [HF_TOKENIZER_DIR]

The reward model is a randomly initialised Llama sequence classifier of SmolLM2-135M's shape
(576 hidden, 30 layers): no reward model can be downloaded here, and speed depends on shape only.
"""

import sys
import tempfile
import time

import torch
from transformers import AutoTokenizer, LlamaConfig, LlamaForSequenceClassification

sys.path.insert(0, "workflow_scripts")
from sdrait.reward import ClassifierRewardModel  # noqa: E402

tokenizer_dir = sys.argv[1] if len(sys.argv) > 1 else "results/models/smollm2"
with tempfile.TemporaryDirectory() as path:
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=576, intermediate_size=1536, num_hidden_layers=30,
                         num_attention_heads=9, num_key_value_heads=3, num_labels=1,
                         pad_token_id=tokenizer.convert_tokens_to_ids("<|im_end|>"))
    LlamaForSequenceClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
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
