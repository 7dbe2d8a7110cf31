"""Outline on report forms the seeds do not show: other numbering styles, encodings, .docx, page furniture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document

from generator.analysis.outline import outline

REPORT = """\
网站首页 > 政务公开 > 计划总结
【字体：大 中 小】 打印本页 关闭窗口
某县民政局关于2023年工作总结和2024年工作打算的报告
某县民政局关于2023年工作总结和2024年工作打算的报告
县人民政府：
　　2023年，我局在县委、县政府的坚强领导下，认真履行民政职责，各项工作取得新成效。现将有关情况报告如下：
　　一、2023年主要工作成效
　　（一）兜牢兜实基本民生底线。全年累计发放低保金1.2亿元，临时救助3000人次。
　　1、提高保障标准。城乡低保标准分别提高到每人每月780元、650元。
　　2．强化动态监测。将低收入人口全部纳入监测范围。
　　（1）开展入户核查。全年入户核查2000户。
　　①建立预警台账。
　　（二）养老服务体系不断完善。
　　一是推进居家养老服务。新建老年食堂12个，为失能老人提供上门服务。
　　二是加强养老机构监管。开展消防安全专项检查。
　　（三）荣誉表彰
　　1.县民政局荣获全省民政系统先进集体
　　2.县社会福利院被评为省级示范养老机构
　　3.某某同志荣获全国优秀社会工作者
　　4.某镇社工站被评为省级示范社工站
　　5.某社区被评为全国示范性老年友好型社区
　　6.县婚姻登记处被评为省级规范化婚姻登记机关
　　（四）婚姻殡葬服务更加便民。全年办理结婚登记1800对，建成农村公益性公墓5处。
　　二、存在的问题
　　一是基层民政力量薄弱。二是养老服务供给不足。
　　三、2024年工作打算
　　（一）持续加强社会救助。健全分层分类救助体系，确保应保尽保。
　　（二）深化殡葬改革。推进公益性公墓建设，倡导文明节俭治丧。
　　某县民政局
　　2024年1月5日
扫一扫在手机打开当前页
上一篇：某县2023年养老服务工作总结
"""


def _write(tmp_path: Path, encoding: str, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(REPORT.encode(encoding))
    return path


@pytest.fixture
def report(tmp_path: Path):
    return outline(_write(tmp_path, "utf-8"))


def _levels(result) -> dict[int, tuple[str, str, str | None]]:
    return {h.line: (str(h.level), h.part, h.topic) for h in result.headings}


def test_title_addressee_signature_date_and_furniture(report) -> None:
    assert report.title == "某县民政局关于2023年工作总结和2024年工作打算的报告"
    assert report.addressee == "县人民政府"
    assert report.signature == "某县民政局"
    assert report.date == "2024年1月5日"
    # navigation, widgets, the second copy of the title (the first stands), 扫一扫, 上一篇
    assert set(report.noise) == {1, 2, 4, 31, 32}


def test_numbering_forms_and_levels(report) -> None:
    levels = {line: level for line, (level, _, _) in _levels(report).items()}
    assert levels[7] == "1" and levels[8] == "2"
    assert levels[9] == "3" and levels[10] == "3"  # 1、 and 2．
    assert levels[11] == "4" and levels[12] == "4"  # （1） and ①
    assert levels[14] == "item" and levels[15] == "item"


def test_honours_list_is_not_a_run_of_headings(report) -> None:
    lines = {h.line for h in report.headings}
    assert not lines & set(range(17, 23))
    assert 23 in lines  # the (四) after the list is a heading again


def test_parts_from_their_wordings(report) -> None:
    parts = {h.line: (h.kind, h.part) for h in report.headings}
    assert parts[7] == ("part", "summary")
    assert parts[24] == ("part", "other")  # 存在的问题
    assert parts[26] == ("part", "plan")  # 工作打算
    assert parts[25][1] == "other" and parts[27][1] == "plan" and parts[28][1] == "plan"


def test_topics_from_words_and_text(report) -> None:
    topics = {line: topic for line, (_, _, topic) in _levels(report).items()}
    assert topics[8] == "社会救助" and topics[9] == "社会救助"
    assert topics[13] == "养老服务" and topics[14] == "养老服务"
    assert topics[27] == "社会救助" and topics[28] == "殡葬管理"
    grouped = next(h for h in report.headings if h.line == 23)
    assert grouped.topic == "综合" and set(grouped.topics) == {"婚姻登记", "殡葬管理"}


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_encodings_are_detected(tmp_path: Path, report, encoding: str) -> None:
    again = outline(_write(tmp_path, encoding, f"report-{encoding}.txt"))
    assert _levels(again) == _levels(report)
    assert again.title == report.title


def test_docx_paragraphs_and_heading_styles(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("某区民政局2024年工作总结及2025年工作计划")
    doc.add_paragraph("2024年，区民政局坚持以人民为中心，扎实推进各项民政工作。现将有关情况报告如下：")
    doc.add_paragraph("2024年工作回顾", style="Heading 1")
    doc.add_paragraph("兜底保障更加有力", style="Heading 2")  # a styled heading without numbering
    doc.add_paragraph("全年保障城乡低保对象5000人，发放低保金3000万元，实施临时救助800人次。")
    doc.add_paragraph("（二）养老服务提质增效")
    doc.add_paragraph("新建社区养老服务站10个，老年助餐点20个。")
    doc.add_paragraph("2025年工作计划", style="Heading 1")
    doc.add_paragraph("一是持续推进殡葬改革。建设公益性公墓3处。")
    path = tmp_path / "report.docx"
    doc.save(str(path))
    result = outline(path)
    assert result.title == "某区民政局2024年工作总结及2025年工作计划"
    got = {h.line: (str(h.level), h.kind, h.part, h.topic) for h in result.headings}
    assert got[3] == ("0", "part", "summary", None)
    assert got[4] == ("2", "section", "summary", "社会救助")
    assert got[6] == ("2", "section", "summary", "养老服务")
    assert got[8] == ("0", "part", "plan", None)
    assert got[9] == ("item", "section", "plan", "殡葬管理")


def test_cli_outline_json_is_the_documented_interface(run_cli, tmp_path: Path) -> None:
    result = run_cli("outline", _write(tmp_path, "gbk"), "--json", maintainer=True)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == {"file", "title", "addressee", "signature", "date", "noise", "headings"}
    assert set(data["headings"][0]) == {"line", "level", "kind", "part", "topic", "topics", "text", "seq"}
    assert data["headings"][0] == {
        "line": 7,
        "level": 1,
        "kind": "part",
        "part": "summary",
        "topic": None,
        "topics": [],
        "text": "一、2023年主要工作成效",
        "seq": 0,
    }


def test_cli_outline_plain_and_missing_file(run_cli, tmp_path: Path) -> None:
    result = run_cli("outline", _write(tmp_path, "utf-8"), maintainer=True)
    assert result.code == 0 and "标题: 某县民政局关于" in result.out and "【部分】" in result.out
    result = run_cli("outline", tmp_path / "none.txt", maintainer=True)
    assert result.code == 2 and "找不到这个文件" in result.err


@pytest.mark.parametrize(
    ("heading", "part"),
    [
        ("一、2024年工作情况", "summary"),
        ("一、取得的成绩", "summary"),
        ("一、过去一年工作回顾", "summary"),
        ("二、主要工作及成效", "summary"),
        ("二、2025年工作思路", "plan"),
        ("四、下半年工作安排", "plan"),
        ("三、存在问题及下一步工作打算", "plan"),
        ("三、存在的问题", "other"),
        ("一、2024年大事记", "other"),
        ("二、完善工作机制，抓好计划落实", None),  # mentions 计划 in passing: a section
        ("三、抓好计划落实", None),
        ("2023年民政工作总结和2024年工作计划", None),  # a title
    ],
)
def test_part_header_wordings(heading: str, part: str | None) -> None:
    from generator.analysis.outline import part_of

    assert part_of(heading) == part
