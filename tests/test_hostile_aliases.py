"""YAML aliases that loop or multiply (issue 21, point 1): refused at the anchor in every YAML reader,
never a hang; in `batch` the other files still draft."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BASE, MINIMAL, ROOT, docx_texts
from tests.hangs import fuse
from tests.test_hostile_input import refused


@pytest.fixture(autouse=True)
def _fuse() -> Iterator[None]:
    with fuse():
        yield


def _laughs() -> str:
    """A 1 KB 「billion laughs」: ten anchors, each used nine times by the next."""
    text = 'l0: &l0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]\n'
    for i in range(1, 10):
        text += f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n"
    return text


LOOPS = {
    "list in itself": ("a: &a [*a]\n", "5:4: 锚点「&a」的内容里又引用了它自己"),
    "mapping in itself": ("总结: &a {社会救助: *a}\n", "5:5: 锚点「&a」的内容里又引用了它自己"),
    "merge of itself": ("a: &a {<<: *a}\n", "5:4: 锚点「&a」的内容里又引用了它自己"),
    "key in itself": ("? &k [*k]\n: 1\n", "5:3: 锚点「&k」的内容里又引用了它自己"),
    "billion laughs": (_laughs(), "被层层引用（*…），展开后的内容多得不合常理"),
}


@pytest.mark.parametrize("case", list(LOOPS), ids=list(LOOPS))
def test_alias_loops_and_floods_in_a_county_file_are_refused_at_the_anchor(
    run_cli, county, tmp_path: Path, case: str
) -> None:
    body, message = LOOPS[case]
    data = county(body)
    refused(
        run_cli("validate", data, maintainer=True), f"{data}:" if case == "billion laughs" else "", message
    )
    refused(run_cli(data, "-o", tmp_path / "o.docx"), message)
    assert not (tmp_path / "o.docx").exists()


def test_an_alias_loop_beside_a_control_character_is_located_not_followed(run_cli, county) -> None:
    data = county("标题: 测试\x01\na: &a [*a]\n")
    refused(run_cli("validate", data, maintainer=True), "标题: 含有不可见的控制字符或专用字符 U+0001")


def test_a_few_aliases_are_still_read(run_cli, county, tmp_path: Path) -> None:
    data = county(
        "总结:\n  社会救助:\n    工作:\n      - 内容: &j 做好城乡低保\n"
        "计划:\n  社会救助:\n    工作:\n      - 内容: *j\n"
    )
    out = tmp_path / "o.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    assert sum("做好城乡低保" in text for text in docx_texts(out)) == 2


def test_an_alias_loop_in_last_years_file_is_refused(run_cli, county, tmp_path: Path) -> None:
    last = county("a: &a [*a]\n", name="上年.yaml")
    refused(run_cli(MINIMAL, "--上年", last, "-o", tmp_path / "o.docx"), f"{last}:5:4: 锚点「&a」")
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize("name", ["样式.yaml", "句式.yaml", "skeleton.yaml", "无模板.yaml"])
def test_an_alias_loop_in_a_template_folders_config_is_refused(run_cli, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / name).write_text("# 说明\n甲: &a [*a]\n", encoding="utf-8")
    refused(
        run_cli(MINIMAL, "-o", tmp_path / "o.docx", "--templates", folder),
        f"{folder / name}:2:4: 锚点「&a」的内容里又引用了它自己",
    )
    checked = run_cli("check-templates", folder, maintainer=True)  # its findings go to stdout
    assert checked.code == 2 and "程序内部错误" not in checked.out + checked.err, checked.err
    assert f"{folder / name}:2:4: 锚点「&a」" in checked.out


def test_one_alias_bomb_in_a_batch_stops_nothing(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "各县"
    folder.mkdir()
    (folder / "a炸弹县2024.yaml").write_text(BASE + _laughs(), encoding="utf-8")
    (folder / "b环县2024.yaml").write_text(BASE + "a: &a [*a]\n", encoding="utf-8")
    shutil.copy(MINIMAL, folder / "c示例县2024.yaml")
    out = tmp_path / "草稿"
    result = run_cli("batch", folder, "-o", out, "-j", "1", maintainer=True)
    assert result.code == 2, result.out + result.err
    assert "a炸弹县2024.yaml：出错，" in result.out and "展开后的内容多得不合常理" in result.out
    assert "b环县2024.yaml：出错，" in result.out and "b环县2024.yaml:5:4:" in result.out
    assert [p.name for p in out.iterdir()] == ["示例县民政局2024年工作总结及2025年工作计划.docx"]


def test_the_built_in_templates_use_no_alias_the_checks_would_refuse() -> None:
    from generator.data import yamlsource

    for path in sorted((ROOT / "templates").glob("*.yaml")):
        yamlsource.load(path)  # raises on a loop or a flood
