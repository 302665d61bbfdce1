# Relevance is judged once per eval set and judge: no strategy in the path, every strategy shares it.
rule relevance:
    input:
        qa="results/data/eval/{eval_set}.jsonl",
        model=lambda wc: judge_inputs("relevance"),
    output:
        relevance="results/relevance/{judge}/{eval_set}.jsonl",
    wildcard_constraints:
        judge=re.escape(judge_id("relevance")),
    log:
        "logs/relevance/{judge}/{eval_set}.log",
    benchmark:
        "benchmarks/relevance/{judge}/{eval_set}.tsv"
    params:
        ndocs=config["generation"]["ndocs"],
        judge=judge_params("relevance"),
        lexical={k: config["lexical"][k] for k in ("long_answer_min_words", "min_recall")},
    threads: 2
    resources:
        gpu=judge_gpus("relevance"),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/relevance.py"
