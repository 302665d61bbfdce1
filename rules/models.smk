rule prepare_model:
    output:
        directory("results/models/{model}"),
    log:
        "logs/models/{model}.log",
    benchmark:
        "benchmarks/models/{model}.tsv"
    params:
        source=lambda wc: config["models"][wc.model]["source"],
        code=code_fingerprint("prepare_model.py"),
    threads: 2
    resources:
        mem_mb=lambda wc: engine_mem_mb(wc.model),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/prepare_model.py"
