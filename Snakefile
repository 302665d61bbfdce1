# sdrait: "Post-training an LLM for RAG? Train on Self-Generated Demonstrations"
# (Finlayson et al., arXiv 2502.10596), from raw data to a results table.

from snakemake.utils import min_version

min_version("9.0")


# A --configfile replaces the embedded default instead of being merged into it, so a config
# lists exactly the eval sets, strategies and models it runs.
if not workflow.overwrite_configfiles:

    configfile: "config/config.yaml"


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/models.smk"
include: "rules/data.smk"


if "retrieval" in config:

    include: "rules/retrieval.smk"


include: "rules/prompts.smk"
include: "rules/self_demos.smk"
include: "rules/training_sets.smk"
include: "rules/training.smk"
include: "rules/predictions.smk"
include: "rules/relevance.smk"
include: "rules/labels.smk"
include: "rules/reward.smk"
include: "rules/metrics.smk"
include: "rules/plots.smk"


# Bookkeeping (seconds on one core, no GPU: tables, plots, the shard merge) runs where Snakemake
# runs: on a cluster each such job would wait in the queue for a node, and paper-70b alone plans
# 80 metrics jobs.
localrules:
    merge_self_demos,
    metrics,
    summary,
    training_summary,
    retrieval_summary,
    plot_labels,
    plot_rewards,
    plot_training,
    plot_self_demos,
    overview,


# Rules that start an engine declare `mem_mb` (models.<name>.mem_gb). On a local run Snakemake
# limits nothing it is not given, so two engines could start beside each other on a machine that
# holds one: give it the memory free now, unless `--resources mem_mb=...` says otherwise.
if workflow.local_exec and "mem_mb" not in workflow.global_resources:
    workflow.register_resource("mem_mb", available_mem_mb())


rule all:
    input:
        final_targets(),
