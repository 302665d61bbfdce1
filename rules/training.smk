# The asset card of what a train job starts from: the policy, or an SFT checkpoint DPO continues.
rule fairseq2_assets:
    input:
        weights=lambda wc: start_weights(wc.start)[1],
    output:
        assets=directory("results/fairseq2/{start}"),
    log:
        "logs/training/fairseq2_assets_{start}.log",
    benchmark:
        "benchmarks/training/fairseq2_assets_{start}.tsv"
    params:
        model_path=lambda wc: start_weights(wc.start)[0],
        tensor_parallel=config["training"]["tensor_parallel"],
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
        assets=lambda wc: f"results/fairseq2/{train_start(wc.kind)}",
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
        card_name=lambda wc: f"sdrait_{train_start(wc.kind)}",
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
        recipes=expand("results/checkpoints/{kind}/recipe.yaml", kind=trained_kinds()),
    output:
        csv="results/summary/training.csv",
        markdown="results/summary/training.md",
    log:
        "logs/summary/training.log",
    benchmark:
        "benchmarks/summary/training.tsv"
    params:
        beta=config["training"]["dpo"]["beta"] if "dpo" in trained_kinds() else None,
        starts={kind: train_start(kind) for kind in trained_kinds()},
        code=code_fingerprint("training_summary.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/training_summary.py"
