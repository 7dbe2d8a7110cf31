"""The reading form drops a PDF's stray spaces but keeps the space a writer put after a run-in heading."""

from __future__ import annotations

from generator.analysis import furniture, script


def test_spaces_recurring_like_a_pdf_line_are_dropped() -> None:
    line = "按月发放城乡低保金，及时把符 合条件的困难群众纳入保障范围，开展低保专 项治理，规范审核审批程序，落 实低收入人口动态监测。"
    assert " " not in script.reading(line)


def test_a_space_far_from_the_others_is_kept() -> None:
    pdf_like = "今年以来，我局紧紧围绕 县委县政府的中心工作，扎实推进 各项民政工作，稳步落实 重点任务。"
    far = "二、做好养老服务 今年新建社区老年食堂。"
    form = script.reading(pdf_like + "救助工作有序开展。" * 20 + far)
    assert "做好养老服务 今年" in form
    assert "紧紧围绕县委" in form


def test_a_keyword_line_is_a_menu_as_written_not_once_joined() -> None:
    line = "2023 民政办 年度 工作 总结 范文"
    assert furniture.is_menu(line)
    assert not furniture.is_menu(script.reading(line))
