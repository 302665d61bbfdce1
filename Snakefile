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


rule all:
    input:
        final_targets(),
