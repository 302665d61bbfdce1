"""The README a new user reads: its two commands are what CI runs, and every link and repository
path it (or a page of docs/) names exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
# Paths into these directories name files of the repository (results/, logs/ are a run's outputs).
TRACKED = ("config/", "data/", "docs/", "envs/", "profiles/", "report/", "rules/", "tests/",
           "workflow_scripts/", ".ci/")


def readme() -> str:
    return (REPO / "README.md").read_text()


def test_the_readme_is_short_and_leads_with_the_two_commands():
    lines = readme().splitlines()
    assert len(lines) <= 220
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()[-1]
    head = "\n".join(lines[:40])
    assert ci in head, "the README's test command is not .ci/run's"
    assert "bash .ci/setup && .venv/bin/snakemake" in head
    assert "validation" not in head.lower()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_link_resolves(page):
    text = page.read_text()
    links = [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", t)]
    assert links or page.name != "README.md"
    dead = [t for t in links if not (page.parent / t.split("#")[0]).exists()]
    assert not dead, f"{page.name}: dead links {dead}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_repository_path_it_names_exists(page):
    quoted = re.findall(r"`([^`\s]+)`", page.read_text())
    paths = {q.split(":")[0].rstrip(".,") for q in quoted if q.startswith(TRACKED)}
    # placeholders (<set>, {a,b}) and globs name families of files, not one
    missing = [p for p in sorted(paths) if not re.search(r"[<{*…]", p) and not (REPO / p).exists()]
    assert not missing, f"{page.name} names paths that do not exist: {missing}"
