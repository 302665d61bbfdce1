# Figures for the report: each rule draws from files earlier stages already wrote, so a new
# figure style re-runs no model.


rule plot_labels:
    input:
        metrics=metrics_files(),
    output:
        png=report(
            "results/summary/plots/labels.png",
            caption="../report/plot_labels.rst",
            category="Answer labels",
        ),
        svg="results/summary/plots/labels.svg",
        relevance_png=report(
            "results/summary/plots/labels_by_relevance.png",
            caption="../report/plot_labels_by_relevance.rst",
            category="Answer labels",
        ),
        relevance_svg="results/summary/plots/labels_by_relevance.svg",
        ndocs_png=report(
            "results/summary/plots/labels_by_ndocs.png",
            caption="../report/plot_labels_by_ndocs.rst",
            category="Answer labels",
        ),
        ndocs_svg="results/summary/plots/labels_by_ndocs.svg",
    log:
        "logs/plots/labels.log",
    benchmark:
        "benchmarks/plots/labels.tsv"
    params:
        strategies=list(config["strategies"]),
        eval_sets=list(EVAL_SETS),
        averaged=list(config["eval_sets"]),  # the validation split stays out of averages
        ndocs=NDOCS,
        code=code_fingerprint("plot_labels.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/plot_labels.py"


rule plot_rewards:
    input:
        rewards=expand(
            "results/reward/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
            ndocs=NDOCS,
            strategy=config["strategies"],
            eval_set=EVAL_SETS,
        ),
    output:
        png=report(
            "results/summary/plots/rewards.png",
            caption="../report/plot_rewards.rst",
            category="Rewards",
        ),
        svg="results/summary/plots/rewards.svg",
    log:
        "logs/plots/rewards.log",
    benchmark:
        "benchmarks/plots/rewards.tsv"
    params:
        strategies=list(config["strategies"]),
        eval_sets=list(EVAL_SETS),
        ndocs=NDOCS,
        code=code_fingerprint("plot_rewards.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/plot_rewards.py"


rule plot_training:
    input:
        metrics=expand("results/checkpoints/{kind}/train_metrics.jsonl", kind=trained_kinds()),
    output:
        png=report(
            "results/summary/plots/training.png",
            caption="../report/plot_training.rst",
            category="Training",
        ),
        svg="results/summary/plots/training.svg",
    log:
        "logs/plots/training.log",
    benchmark:
        "benchmarks/plots/training.tsv"
    params:
        code=code_fingerprint("plot_training.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/plot_training.py"


rule plot_self_demos:
    input:
        rag_steps="results/prompts/rag.steps.jsonl",
        norag_steps="results/prompts/norag.steps.jsonl",
        summary="results/self_demos/summary.json",
    output:
        prompts_png=report(
            "results/summary/plots/prompt_search.png",
            caption="../report/plot_prompt_search.rst",
            category="Self-demos",
        ),
        prompts_svg="results/summary/plots/prompt_search.svg",
        winners_png=report(
            "results/summary/plots/self_demo_winners.png",
            caption="../report/plot_self_demo_winners.rst",
            category="Self-demos",
        ),
        winners_svg="results/summary/plots/self_demo_winners.svg",
    log:
        "logs/plots/self_demos.log",
    benchmark:
        "benchmarks/plots/self_demos.tsv"
    params:
        code=code_fingerprint("plot_self_demos.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/plot_self_demos.py"


# The report's front page (report/workflow.rst) shows this fragment: the headline table and
# figure, embedded, so report.html stays one self-contained file.
rule overview:
    input:
        headline="results/summary/headline.csv",
        table="results/summary/labels.csv",
        plot="results/summary/plots/labels_by_relevance.png",
        ndocs_plot="results/summary/plots/labels_by_ndocs.png",
    output:
        html="results/summary/overview.html",
    log:
        "logs/plots/overview.log",
    benchmark:
        "benchmarks/plots/overview.tsv"
    params:
        code=code_fingerprint("overview.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/overview.py"
