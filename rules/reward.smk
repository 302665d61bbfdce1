rule reward:
    input:
        predictions="results/predictions/{strategy}/{eval_set}.jsonl",
        model=reward_inputs(),
    output:
        reward="results/reward/{strategy}/{eval_set}.jsonl",
    log:
        "logs/reward/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/reward/{strategy}/{eval_set}.tsv"
    params:
        reward=reward_params(),
        source=reward_source(),
    threads: 2
    resources:
        gpu=reward_gpus(),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/reward.py"
