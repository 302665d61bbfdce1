rule prepare_model:
    output:
        directory("results/models/{model}"),
    log:
        "logs/models/{model}.log",
    benchmark:
        "benchmarks/models/{model}.tsv"
    params:
        source=lambda wc: config["models"][wc.model]["source"],
    threads: 2
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/prepare_model.py"
