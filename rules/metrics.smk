rule metrics:
    input:
        labels=lambda wc: f"results/labels/{judge_id('labels')}/{wc.strategy}/{wc.eval_set}.jsonl",
        relevance=lambda wc: f"results/relevance/{judge_id('relevance')}/{wc.eval_set}.jsonl",
        reward=reward_file,
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
        headline_csv="results/summary/headline.csv",
        headline_md="results/summary/headline.md",
        **summary_tables(),
    log:
        "logs/summary/summary.log",
    benchmark:
        "benchmarks/summary/summary.tsv"
    params:
        strategies=list(config["strategies"]),
        eval_sets=list(config["eval_sets"]),
        held_out=[s for s in EVAL_SETS if s not in config["eval_sets"]],
        titles=SUMMARY_TITLES,
        headline_title=HEADLINE_TITLE,
        judges={stage: judge_id(stage) for stage in ("relevance", "labels")},
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/summary.py"
