# One job per strategy and judge, over every eval set and ndocs setting (eval_grid).
rule labels:
    input:
        predictions=grid_files("results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl"),
        model=lambda wc: judge_inputs("labels"),
    output:
        labels=grid_files("results/labels/{judge}/ndocs{ndocs}/{strategy}/{eval_set}.jsonl"),
    wildcard_constraints:
        judge=re.escape(judge_id("labels")),
    log:
        "logs/labels/{judge}/{strategy}.log",
    benchmark:
        "benchmarks/labels/{judge}/{strategy}.tsv"
    params:
        judge=judge_params("labels"),
        lexical=config["lexical"],
        code=code_fingerprint("labels.py"),
    threads: 2
    resources:
        gpu=judge_gpus("labels"),
        mem_mb=engine_mem_mb(judge_model("labels")),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/labels.py"
