# The costliest job at paper scale (220 000 examples): split into `self_demos.shards` jobs; a
# killed shard resumes from its last flushed chunk (workflow_scripts/sdrait/shards.py).
rule self_demos_shard:
    input:
        mixture="results/data/train/mixture.jsonl",
        norag="results/prompts/norag.jsonl",
        rag="results/prompts/rag.jsonl",
        policy=model_input(config["policy"]),
        judge=judge_inputs("tournament"),
    output:
        shard="results/self_demos/shards/{shard}-of-{shards}.jsonl",
    log:
        "logs/self_demos/{shard}-of-{shards}.log",
    benchmark:
        "benchmarks/self_demos/{shard}-of-{shards}.tsv"
    params:
        demos=self_demo_params(),
        policy=policy_params(),
        judge=judge_params("tournament"),
        lexical=config["lexical"],
        code=code_fingerprint("self_demos.py"),
    threads: 2
    resources:
        gpu=max(model_gpus(config["policy"]), judge_gpus("tournament")),
        mem_mb=engine_mem_mb(config["policy"], judge_model("tournament")),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/self_demos.py"


rule merge_self_demos:
    input:
        mixture="results/data/train/mixture.jsonl",
        shards=self_demo_shards(),
    output:
        demos="results/self_demos/self_demos.jsonl",
        summary="results/self_demos/summary.json",
    log:
        "logs/self_demos/merge.log",
    benchmark:
        "benchmarks/self_demos/merge.tsv"
    params:
        lexical=config["lexical"],
        judge_ndocs=config["self_demos"]["judge_ndocs"],
        code=code_fingerprint("merge_self_demos.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/merge_self_demos.py"
