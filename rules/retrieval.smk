# Retrieval (config `retrieval`, optional): the corpus's index, built once, and the top `k`
# passages for every record of each eval set and training source that lacks them. Without the
# block the question sets go to the conversion as they are.
#
# bm25: one job indexes the corpus (bm25s). dense: the corpus becomes a passage store, its
# embeddings are computed in `dense.shards` jobs (or read from precomputed .npy files), and FAISS
# indexes them; a retrieve job encodes its questions with `dense.query_encoder`.

RETRIEVER = config["retrieval"]["retriever"]
INDEX = f"results/retrieval/index/{RETRIEVER}"
PASSAGES = "results/retrieval/passages"
# A dense retrieve job holds the query encoder (its GPUs and memory); a BM25 one the profile's defaults.
RETRIEVE_RESOURCES = (
    {"gpu": model_gpus(DENSE["query_encoder"]), "mem_mb": engine_mem_mb(DENSE["query_encoder"])}
    if RETRIEVER == "dense"
    else {}
)

if RETRIEVER == "bm25":

    rule retrieval_index:
        input:
            corpus=config["retrieval"]["corpus"],
        output:
            index=directory(INDEX),
        log:
            "logs/retrieval/index.log",
        benchmark:
            "benchmarks/retrieval/index.tsv"
        params:
            retriever=RETRIEVER,
            bm25=config["retrieval"]["bm25"],
            code=code_fingerprint("retrieval_index.py"),
        conda:
            "../envs/core.yaml"
        script:
            "../workflow_scripts/retrieval_index.py"

else:

    rule retrieval_passages:
        input:
            corpus=config["retrieval"]["corpus"],
        output:
            store=directory(PASSAGES),
        log:
            "logs/retrieval/passages.log",
        benchmark:
            "benchmarks/retrieval/passages.tsv"
        params:
            code=code_fingerprint("retrieval_passages.py"),
        conda:
            "../envs/core.yaml"
        script:
            "../workflow_scripts/retrieval_passages.py"

    # precomputed embeddings (dense.embeddings) need no passage encoder
    if not DENSE["embeddings"]:

        rule embed_passages:
            input:
                store=PASSAGES,
                encoder=encoder_input("passage_encoder"),
            output:
                embeddings="results/retrieval/embeddings/{shard}-of-{shards}.npy",
            log:
                "logs/retrieval/embed/{shard}-of-{shards}.log",
            benchmark:
                "benchmarks/retrieval/embed/{shard}-of-{shards}.tsv"
            params:
                encoder=encoder_params("passage_encoder"),
                code=code_fingerprint("embed_passages.py"),
            resources:
                gpu=model_gpus(DENSE["passage_encoder"]),
                mem_mb=engine_mem_mb(DENSE["passage_encoder"]),
            conda:
                "../envs/core.yaml"
            script:
                "../workflow_scripts/embed_passages.py"

    rule retrieval_index:
        input:
            store=PASSAGES,
            embeddings=passage_embeddings(),
        output:
            index=directory(INDEX),
        log:
            "logs/retrieval/index.log",
        benchmark:
            "benchmarks/retrieval/index.tsv"
        params:
            retriever=RETRIEVER,
            dense={k: DENSE[k] for k in ("index", "train_size", "seed")},
            code=code_fingerprint("retrieval_index.py"),
        resources:
            mem_mb=round(DENSE["index_mem_gb"] * 1000),
        conda:
            "../envs/core.yaml"
        script:
            "../workflow_scripts/retrieval_index.py"


rule retrieve:
    input:
        raw=lambda wc: QUESTION_SETS[wc.fmt][wc.name],
        index=INDEX,
        dense=[PASSAGES, *encoder_input("query_encoder")] if RETRIEVER == "dense" else [],
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
        k=config["retrieval"]["k"],
        override=config["retrieval"]["override"],
        corpus=config["retrieval"]["corpus"],
        retriever=RETRIEVER,
        bm25=config["retrieval"]["bm25"] if RETRIEVER == "bm25" else None,
        dense={k: DENSE[k] for k in ("index", "nprobe")} if RETRIEVER == "dense" else None,
        encoder=encoder_params("query_encoder") if RETRIEVER == "dense" else None,
        code=code_fingerprint("retrieve.py"),
    resources:
        **RETRIEVE_RESOURCES,
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
