# Speed figures (printed, not asserted): transformers and vLLM generation side by side, DAG overhead,
# the embedded default's time per rule. See tests/benchmarks/bench.py.
PYTHON ?= .venv/bin/python

.PHONY: bench
bench:
	$(PYTHON) tests/benchmarks/bench.py
