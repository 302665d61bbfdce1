rule training_set:
    input:
        demos=lambda wc: [] if wc.kind == "sft_ra_it" else "results/self_demos/self_demos.jsonl",
        mixture="results/data/train/mixture.jsonl",
        policy=model_input(config["policy"]),
    output:
        data="results/train/{kind}/data.jsonl",
        summary="results/train/{kind}/summary.json",
    log:
        "logs/train/{kind}.log",
    benchmark:
        "benchmarks/train/{kind}.tsv"
    params:
        policy=policy_params(),
        # The prompt trained on is the eval-time RAG prompt (same passages, same system prompt).
        ndocs=config["generation"]["ndocs"],
        system_prompt=config["generation"].get("system_prompt"),
        sets=config["training_sets"],
        lexical=config["lexical"],
        # DPO pairs rank candidates as the tournament judge did; relevance over the judge's passages
        tournament_judge=config["judges"]["tournament"]["backend"],
        judge_ndocs=config["self_demos"]["judge_ndocs"],
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/training_set.py"
