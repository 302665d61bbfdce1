# One job per strategy, over every eval set and ndocs setting (eval_grid).
rule reward:
    input:
        predictions=grid_files("results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl"),
        model=reward_inputs(),
    output:
        reward=grid_files("results/reward/ndocs{ndocs}/{strategy}/{eval_set}.jsonl"),
    log:
        "logs/reward/{strategy}.log",
    benchmark:
        "benchmarks/reward/{strategy}.tsv"
    params:
        reward=reward_params(),
        source=reward_source(),
        code=code_fingerprint("reward.py"),
    threads: 2
    resources:
        gpu=reward_gpus(),
        mem_mb=reward_mem_mb(),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/reward.py"
