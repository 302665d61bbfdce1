# Retrieval (config `retrieval`, optional): the corpus's BM25 index, built once, and the top `k`
# passages for every record of each eval set and training source that lacks them. Without the
# block the question sets go to the conversion as they are.


rule retrieval_index:
    input:
        corpus=config["retrieval"]["corpus"],
    output:
        index=directory("results/retrieval/index/bm25"),
    log:
        "logs/retrieval/index.log",
    benchmark:
        "benchmarks/retrieval/index.tsv"
    params:
        bm25=config["retrieval"]["bm25"],
        code=code_fingerprint("retrieval_index.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/retrieval_index.py"


rule retrieve:
    input:
        raw=lambda wc: QUESTION_SETS[wc.fmt][wc.name],
        index=rules.retrieval_index.output.index,
    output:
        raw="results/retrieval/{fmt}/{name}.jsonl",
        stats="results/retrieval/{fmt}/{name}.stats.json",
    wildcard_constraints:
        fmt="eval|train",
        name=NAME,
    log:
        "logs/retrieval/{fmt}/{name}.log",
    benchmark:
        "benchmarks/retrieval/{fmt}/{name}.tsv"
    params:
        format=lambda wc: wc.fmt,
        k=config["retrieval"]["k"],
        override=config["retrieval"]["override"],
        corpus=config["retrieval"]["corpus"],
        bm25=config["retrieval"]["bm25"],
        code=code_fingerprint("retrieve.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/retrieve.py"


rule retrieval_summary:
    input:
        stats=[f"results/retrieval/{fmt}/{name}.stats.json" for fmt, names in QUESTION_SETS.items() for name in names],
        qa=[f"results/data/{fmt}/{name}.jsonl" for fmt, names in QUESTION_SETS.items() for name in names],
    output:
        csv="results/summary/retrieval.csv",
        md="results/summary/retrieval.md",
        html=report("results/summary/retrieval.html", caption="../report/retrieval.rst", category="Tables"),
    log:
        "logs/retrieval/summary.log",
    benchmark:
        "benchmarks/retrieval/summary.tsv"
    params:
        cutoffs=[n for n in NDOCS if n],
        lexical=config["lexical"],
        code=code_fingerprint("retrieval_summary.py"),
    conda:
        "../envs/core.yaml"
    script:
        "../workflow_scripts/retrieval_summary.py"
