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
        # The prompt trained on is the eval-time RAG prompt (same template and system prompt).
        ndocs=config["training_sets"]["ndocs"],
        system_prompt=config["generation"].get("system_prompt"),
        lexical=config["lexical"],
        # fairseq2 skips longer rows unsaid; the set drops and counts them
        max_seq_len=config["training"]["max_seq_len"],
        dpo=lambda wc: dpo_pair_params() if wc.kind == "dpo" else None,
        code=code_fingerprint("training_set.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/training_set.py"
