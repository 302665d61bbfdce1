rule fairseq2_assets:
    input:
        model=model_input(config["policy"]),
    output:
        assets=directory("results/fairseq2/{model}"),
    log:
        "logs/training/fairseq2_assets_{model}.log",
    benchmark:
        "benchmarks/training/fairseq2_assets_{model}.tsv"
    params:
        model_path=lambda wc: model_path(wc.model),
        code=code_fingerprint("fairseq2_assets.py"),
    conda:
        "../envs/fairseq2.yaml"
    script:
        "../workflow_scripts/fairseq2_assets.py"


# fairseq2's own output (optimizer state included) lives in results/checkpoints/<kind>/fairseq2
# during the job and is removed after export: only the exported model is an output, so a killed
# job leaves nothing Snakemake would take as done.
rule train:
    input:
        data="results/train/{kind}/data.jsonl",
        assets=f"results/fairseq2/{config['policy']}",
        policy=model_input(config["policy"]),
    output:
        hf=directory("results/checkpoints/{kind}/hf"),
        metrics="results/checkpoints/{kind}/train_metrics.jsonl",
        recipe="results/checkpoints/{kind}/recipe.yaml",
    log:
        "logs/training/{kind}.log",
    benchmark:
        "benchmarks/training/{kind}.tsv"
    params:
        training=lambda wc: training_params(wc.kind),
        card_name=f"sdrait_{config['policy']}",
        policy_path=lambda wc: model_path(config["policy"]),
        code=code_fingerprint("train.py"),
    threads: 2
    resources:
        **training_resources(),
    conda:
        "../envs/fairseq2.yaml"
    script:
        "../workflow_scripts/train.py"


rule training_summary:
    input:
        metrics=expand("results/checkpoints/{kind}/train_metrics.jsonl", kind=trained_kinds()),
    output:
        csv="results/summary/training.csv",
        markdown="results/summary/training.md",
    log:
        "logs/summary/training.log",
    benchmark:
        "benchmarks/summary/training.tsv"
    params:
        beta=config["training"]["dpo"]["beta"] if "dpo" in trained_kinds() else None,
        code=code_fingerprint("training_summary.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/training_summary.py"
