"""sdrait: the importable part of the workflow (IO schema, prompts, backends, judging, metrics).

Scripts under workflow_scripts/ are thin Snakemake entry points around these modules.
"""
