rule convert_eval:
    input:
        raw=lambda wc: config["eval_sets"][wc.eval_set],
    output:
        qa="results/data/eval/{eval_set}.jsonl",
    log:
        "logs/data/convert_eval/{eval_set}.log",
    benchmark:
        "benchmarks/data/convert_eval/{eval_set}.tsv"
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/convert_eval.py"
