"""The declared map of what each rule script uses (workflow_scripts/uses.yaml) is what the code
imports and renders: the rules' code fingerprints are only as exact as this map."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from conftest import REPO

SCRIPTS = REPO / "workflow_scripts"
USES = yaml.safe_load((SCRIPTS / "uses.yaml").read_text())


def module_file(dotted: str) -> str | None:
    """`sdrait.a.b` -> `sdrait/a/b.py` where that file exists (a package's __init__ is not mapped)."""
    path = "/".join(dotted.split(".")) + ".py"
    return path if (SCRIPTS / path).is_file() else None


def entry_point_modules() -> set[str]:
    """Modules sdrait.dist-info names as entry points (`name = module:function`)."""
    text = (SCRIPTS / "sdrait.dist-info" / "entry_points.txt").read_text()
    return {module_file(m) for m in re.findall(r"=\s*([\w.]+):", text)}


def import_nodes(path: Path):
    """Every import statement in a file, lazy ones inside functions included."""
    return [n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, (ast.Import, ast.ImportFrom))]


def direct_uses(path: Path) -> set[str]:
    """sdrait modules a file imports (anywhere in it: lazy imports count), templates it names, and,
    for the file that hands workflow_scripts/ to fairseq2 as sdrait.dist-info, the modules fairseq2
    loads from there."""
    package = list(path.relative_to(SCRIPTS).parent.parts) if path.is_relative_to(SCRIPTS) else []
    uses = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            uses |= {module_file(a.name) for a in node.names if a.name.startswith("sdrait.")}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            if module == "sdrait" or module.startswith("sdrait."):
                uses |= ({module_file(module)} if module_file(module)
                         else {module_file(f"{module}.{a.name}") for a in node.names})
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.endswith(".j2"):
                uses.add(f"sdrait/templates/{node.value}")
            elif node.value == "sdrait.dist-info":
                uses |= entry_point_modules()
    return uses - {None}


def code_files() -> list[Path]:
    return sorted([*SCRIPTS.glob("*.py"), *(p for p in (SCRIPTS / "sdrait").rglob("*.py") if p.name != "__init__.py")])


def test_every_script_and_module_declares_exactly_what_it_imports_and_renders():
    for path in code_files():
        name = str(path.relative_to(SCRIPTS))
        assert name in USES, f"{name} is missing from workflow_scripts/uses.yaml"
        assert set(USES[name]) == direct_uses(path), f"uses.yaml: {name}"
    assert set(USES) == {str(p.relative_to(SCRIPTS)) for p in code_files()}, "uses.yaml names a file that is gone"


def test_every_template_exists_and_is_used():
    declared = {u for uses in USES.values() for u in uses if u.endswith(".j2")}
    on_disk = {str(p.relative_to(SCRIPTS)) for p in (SCRIPTS / "sdrait" / "templates").glob("*.j2")}
    assert declared == on_disk


def test_a_missing_import_is_caught(tmp_path):
    # the check itself: a script that imports a module and renders a template it does not declare
    script = tmp_path / "rule.py"
    script.write_text("from sdrait.prompts import render\nfrom sdrait import io, runtime\n"
                      "def f():\n    import sdrait.lexical\n    return render('label_judge.j2')\n")
    assert direct_uses(script) == {"sdrait/prompts.py", "sdrait/io.py", "sdrait/runtime.py", "sdrait/lexical.py",
                                   "sdrait/templates/label_judge.j2"}


def test_every_rule_fingerprints_its_own_script():
    rules = 0
    for smk in (REPO / "rules").glob("*.smk"):
        for block in re.split(r"^\s*rule ", smk.read_text(), flags=re.M)[1:]:
            script = re.search(r'script:\s+"\.\./workflow_scripts/([^"]+)"', block)
            if script:
                rules += 1
                assert f'code=code_fingerprint("{script.group(1)}")' in block, block.split(":")[0]
    assert rules == 28  # retrieval_index twice: the BM25 and the dense definitions


def test_only_the_fairseq2_subpackage_imports_fairseq2():
    """The workflow's env has no fairseq2 (torch 2.6 cannot live beside vLLM's torch 2.13): only
    sdrait/in_fairseq2/, which the fairseq2 CLI loads in its own env, may import it, and no
    workflow-side file imports that subpackage."""
    inside = SCRIPTS / "sdrait" / "in_fairseq2"
    subpackage = {str(p.relative_to(SCRIPTS)) for p in inside.rglob("*.py")}
    for path in code_files():
        imported = {name for node in import_nodes(path) if not getattr(node, "level", 0)
                    for name in ([a.name for a in node.names] if isinstance(node, ast.Import) else [node.module])}
        fairseq2 = {m for m in imported if m.split(".")[0] == "fairseq2"}
        if path.is_relative_to(inside):
            assert fairseq2, f"{path.name}: in sdrait/in_fairseq2/ but imports no fairseq2"
        else:
            # (training.py names the subpackage's entry point for its code fingerprint, not to import it)
            assert not fairseq2 and not (direct_uses(path) - entry_point_modules()) & subpackage, path
