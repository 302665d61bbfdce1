rule metrics:
    input:
        labels=lambda wc: f"results/labels/{judge_id('labels')}/ndocs{wc.ndocs}/{wc.strategy}/{wc.eval_set}.jsonl",
        relevance=relevance_file,
        reward=reward_file,
    output:
        metrics="results/metrics/ndocs{ndocs}/{strategy}/{eval_set}.json",
    log:
        "logs/metrics/ndocs{ndocs}/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/metrics/ndocs{ndocs}/{strategy}/{eval_set}.tsv"
    params:
        relevance_judge=lambda wc: judge_id("relevance") if int(wc.ndocs) else None,
        labels_judge=judge_id("labels"),
        ndocs=lambda wc: int(wc.ndocs),
        code=code_fingerprint("metrics.py"),
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
        code=code_fingerprint("summary.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/summary.py"
