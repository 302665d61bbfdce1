# One job per strategy: its model answers every eval set under every ndocs setting (eval_grid).
rule predict:
    input:
        qa=EVAL_QA,
        model=lambda wc: strategy_model(wc.strategy)[2],
    output:
        predictions=grid_files("results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl"),
    log:
        "logs/predictions/{strategy}.log",
    benchmark:
        "benchmarks/predictions/{strategy}.tsv"
    params:
        grid=eval_grid(),
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
