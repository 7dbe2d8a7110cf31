"""A normal install (a wheel, not `pip install -e`) drafts: the templates ship inside the package.

Builds the wheel from a copy of the project, installs it into a fresh virtual environment outside the
checkout and runs `generate` and `check-templates` there (needs the package index, like any install).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL, ROOT, docx_texts


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False)


def test_wheel_installed_outside_the_checkout_drafts(tmp_path: Path) -> None:
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("generator", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = _run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", source, cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))

    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    installed = _run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run(
        bin_dir / "python", "-c", "import generator, generator.templates as t; print(t.__file__)", cwd=work
    )
    assert str(venv) in where.stdout, where.stdout + where.stderr

    out = work / "draft.docx"
    drafted = _run(bin_dir / "generate", MINIMAL, "-o", out, cwd=work)
    assert drafted.returncode == 0, drafted.stderr
    text = "".join(docx_texts(out)).replace("\n", "")  # the title breaks
    assert "示例县民政局2024年工作总结及2025年工作计划" in text

    checked = _run(bin_dir / "generator", "check-templates", cwd=work)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "：0 个错误" in checked.stdout
