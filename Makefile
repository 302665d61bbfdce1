# Speed figures (printed, not asserted): vLLM and a transformers baseline side by side, DAG overhead,
# the embedded default's time per rule. See tests/benchmarks/bench.py.
PYTHON ?= .venv/bin/python

.PHONY: bench
bench:
	$(PYTHON) tests/benchmarks/bench.py
