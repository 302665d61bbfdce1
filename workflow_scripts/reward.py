"""Rule reward: a reward score for every prediction sample of one strategy (every eval set and
ndocs setting, one batched call), aligned by (id, sample)."""

import logging

from sdrait import runtime
from sdrait.io import read_prediction_samples, split_like, write_jsonl

runtime.setup(snakemake)
cfg = snakemake.params.reward
files = read_prediction_samples(snakemake.input.predictions)
items = [item for file in files for item in file]
# The prediction's own prompt (same passages), with the prediction as the assistant turn.
conversations = [row["messages"] + [{"role": "assistant", "content": pred}] for row, _, pred in items]

if cfg["backend"] == "classifier":
    from sdrait.models import local_dir
    from sdrait.reward import ClassifierRewardModel

    model = ClassifierRewardModel(local_dir(cfg["model_path"]), batch_size=cfg["batch_size"], threads=snakemake.threads,
                                  trust_remote_code=cfg["trust_remote_code"],
                                  attn_implementation=cfg["attn_implementation"])
    scores = model.score(conversations)
else:
    from sdrait.backends import load_llm
    from sdrait.judging import JudgeSettings
    from sdrait.reward import judge_rewards

    llm = load_llm(cfg["model_config"], cfg["model_path"])
    scores = judge_rewards(llm, conversations, JudgeSettings.from_config(cfg))

for file, file_scores, path in zip(files, split_like(scores, files), snakemake.output.reward, strict=True):
    write_jsonl(path, (
        {"id": row["id"], "sample": k, "reward": s, "reward_source": snakemake.params.source}
        for (row, k, _), s in zip(file, file_scores)))
    logging.info("%s: %d rewards from %s, %d unparsed", path, len(file_scores), snakemake.params.source,
                 sum(s is None for s in file_scores))
