# Both prompt sets in one job: one engine start for the two searches (each with its own seeds).
rule optimize_prompts:
    input:
        examples=f"results/data/train/{config['prompt_optimization']['examples_from']}.jsonl",
        validation=VALIDATION_RAW,  # held out here too
        policy=model_input(config["policy"]),
        judge=judge_inputs("prompt_scores"),
    output:
        norag="results/prompts/norag.jsonl",
        norag_steps="results/prompts/norag.steps.jsonl",
        rag="results/prompts/rag.jsonl",
        rag_steps="results/prompts/rag.steps.jsonl",
    log:
        "logs/prompts/optimize.log",
    benchmark:
        "benchmarks/prompts/optimize.tsv"
    params:
        search={prompt_set: prompt_search_params(prompt_set) for prompt_set in ("norag", "rag")},
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
