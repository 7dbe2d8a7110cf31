"""Shared helpers: run the CLI in-process, write small county files, read drafts back."""

from __future__ import annotations

import os
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from generator import cli

# The tests start from an empty cache of their own, not the one of whoever runs them.
os.environ.setdefault("MINZHENG_CACHE", tempfile.mkdtemp(prefix="minzheng-cache-"))

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
TIANMEN = INPUTS / "天门市2024.yaml"
MINIMAL = INPUTS / "示例.yaml"

BASE = """\
单位: 测试县民政局
地区: 测试县
年度: 2024
成文日期: 2024-12-25
"""


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `generate ARGS` (or `generator ARGS` with maintainer=True) in-process, as a user would."""

    def run(*args: str, maintainer: bool = False) -> CliResult:
        prog = "generator" if maintainer else "generate"
        monkeypatch.setattr(sys, "argv", [prog, *map(str, args)])
        code = 0
        try:
            cli.main() if maintainer else cli.generate_main()
        except SystemExit as e:
            code = int(e.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def county(tmp_path: Path):
    """Write a county file under tmp_path: the BASE header plus ``body`` (dedented)."""

    def write(body: str = "", *, name: str = "county.yaml", base: str = BASE) -> Path:
        path = tmp_path / name
        path.write_text(base + textwrap.dedent(body), encoding="utf-8")
        return path

    return write


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph of the .docx at ``path``."""
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


def docx_texts(path: Path) -> list[str]:
    """The text of every paragraph of the .docx at ``path``."""
    return [text for _, text in paragraphs(path)]
