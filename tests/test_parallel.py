"""Several ranks on CPU (issue 43): fairseq2 at tensor parallel 2 and with DDP over 2 ranks, from
the asset card rule fairseq2_assets writes, with the command rule train runs (torchrun, gloo), and
the export rule train writes; vLLM at tensor parallel 2 on CPU. A random 2-layer Llama with
SmolLM2's tokenizer (conftest) keeps a run to seconds; the DPO set is the tiny run's."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import torch
import yaml
from conftest import REPO, default_config, greedy_in_own_process, random_llama

from sdrait.fairseq2_cards import recipe_config, write_asset_card
from sdrait.hf_export import export
from sdrait.tensor_parallel import load_model_state
from sdrait.training import fairseq2_cli, fairseq2_command, fairseq2_env, last_checkpoint, resolve_training_dtype

FAIRSEQ2 = Path(fairseq2_cli(default_config()["training"]["fairseq2"]))


@pytest.fixture(scope="module")
def llama(tmp_path_factory, smollm2_path) -> Path:
    return random_llama(smollm2_path, tmp_path_factory.mktemp("llama") / "hf")


def train(workdir: Path, llama: Path, data: Path, tensor_parallel: int, ranks: int, lr: float, steps: int):
    """What rules fairseq2_assets and train do, at float32 on CPU ranks: the card (rank files at
    tensor parallel > 1), the recipe, fairseq2 started on `ranks` processes, the last checkpoint's
    model files and the whole state they hold."""
    cards = write_asset_card(llama, workdir / "assets", "tiny", tensor_parallel=tensor_parallel)
    t = {**default_config()["training"], "dtype": "float32", "tensor_parallel": tensor_parallel,
         "ranks_per_node": ranks, "lr": lr, "final_lr": lr, "batch_size": 2, "num_steps": steps}
    t = resolve_training_dtype(t)
    t["dpo"] = {**t["dpo"], "num_steps": steps}
    (workdir / "recipe.yaml").write_text(yaml.safe_dump(recipe_config("dpo", "tiny", str(cards), str(data), t)))
    cmd = fairseq2_command("dpo", workdir / "recipe.yaml", workdir / "out", t)
    assert Path(cmd[0]).name == "torchrun" and f"--nproc-per-node={ranks}" in cmd
    proc = subprocess.run(cmd, env=fairseq2_env(), capture_output=True, text=True, timeout=600)
    logs = "".join(p.read_text() for p in sorted((workdir / "out" / "logs").glob("rank_*.log")))
    assert proc.returncode == 0, proc.stderr[-3000:] + logs[-6000:]
    files = last_checkpoint(workdir / "out")
    return files, load_model_state(files, max_seq_len=2048)


def hf_weights(path: Path) -> dict[str, torch.Tensor]:
    from safetensors.torch import load_file

    state = {}
    for f in sorted(path.glob("*.safetensors")):
        state.update(load_file(f))
    state.setdefault("lm_head.weight", state["model.embed_tokens.weight"])  # tied: one tensor
    return state


@pytest.mark.parametrize("tensor_parallel, layout", [(2, ["model.0.pt", "model.1.pt"]), (1, ["model.pt"])],
                         ids=["tp2", "ddp2"])
def test_at_learning_rate_0_two_ranks_export_the_start_model(tensor_parallel, layout, llama, tiny_run, tmp_path):
    """The whole path in and out, exactly: TP 2 slices the start model into rank files and merges
    fairseq2's rank files back; DDP over 2 ranks keeps one model.pt. No step may change a weight."""
    files, state = train(tmp_path, llama, tiny_run / "results" / "train" / "dpo", tensor_parallel, ranks=2,
                         lr=0.0, steps=2)
    assert [f.name for f in files] == layout
    export(state, llama, tmp_path / "hf")
    start, exported = hf_weights(llama), hf_weights(tmp_path / "hf")
    assert set(exported) == set(start)
    for key in start:
        assert torch.equal(exported[key], start[key]), key


def test_a_tensor_parallel_run_exports_what_fairseq2_computes(llama, tiny_run, tmp_path):
    """Two DPO steps at TP 2 move the weights; transformers on the export then gives the logits
    fairseq2's own TP-2 forward gives on the rank files it wrote (tests/fairseq2_env/tp_forward.py)."""
    from transformers import AutoModelForCausalLM

    files, state = train(tmp_path, llama, tiny_run / "results" / "train" / "dpo", 2, ranks=2, lr=1e-3, steps=2)
    export(state, llama, tmp_path / "hf")
    assert not torch.equal(hf_weights(tmp_path / "hf")["model.layers.0.self_attn.q_proj.weight"],
                           hf_weights(llama)["model.layers.0.self_attn.q_proj.weight"])
    ids = [[1, 9690, 198, 2683, 314, 253, 5356, 30, 2, 198, 1, 520, 9531, 198]]
    card = tmp_path / "assets" / "cards" / "tiny.yaml"
    proc = subprocess.run([str(FAIRSEQ2.with_name("torchrun")), "--standalone", "--nproc-per-node=2",
                           str(REPO / "tests" / "fairseq2_env" / "tp_forward.py"), str(card), str(files[0].parent),
                           str(ids), str(tmp_path / "fairseq2_logits.pt")],
                          env=fairseq2_env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-6000:]
    want = torch.load(tmp_path / "fairseq2_logits.pt")
    with torch.inference_mode():
        got = AutoModelForCausalLM.from_pretrained(tmp_path / "hf").eval()(torch.tensor(ids)).logits
    assert got.shape == want.shape == (1, len(ids[0]), 49152)
    assert torch.allclose(got, want, atol=1e-4), (got - want).abs().max()


def test_a_tensor_parallel_vllm_engine_on_cpu_gives_tp_1s_greedy_tokens(llama):
    """`tensor_parallel: 2, gpus: 0`: vLLM starts two CPU workers, each bound to its share of the
    job's cores (sdrait.backends.cpu_threads_bind), and generates what one worker does."""
    conversations = [[{"role": "user", "content": "Which city is the capital of Australia?"}],
                     [{"role": "user", "content": "Passage 1: Castling moves the king two squares.\n\nHow far "
                                                  "does the king move when castling?"}]]
    model = {**default_config()["models"]["smollm2"], "dtype": "float32"}
    one = greedy_in_own_process({**model, "tensor_parallel": 1}, str(llama), conversations, max_tokens=8)
    two = greedy_in_own_process({**model, "tensor_parallel": 2}, str(llama), conversations, max_tokens=8)
    assert two == one and all(one)
