"""The README is true: every command in its fenced ```bash and ```text blocks runs, in the order a newcomer
would type them, on a copy of the project in a temporary folder, and exits as the README says; the output
a ```text block shows after a `$ ` command is what the command prints. The YAML examples load and draft
with every figure written. A renamed option, key or message fails here (issue 20).

Runs each command as a new process of the current Python (`python -m generator …`, for `generate` too:
`python -m generator generate …`); no network. Files the README names as placeholders are made here:
某县 (a region name: nothing to make), 去年报告.docx (the 天门 draft of inputs/), 季报.xlsx
(tests/quarterly_sheets.py), 草稿.docx and 县2024.yaml (a draft of 示例 and its data file), 某报告.txt and
另一批报告/ (copies of a seed report), 各县/ (a bad file and two good ones, as the batch example shows),
各县区/ (the 市级汇总 example: 北县 broken, 东城区, 南县 and 西城区 with the figures its output shows).

Skipped README lines (see SKIPPED): the `python -m pip install …` steps (they need the package index; the
test runs the installed package itself) and `python -m pytest` (the suite would run itself).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE, INPUTS, ROOT
from tests.quarterly_sheets import write_sheet

README = ROOT / "README.md"
PREFIXES = ("generate ", "generator ", "python -m generator ")
SKIPPED = {
    "python -m pip install -e .": "needs the package index; the test runs the installed package",
    "python -m pip install -e '.[test]'": "needs the package index",
    "python -m pytest": "the suite itself",
}
# Commands whose documented outcome is an error: the batch and 汇总 examples each have one bad county file.
EXIT_CODES = {
    "generator batch 各县/ -o 草稿/ -j 2": 2,
    "generator 汇总 各县区/ -o 某市2024.yaml --地区 某市 --表 对比.xlsx": 2,
}
# The bad county file of the batch example: its error is at 7:15, as the README shows.
BAD_COUNTY = "单位: 坏县民政局\n地区: 坏县\n年度: 2024\n总结:\n  社会救助:\n    指标:\n      城市低保标准: 六百九十四\n"
# The 市级汇总 example's folder: what each county wrote, so the README's comments and sums come out as shown
# (东城区 and 南县 write 临时救助金额 as a bare number, 西城区 in 元; 东城区 gives no 低保户数).
ROLLUP_HEAD = "单位: {0}民政局\n地区: {0}\n年度: 2024\n总结:\n  社会救助:\n    指标:\n"
ROLLUP_COUNTIES = {
    "北县": "      城市低保标准: 六百九十\n",
    "东城区": "      城市低保标准: 720元/人·月\n      低保人数: {本年: 3200, 上年: 3150}\n"
    "      临时救助人次: 410\n      临时救助金额: 86.5\n"
    "    工作:\n      - 开展低收入人口动态监测：每月比对数据，新纳入低保对象126人。\n",
    "南县": "      城市低保标准: 680元/人·月\n      低保人数: {本年: 5100, 上年: 5000}\n      低保户数: 2600\n"
    "      临时救助人次: 520\n      临时救助金额: 102\n",
    "西城区": "      城市低保标准: 700元/人·月\n      低保人数: {本年: 2800, 上年: 2800}\n      低保户数: 1500\n"
    "      临时救助人次: 350\n      临时救助金额: 615000元\n",
}


@dataclass
class Command:
    line: int  # in README.md
    text: str
    shown: list[str] = field(default_factory=list)  # the output a ```text block shows after it


def _blocks(kinds: tuple[str, ...]) -> list[tuple[str, int, list[str]]]:
    """(kind, first line number, lines) of every fenced block of ``kinds`` in the README."""
    found, current = [], None
    for number, row in enumerate(README.read_text(encoding="utf-8").split("\n"), 1):
        if current is None and row.startswith("```") and row[3:].strip() in kinds:
            current = (row[3:].strip(), number + 1, [])
        elif current is not None and row.startswith("```"):
            found.append(current)
            current = None
        elif current is not None:
            current[2].append(row)
    return found


def readme_commands() -> list[Command]:
    """Every command of the README's bash and text blocks, in order, with the output shown after it."""
    commands: list[Command] = []
    for kind, first, rows in _blocks(("bash", "text")):
        last: Command | None = None
        for offset, row in enumerate(rows):
            prompt = row.startswith("$ ")
            pieces = [p.strip() for p in row.removeprefix("$ ").split("&&")]
            runnable = [p for p in pieces if p.startswith(PREFIXES)]
            if runnable and (kind == "bash" or prompt):
                for piece in runnable:
                    last = Command(first + offset, piece)
                    commands.append(last)
                continue
            if any(p.startswith(tuple(SKIPPED)) for p in pieces):
                continue
            if kind == "text" and last is not None and row.strip():
                last.shown.append(row.strip())
            if kind == "text" and prompt:
                last = None
    return commands


