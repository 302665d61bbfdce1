# Relevance is judged once per eval set, RAG setting (ndocs > 0) and judge: no strategy in the
# path, every strategy shares it.
rule relevance:
    input:
        qa="results/data/eval/{eval_set}.jsonl",
        model=lambda wc: judge_inputs("relevance"),
    output:
        relevance="results/relevance/{judge}/ndocs{ndocs}/{eval_set}.jsonl",
    wildcard_constraints:
        judge=re.escape(judge_id("relevance")),
        ndocs=r"[1-9]\d*",
    log:
        "logs/relevance/{judge}/ndocs{ndocs}/{eval_set}.log",
    benchmark:
        "benchmarks/relevance/{judge}/ndocs{ndocs}/{eval_set}.tsv"
    params:
        ndocs=lambda wc: int(wc.ndocs),
        judge=judge_params("relevance"),
        lexical={k: config["lexical"][k] for k in ("long_answer_min_words", "min_recall")},
        code=code_fingerprint("relevance.py"),
    threads: 2
    resources:
        gpu=judge_gpus("relevance"),
        mem_mb=engine_mem_mb(judge_model("relevance")),
    conda:
        "../envs/vllm.yaml"
    script:
        "../workflow_scripts/relevance.py"
