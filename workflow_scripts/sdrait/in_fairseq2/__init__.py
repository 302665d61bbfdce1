"""Code that runs inside fairseq2's own env (.venv-fairseq2 locally, envs/fairseq2.yaml on a
cluster: fairseq2 0.4.6, torch 2.6), loaded by the `fairseq2` CLI of rule train through the
`fairseq2.extension` entry point (sdrait.dist-info). The rest of the package runs in the
workflow's env (vLLM, torch 2.13) and never imports this subpackage or fairseq2."""
