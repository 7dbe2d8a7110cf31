"""Floods of characters to report (issue 21, point 3): a megabyte of Word soft breaks, control or
invisible characters is located in one pass (a line index), never a count from the top per character.
Before the fix 1 MB of \\v took 332 s; the fuse fails such a run long before."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hangs import fuse
from tests.test_hostile_input import refused

SIZE = 900_000  # characters: just under the 1 MB cap of a county file


@pytest.fixture(autouse=True)
def _fuse() -> Iterator[None]:
    with fuse():
        yield


@pytest.mark.parametrize(("char", "note"), [("\v", "软回车"), ("\u200b", "看不见的格式字符")])
def test_a_flood_of_pasted_breaks_or_invisible_characters_is_read_with_one_note(
    run_cli, county, char: str, note: str
) -> None:
    data = county(f'标题: "测试{char * (SIZE // len(char.encode()))}标题"\n')
    result = run_cli("validate", data, maintainer=True)
    assert result.code == 0, result.err
    assert "第 5 行有" in result.out and note in result.out


def test_a_flood_of_control_characters_is_located_and_counted(run_cli, county) -> None:
    data = county('标题: "测试' + "\x01" * SIZE + '"\n年度计划: 1\n')
    err = refused(run_cli("validate", data, maintainer=True))
    lines = err.splitlines()
    assert (
        lines[0]
        == f"{data}:5:8: 标题: 含有不可见的控制字符或专用字符 U+0001，请删除（常见于从网页或其他软件复制的文字）"
    )
    assert lines[49].startswith(f"{data}:5:57: 标题: ")
    assert lines[50] == f"……另有 {SIZE - 50} 处问题未列出（共 {SIZE} 处），请先改正以上各处"


def test_a_flood_spread_over_many_lines_names_the_first_lines(run_cli, county) -> None:
    data = county("导语: |\n" + "  \v\n" * (SIZE // 4))
    result = run_cli("validate", data, maintainer=True)
    assert "第 6、7、8、9、10、11、12、13、14、15等 行有从 Word 粘贴来的软回车" in result.out + result.err


def test_a_line_of_a_flood_joined_into_spaces_is_checked_linearly(run_cli, county) -> None:
    data = county("标题: 测试" + "\u2028" * (SIZE // 3) + "标题: 重复\n")
    refused(run_cli("validate", data, maintainer=True), f"{data}:5:", "此处不能出现「键: 值」")
