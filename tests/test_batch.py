"""`generator batch`: every county file of a folder drafted, a broken one reported and skipped, no two
drafts under one name, hand edits kept, the drafts the same as `generate` writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from generator import batch
from generator.write import files
from tests.conftest import MINIMAL, TIANMEN, paragraphs

BROKEN = """\
单位: 坏县民政局
地区: 坏县
年度: 2024
总结:
  社会救助:
    指标:
      城市低保标准: 六百九十四
"""


def _folder(tmp_path: Path) -> Path:
    """天门, a broken file between, and the example: in name order a, b, c."""
    folder = tmp_path / "各县"
    folder.mkdir()
    shutil.copy(TIANMEN, folder / "a天门市2024.yaml")
    (folder / "b坏县2024.yaml").write_text(BROKEN, encoding="utf-8")
    shutil.copy(MINIMAL, folder / "c示例县2024.yaml")
    (folder / "说明.txt").write_text("不是数据文件", encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_file_in_the_middle_stops_nothing(tmp_path: Path, run_cli, jobs: str) -> None:
    out = tmp_path / "草稿"
    result = run_cli("batch", _folder(tmp_path), "-o", out, "-j", jobs, maintainer=True)
    assert result.code == 2
    lines = [line for line in result.out.splitlines() if not line.startswith("  注意：")]
    tianmen = out / "天门市民政局2024年工作总结及2025年工作计划.docx"
    example = out / "示例县民政局2024年工作总结及2025年工作计划.docx"
    # 天门's plan leaves out one of its summary topics: drafted in 参考表述
    assert lines[0] == f"a天门市2024.yaml：完成，参考表述 1 段（青绿色，请核实），已生成 {tianmen}"
    assert lines[1].startswith("b坏县2024.yaml：出错，")
    assert "b坏县2024.yaml:7:" in lines[1] and "城市低保标准" in lines[1]  # located, as generate says it
    assert lines[2] == f"c示例县2024.yaml：完成，已生成 {example}"
    assert lines[-1] == "共 3 个数据文件：生成 2 份草稿，1 个出错。"
    assert sorted(p.name for p in out.iterdir()) == sorted([tianmen.name, example.name])
    assert any("天门市" in text for _, text in paragraphs(tianmen))
    assert files.is_untouched_draft(tianmen) and files.is_untouched_draft(example)


def test_batch_without_reference_wording(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TIANMEN, folder)
    result = run_cli("batch", folder, "-o", tmp_path / "batch", "--不写参考", maintainer=True)
    assert result.code == 0 and "参考表述" not in result.out
    (drafted,) = (tmp_path / "batch").iterdir()
    assert run_cli(TIANMEN, "-o", tmp_path / "one.docx", "--不写参考").code == 0
    assert paragraphs(drafted) == paragraphs(tmp_path / "one.docx")
    # no 参考表述 section
    assert not any("提升残疾人福利保障水平" in text for _, text in paragraphs(drafted))


def test_batch_writes_what_generate_writes(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TIANMEN, folder)
    assert run_cli("batch", folder, "-o", tmp_path / "batch", maintainer=True).code == 0
    assert run_cli(TIANMEN, "-o", tmp_path / "one.docx").code == 0
    (drafted,) = (tmp_path / "batch").iterdir()
    assert paragraphs(drafted) == paragraphs(tmp_path / "one.docx")


def test_two_files_of_one_bureau_and_year_get_two_drafts(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "示例甲.yaml")
    shutil.copy(MINIMAL, folder / "示例乙.yaml")
    out = tmp_path / "out"
    for _ in range(2):  # a second run replaces its own drafts: still two, under the same names
        result = run_cli("batch", folder, "-o", out, "-j", "2", maintainer=True)
        assert result.code == 0
        assert sorted(p.name for p in out.iterdir()) == [
            "示例县民政局2024年工作总结及2025年工作计划.docx",
            "示例县民政局2024年工作总结及2025年工作计划（示例甲）.docx",  # 乙 sorts first
        ]


def test_a_hand_edited_draft_is_kept(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(MINIMAL, folder)
    out = tmp_path / "out"
    assert run_cli("batch", folder, "-o", out, maintainer=True).code == 0
    (draft,) = out.iterdir()
    doc = Document(str(draft))
    doc.paragraphs[1].add_run("(领导批注)")
    doc.save(str(draft))
    edited = draft.read_bytes()
    result = run_cli("batch", folder, "-o", out, maintainer=True)
    assert result.code == 0
    assert draft.read_bytes() == edited
    fresh = draft.with_name(f"{draft.stem}（2）.docx")
    assert f"已生成 {fresh}" in result.out and "手工修改" in result.out


def test_nothing_to_draft_is_a_clear_error(tmp_path: Path, run_cli) -> None:
    result = run_cli("batch", tmp_path, maintainer=True)
    assert result.code == 2 and "没有找到数据文件" in result.err
    result = run_cli("batch", tmp_path / "无此文件夹", maintainer=True)
    assert result.code == 2 and "不是一个文件夹" in result.err


def test_our_own_crash_in_one_file_is_reported_and_the_others_drafted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.pipeline.prepare

    def crash_on_b(path: Path, **kwargs: object) -> object:
        if path.name.startswith("b"):
            raise KeyError("boom")
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch.pipeline, "prepare", crash_on_b)
    folder = _folder(tmp_path)
    (folder / "b坏县2024.yaml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    outcomes = batch.run(batch.county_files(folder), tmp_path / "out", jobs=1)
    assert [bool(o.error) for o in outcomes] == [False, True, False]
    assert outcomes[1].internal and "程序内部错误（KeyError" in (outcomes[1].error or "")