def _argv(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    if words[0] == "generate":
        return [sys.executable, "-m", "generator", *words]
    if words[0] == "generator":
        return [sys.executable, "-m", "generator", *words[1:]]
    assert words[:3] == ["python", "-m", "generator"], command
    return [sys.executable, *words[1:]]


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the README's commands read, with its placeholders made real."""
    home = tmp_path_factory.mktemp("readme")
    shutil.copytree(INPUTS, home / "inputs")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    seed = next(p for p in sorted((home / "seeds").glob("*.txt")))
    shutil.copy(seed, home / "某报告.txt")
    (home / "另一批报告").mkdir()
    shutil.copy(seed, home / "另一批报告" / "报告.txt")
    shutil.copy(INPUTS / "示例.yaml", home / "县2024.yaml")
    county = home / "各县"
    county.mkdir()
    (county / "坏县2024.yaml").write_text(BAD_COUNTY, encoding="utf-8")
    shutil.copy(INPUTS / "天门市2024.yaml", county / "天门市2024.yaml")
    shutil.copy(INPUTS / "示例.yaml", county / "示例县2024.yaml")
    (home / "各县区").mkdir()
    for region, figures in ROLLUP_COUNTIES.items():
        (home / "各县区" / f"{region}2024.yaml").write_text(
            ROLLUP_HEAD.format(region) + figures, encoding="utf-8"
        )
    write_sheet(home / "季报.xlsx")  # 2025年12月, for 天门市2025.yaml
    for data, draft in (("inputs/天门市2024.yaml", "去年报告.docx"), ("县2024.yaml", "草稿.docx")):
        made = _run([sys.executable, "-m", "generator", "generate", data, "-o", draft], home)
        assert made.returncode == 0, made.stderr
    return home


def test_the_readme_shows_commands_of_every_kind() -> None:
    texts = [c.text for c in readme_commands()]
    assert len(texts) >= 15
    for first in ("generate ", "generator init", "generator fill", "generator batch", "generator 审读"):
        assert any(t.startswith(first) for t in texts), first
    assert any(c.shown for c in readme_commands()), "the output shown after a `$ ` command is read too"


@pytest.mark.parametrize("index", range(len(readme_commands())), ids=lambda i: readme_commands()[i].text)
def test_every_readme_command_runs_as_shown(workspace: Path, index: int) -> None:
    # In README order: a command may use what an earlier one wrote (fill uses init's file).
    for earlier in readme_commands()[:index]:
        marker = workspace / f".ran-{earlier.line}-{abs(hash(earlier.text))}"
        if not marker.exists():
            _run(_argv(earlier.text), workspace)
            marker.touch()
    command = readme_commands()[index]
    result = _run(_argv(command.text), workspace)
    (workspace / f".ran-{command.line}-{abs(hash(command.text))}").touch()
    where = f"README.md:{command.line}: {command.text}\n{result.stdout}\n{result.stderr}"
    assert result.returncode == EXIT_CODES.get(command.text, 0), where
    assert "程序内部错误" not in result.stderr, where
    printed = {row.strip() for row in (result.stdout + "\n" + result.stderr).split("\n")}
    for row in command.shown:
        assert row in printed, f"README.md shows「{row}」after「{command.text}」, which prints:\n{where}"


def _yaml_examples() -> list[tuple[int, str]]:
    return [(first, "\n".join(rows)) for kind, first, rows in _blocks(("yaml",))]


@pytest.mark.parametrize(
    "index", range(len(_yaml_examples())), ids=lambda i: f"README.md:{_yaml_examples()[i][0]}"
)
def test_every_readme_yaml_example_drafts_with_all_its_figures_written(tmp_path: Path, index: int) -> None:
    first, text = _yaml_examples()[index]
    if not re.match(r"^\S", text.lstrip("\n")):  # a topic's fragment: put it under 总结
        text = "总结:\n" + text
    if "单位:" not in text.split("\n", 1)[0] and not text.startswith("单位"):
        text = BASE + text
    data = tmp_path / "例.yaml"
    data.write_text(text, encoding="utf-8")
    assert isinstance(yaml.safe_load(text), dict)
    result = _run([sys.executable, "-m", "generator", "generate", str(data), "-o", "例.docx"], tmp_path)
    where = f"README.md:{first}:\n{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, where
    assert "没有写进草稿的数字" not in result.stdout and "已改名" not in result.stdout, where
