# Relevance is judged once per eval set and RAG setting (ndocs > 0), all in one job per judge: no
# strategy in the path, every strategy shares it. Closed-book alone has nothing to judge.
if eval_grid(rag_only=True):

    rule relevance:
        input:
            qa=EVAL_QA,
            model=lambda wc: judge_inputs("relevance"),
        output:
            relevance=grid_files("results/relevance/{judge}/ndocs{ndocs}/{eval_set}.jsonl", rag_only=True),
        wildcard_constraints:
            judge=re.escape(judge_id("relevance")),
        log:
            "logs/relevance/{judge}.log",
        benchmark:
            "benchmarks/relevance/{judge}.tsv"
        params:
            grid=eval_grid(rag_only=True),
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
