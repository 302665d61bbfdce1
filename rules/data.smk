rule convert_eval:
    input:
        raw=lambda wc: question_set("eval", wc.eval_set),
    output:
        qa="results/data/eval/{eval_set}.jsonl",
    log:
        "logs/data/convert_eval/{eval_set}.log",
    benchmark:
        "benchmarks/data/convert_eval/{eval_set}.tsv"
    params:
        code=code_fingerprint("convert_eval.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/convert_eval.py"


rule convert_train:
    input:
        raw=lambda wc: question_set("train", wc.source),
    output:
        qa="results/data/train/{source}.jsonl",
    wildcard_constraints:
        source="|".join(map(re.escape, config["train_data"]["sources"])),
    log:
        "logs/data/convert_train/{source}.log",
    benchmark:
        "benchmarks/data/convert_train/{source}.tsv"
    params:
        code=code_fingerprint("convert_train.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/convert_train.py"


rule train_mixture:
    input:
        sources=expand("results/data/train/{source}.jsonl", source=config["train_data"]["sources"]),
    output:
        mixture="results/data/train/mixture.jsonl",
        validation=VALIDATION_RAW,
    log:
        "logs/data/train_mixture.log",
    benchmark:
        "benchmarks/data/train_mixture.tsv"
    params:
        counts={name: s["count"] for name, s in config["train_data"]["sources"].items()},
        seed=config["train_data"]["seed"],
        validation_count=config["train_data"]["validation_count"],
        code=code_fingerprint("train_mixture.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/train_mixture.py"
