rule predict:
    input:
        qa="results/data/eval/{eval_set}.jsonl",
        model=lambda wc: strategy_model(wc.strategy)[2],
    output:
        predictions="results/predictions/{strategy}/{eval_set}.jsonl",
    log:
        "logs/predictions/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/predictions/{strategy}/{eval_set}.tsv"
    params:
        generation=config["generation"],
        model_config=lambda wc: strategy_model(wc.strategy)[0],
        model_path=lambda wc: strategy_model(wc.strategy)[1],
    threads: 2
    resources:
        gpu=lambda wc: model_gpus(config["policy"]) if "train" in config["strategies"][wc.strategy]
        else model_gpus(config["strategies"][wc.strategy]["model"]),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/predict.py"
