rule predict:
    input:
        qa="results/data/eval/{eval_set}.jsonl",
        model=lambda wc: model_input(config["strategies"][wc.strategy]),
    output:
        predictions="results/predictions/{strategy}/{eval_set}.jsonl",
    log:
        "logs/predictions/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/predictions/{strategy}/{eval_set}.tsv"
    params:
        generation=config["generation"],
        model_config=lambda wc: config["models"][config["strategies"][wc.strategy]],
        model_path=lambda wc: model_path(config["strategies"][wc.strategy]),
    threads: 2
    resources:
        gpu=lambda wc: model_gpus(config["strategies"][wc.strategy]),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/predict.py"
