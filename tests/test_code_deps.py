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


def direct_uses(path: Path) -> set[str]:
    """sdrait modules a file imports (anywhere in it: lazy imports count) and templates it names."""
    in_package = path.parent.name == "sdrait"
    uses = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            uses |= {f"sdrait/{a.name.split('.')[1]}.py" for a in node.names if a.name.startswith("sdrait.")}
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level and in_package:
                uses |= ({f"sdrait/{module.split('.')[0]}.py"} if module
                         else {f"sdrait/{a.name}.py" for a in node.names})
            elif module == "sdrait":
                uses |= {f"sdrait/{a.name}.py" for a in node.names}
            elif module.startswith("sdrait."):
                uses.add(f"sdrait/{module.split('.')[1]}.py")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".j2"):
            uses.add(f"sdrait/templates/{node.value}")
    return uses


def code_files() -> list[Path]:
    return sorted([*SCRIPTS.glob("*.py"), *(p for p in (SCRIPTS / "sdrait").glob("*.py") if p.name != "__init__.py")])


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
        for block in re.split(r"^rule ", smk.read_text(), flags=re.M)[1:]:
            script = re.search(r'script:\s+"\.\./workflow_scripts/([^"]+)"', block)
            if script:
                rules += 1
                assert f'code=code_fingerprint("{script.group(1)}")' in block, block.split(":")[0]
    assert rules == 22
