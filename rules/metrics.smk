rule metrics:
    input:
        labels=lambda wc: f"results/labels/{judge_id('labels')}/{wc.strategy}/{wc.eval_set}.jsonl",
        relevance=lambda wc: f"results/relevance/{judge_id('relevance')}/{wc.eval_set}.jsonl",
        reward="results/reward/{strategy}/{eval_set}.jsonl",
    output:
        metrics="results/metrics/{strategy}/{eval_set}.json",
    log:
        "logs/metrics/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/metrics/{strategy}/{eval_set}.tsv"
    params:
        relevance_judge=judge_id("relevance"),
        labels_judge=judge_id("labels"),
        ndocs=config["generation"]["ndocs"],
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/metrics.py"


rule summary:
    input:
        metrics=metrics_files(),
    output:
        wide="results/summary/metrics.csv",
        long="results/summary/long.csv",
        **summary_tables(),
    log:
        "logs/summary/summary.log",
    benchmark:
        "benchmarks/summary/summary.tsv"
    params:
        strategies=list(config["strategies"]),
        eval_sets=list(config["eval_sets"]),
        titles=SUMMARY_TITLES,
        judges={stage: judge_id(stage) for stage in ("relevance", "labels")},
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/summary.py"
