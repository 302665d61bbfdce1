rule predict:
    input:
        qa="results/data/eval/{eval_set}.jsonl",
        model=lambda wc: strategy_model(wc.strategy)[2],
    output:
        predictions="results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
    log:
        "logs/predictions/ndocs{ndocs}/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/predictions/ndocs{ndocs}/{strategy}/{eval_set}.tsv"
    params:
        # one setting of generation.ndocs per job: adding a setting leaves the others' results
        ndocs=lambda wc: int(wc.ndocs),
        generation={k: v for k, v in config["generation"].items() if k != "ndocs"},
        model_config=lambda wc: strategy_model(wc.strategy)[0],
        model_path=lambda wc: strategy_model(wc.strategy)[1],
        code=code_fingerprint("predict.py"),
    threads: 2
    resources:
        gpu=lambda wc: model_gpus(strategy_model_name(wc.strategy)),
        mem_mb=lambda wc: engine_mem_mb(strategy_model_name(wc.strategy)),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/predict.py"
