"""The package layout shows the design: the drafting path never loads the report-analysis side, and the
subsystems import one another only downstream (data <- draft <- write; analysis and tools beside)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
# Which subpackages each one may import (besides itself and the top-level errors/suggest/cache helpers,
# which import nothing of the generator).
ALLOWED = {
    "data": set(),
    "draft": {"data"},
    "write": {"data", "draft"},
    "analysis": {"data", "draft", "write"},  # compare reads a draft's trace
    "office": {"data", "draft", "write", "templateset"},  # an office folder's topics and copied built-ins
    "tools": {
        "data",
        "draft",
        "write",
        "templateset",
        "analysis",
        "office",
    },  # init --从 reads last year's report
}


def _imports(path: Path) -> set[str]:
    """Subpackages a module imports at run time (imports for type checking only do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", "") == "TYPE_CHECKING"
        for n in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.ImportFrom) and node.module == "generator":
            found |= {alias.name for alias in node.names}
    return found


def test_subpackages_import_only_downstream() -> None:
    for package, allowed in ALLOWED.items():
        for path in (PACKAGE / package).glob("*.py"):
            extra = _imports(path) - allowed - {package, "errors", "suggest", "cache", "templates"}
            assert not extra, f"{path.relative_to(ROOT)} imports {sorted(extra)}"


def test_helpers_import_nothing_of_the_generator() -> None:
    for helper in ("errors", "suggest", "cache"):
        assert not _imports(PACKAGE / f"{helper}.py"), helper


def test_drafting_does_not_load_the_report_analysis_side() -> None:
    code = (
        "import sys, generator.pipeline;"
        "print([m for m in sys.modules if m.startswith(('generator.analysis', 'generator.tools'))])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
