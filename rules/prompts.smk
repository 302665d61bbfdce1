rule optimize_prompts:
    input:
        examples=f"results/data/train/{config['prompt_optimization']['examples_from']}.jsonl",
        validation=VALIDATION_RAW,  # held out here too
        policy=model_input(config["policy"]),
        judge=judge_inputs("prompt_scores"),
    output:
        prompts="results/prompts/{prompt_set}.jsonl",
        steps="results/prompts/{prompt_set}.steps.jsonl",
    log:
        "logs/prompts/{prompt_set}.log",
    benchmark:
        "benchmarks/prompts/{prompt_set}.tsv"
    params:
        search=lambda wc: prompt_search_params(wc.prompt_set),
        policy=policy_params(),
        judge=judge_params("prompt_scores"),
        lexical=config["lexical"],
        code=code_fingerprint("optimize_prompts.py"),
    threads: 2
    resources:
        gpu=max(model_gpus(config["policy"]), judge_gpus("prompt_scores")),
        mem_mb=engine_mem_mb(config["policy"], judge_model("prompt_scores")),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/optimize_prompts.py"
