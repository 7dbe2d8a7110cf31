"""No lone child heading (issue 12): a level with a single child is written without a number, as the lead
sentence of the first paragraph under it, at every level — read back from the drafts of all inputs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from generator import pipeline
from generator.draft.markup import Block, parse
from generator.draft.numbering import drop_lone_children
from tests.conftest import INPUTS, ROOT, paragraphs

# Standalone levels are Word heading styles; run-in levels (段首) open a body paragraph with their number.
RUN_IN = {3: re.compile(r"^\d+\."), 4: re.compile(r"^（\d+）")}


def _level(style: str, text: str) -> int | None:
    if style.startswith("Heading "):
        return int(style.split()[1])
    if style == "Normal":
        return next((level for level, pattern in RUN_IN.items() if pattern.match(text)), None)
    return None


def lone_children(path: Path) -> Counter[int]:
    """For each heading level, how many parents in the .docx have exactly one numbered child of it."""
    found: Counter[int] = Counter()
    open_: list[list[int]] = [[0, 0]]  # [level, numbered children so far] from the document down

    def close(level: int) -> None:
        while open_[-1][0] >= level:
            parent_level, children = open_.pop()
            if children == 1:
                found[parent_level + 1] += 1

    for style, text in paragraphs(path):
        level = _level(style, text)
        if level is None:
            continue
        close(level)
        open_[-1][1] += 1
        open_.append([level, 0])
    close(1)
    return found


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lone")
    return {
        data.stem: pipeline.build(data, out=folder / f"{data.stem}.docx").path
        for data in sorted(INPUTS.glob("*.yaml"))
    }


def test_all_six_inputs_are_drafted(drafts: dict[str, Path]) -> None:
    assert len(drafts) == 6


@pytest.mark.parametrize("name", sorted(p.stem for p in INPUTS.glob("*.yaml")))
def test_no_level_has_a_lone_numbered_child(drafts: dict[str, Path], name: str) -> None:
    assert lone_children(drafts[name]) == Counter(), name


def test_the_count_sees_a_lone_child_at_each_level(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("一、工作回顾", style="Heading 1")
    doc.add_paragraph("（一）社会救助", style="Heading 2")  # lone level 2
    doc.add_paragraph("1.健全体系。正文。")
    doc.add_paragraph("2.提高标准。正文。")
    doc.add_paragraph("（1）城市低保。正文。")  # lone level 4 under 2.
    doc.add_paragraph("二、工作计划", style="Heading 1")
    doc.add_paragraph("（一）养老服务", style="Heading 2")
    doc.add_paragraph("（二）儿童福利", style="Heading 2")
    doc.add_paragraph("1.关爱。正文。")  # lone level 3 under （二）
    path = tmp_path / "lone.docx"
    doc.save(str(path))
    assert lone_children(path) == Counter({2: 1, 3: 1, 4: 1})


def test_a_lone_fourth_level_work_item_becomes_the_lead_sentence(county, tmp_path: Path) -> None:
    data = county(
        """
        结构:
          总结:
            分组:
              - 标题: 兜牢民生底线
                专题: [社会救助, 殡葬管理]
        总结:
          社会救助:
            标准句式: false
            工作:
              - {标题: 健全救助体系, 内容: 完善制度。}
              - {标题: 提高救助标准, 内容: 按时调整。}
          殡葬管理:
            标题: 深化殡葬改革
            标准句式: false
            工作:
              - {标题: 推进公益性公墓建设, 内容: 新建公墓3处。}
          婚姻登记:
            标准句式: false
            工作: [办理婚姻登记。]
        计划:
          社会救助: {目标: [提高标准。]}
          殡葬管理: {目标: [深化改革。]}
        """
    )
    out = tmp_path / "fold.docx"
    pipeline.build(data, out=out)
    texts = [text for _, text in paragraphs(out)]
    assert "（1）健全救助体系。完善制度。" in texts and "（2）提高救助标准。按时调整。" in texts
    # The lone (1) opens the paragraph unnumbered, right after its parent's run-in 2. heading (in bold).
    # (Both headings are the county's: a template heading is never stacked so, see test_structure_as_written.)
    folded = next(p for p in Document(str(out)).paragraphs if "推进公益性公墓建设" in p.text)
    assert folded.text == "2.深化殡葬改革。推进公益性公墓建设。新建公墓3处。"
    assert "".join(r.text for r in folded.runs if r.font.bold) == "2.深化殡葬改革。"
    assert lone_children(out) == Counter()


def _blocks(markup: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in drop_lone_children(parse(markup))]


def test_a_chain_of_lone_headings_folds_all_the_way_down() -> None:
    markup = "# 部分\n## 专题\n### 唯一条目\n#### 唯一小项\n正文。\n## 另一专题\n正文二。\n"
    assert _blocks(markup) == [
        ("heading", 1, "部分"),
        ("heading", 2, "专题"),
        ("paragraph", 0, "唯一条目。唯一小项。正文。"),
        ("heading", 2, "另一专题"),
        ("paragraph", 0, "正文二。"),
    ]


def test_the_children_of_a_folded_heading_move_up_a_level() -> None:
    markup = "# 部分\n## 专题\n### 唯一条目\n引言。\n#### 甲\n一。\n#### 乙\n二。\n## 另一专题\n"
    assert _blocks(markup) == [
        ("heading", 1, "部分"),
        ("heading", 2, "专题"),
        ("paragraph", 0, "唯一条目。引言。"),
        ("heading", 3, "甲"),
        ("paragraph", 0, "一。"),
        ("heading", 3, "乙"),
        ("paragraph", 0, "二。"),
        ("heading", 2, "另一专题"),
    ]


def test_a_lone_child_that_repeats_its_parent_is_dropped_and_the_parts_stay() -> None:
    markup = "# 总结\n## 养老服务\n### 养老服务。\n正文。\n## 社会救助\n### 健全体系\n"
    assert _blocks(markup) == [
        ("heading", 1, "总结"),  # a single part keeps its heading: the parts are not folded
        ("heading", 2, "养老服务"),
        ("paragraph", 0, "正文。"),
        ("heading", 2, "社会救助"),
        ("paragraph", 0, "健全体系。"),
    ]


def test_everything_after_a_folded_heading_keeps_its_order() -> None:
    blocks = parse("# 部分\n## 甲\n### 唯一\n- 条目\n正文。\n@落款 某局\n")
    assert drop_lone_children(blocks) == [
        Block("heading", "部分", level=1),
        Block("paragraph", "甲。唯一。"),  # a lead with no paragraph of its own joins the next one
        Block("item", "条目"),
        Block("paragraph", "正文。"),
        Block("signature", "某局"),
    ]


@pytest.mark.parametrize(
    ("part", "introduced"),
    [
        ("总结", "在健全社会救助体系方面，主要做了以下工作："),
        ("计划", "在健全社会救助体系方面，重点做好以下工作："),
    ],
)
def test_a_lone_heading_with_nothing_of_its_own_introduces_its_sub_headings(
    part: str, introduced: str
) -> None:
    """Not a bare 「健全社会救助体系。」 standing before （一）（二）: that reads as a heading that lost its number."""
    markup = "# 2025年工作\n## 健全社会救助体系\n### 统筹资源\n正文一。\n### 拓展监测\n正文二。\n"
    assert [(b.kind, b.level, b.text) for b in drop_lone_children(parse(markup), {"2025年工作": part})] == [
        ("heading", 1, "2025年工作"),
        ("paragraph", 0, introduced),
        ("heading", 2, "统筹资源"),
        ("paragraph", 0, "正文一。"),
        ("heading", 2, "拓展监测"),
        ("paragraph", 0, "正文二。"),
    ]


def test_a_county_with_one_topic_of_titled_items_reads_as_a_report(tmp_path: Path) -> None:
    """Unseen 44: one topic, three titled items, no standard figures — the draft read back."""
    out = tmp_path / "44.docx"
    pipeline.build(ROOT / "tests" / "unseen" / "counties" / "44.yaml", out=out)
    texts = [p.text for p in Document(str(out)).paragraphs]
    at = texts.index("一、2025年上半年工作回顾")
    assert texts[at + 1 : at + 3] == [
        "在健全分层分类的社会救助体系方面，主要做了以下工作：",
        "（一）统筹资源强保障",
    ]
    assert "健全分层分类的社会救助体系。" not in texts
