rule reward:
    input:
        predictions="results/predictions/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
        model=reward_inputs(),
    output:
        reward="results/reward/ndocs{ndocs}/{strategy}/{eval_set}.jsonl",
    log:
        "logs/reward/ndocs{ndocs}/{strategy}/{eval_set}.log",
    benchmark:
        "benchmarks/reward/ndocs{ndocs}/{strategy}/{eval_set}.tsv"
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
