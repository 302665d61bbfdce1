rule labels:
    input:
        predictions="results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
        model=lambda wc: judge_inputs("labels"),
    output:
        labels="results/labels/{judge}/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
    wildcard_constraints:
        judge=re.escape(judge_id("labels")),
    log:
        "logs/labels/{judge}/ndocs{ndocs}/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/labels/{judge}/ndocs{ndocs}/{strategy}/{eval_set}.tsv"
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
