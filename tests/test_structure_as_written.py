"""Structure as the county wrote it (issue 19, point 3), read back from the drafts.

- A template heading (the catalogue's topic heading) never stacks on a heading or item the county gave.
- A work item given as a title only is a sentence, never a heading with nothing under it.
- 一是 never stands alone, and is never put before text that opens with its own sequence (一方面…).
- Folding a lone heading never moves a section under a heading of another topic, nor a heading the county
  gave after its own text into the middle of that text.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.data import catalogue
from generator.draft.markup import Block, full_width, parse, with_topic
from generator.draft.numbering import drop_lone_children, number
from tests.conftest import INPUTS, ROOT, docx_texts, paragraphs

UNSEEN = ROOT / "tests" / "unseen" / "counties"
COUNTY_FILES = sorted(INPUTS.glob("*.yaml")) + sorted(UNSEEN.glob("*.yaml"))
PATTERNS = ["{一}、", "（{一}）", "{1}.", "（{1}）"]

# The level of a numbered paragraph: Word heading styles, or a run-in number (段首) at levels 3 and 4.
_RUN_IN = {3: re.compile(r"^\d+\.(?!\d)"), 4: re.compile(r"^（\d+）")}
_ITEM = re.compile(r"^([一二三四五六七八九十]+)是")
_SEQUENCE = re.compile(r"^(一方面|首先|第一[，,、]|其一|一是|（一）|1\.(?!\d))")


def _level(style: str, text: str) -> int | None:
    if style.startswith("Heading "):
        return int(style.split()[1])
    if style == "Normal":
        return next((level for level, pattern in _RUN_IN.items() if pattern.match(text)), None)
    return None


def slips(path: Path, county_text: str = "") -> list[str]:
    """Every lone 一是, 一是 stacked on the text's own sequence, and heading with nothing under it.

    A paragraph whose 一是 is the county's own (it is in ``county_text``, the county file) is the county's
    sequence, whole or cut short by the page it was copied from: not ours to number.
    """
    found: list[str] = []
    rows = [(style, text, _level(style, text)) for style, text in paragraphs(path)]
    items: list[str] = []  # the 一是/二是 of the current run (between two numbered paragraphs)

    def close_run() -> None:
        if items == ["一"]:
            found.append("lone 一是")
        items.clear()

    for i, (style, text, level) in enumerate(rows):
        if level is not None:
            close_run()
            # Nothing under it: no text after the heading in its own paragraph, and the next numbered
            # paragraph (or the end) is not deeper.
            title_only = style.startswith("Heading ") or re.fullmatch(r"[^。]*。", text)
            following = next((r for r in rows[i + 1 :] if r[2] is not None or r[0] != "Normal"), None)
            body = i + 1 < len(rows) and rows[i + 1][2] is None and rows[i + 1][0] == "Normal"
            deeper = following is not None and following[2] is not None and following[2] > level
            if title_only and not body and not deeper:
                found.append(f"empty heading: {text}")
        elif style.startswith("Heading ") or style != "Normal":
            close_run()
        elif m := _ITEM.match(text):
            own = re.match(r"[\u4e00-\u9fff]{1,8}", text)
            if (m.group(1) == "一" and "二是" in text[2:]) or (own and own.group() in county_text):
                continue
            items.append(m.group(1))
            if m.group(1) == "一" and _SEQUENCE.match(text[2:]):
                found.append(f"一是 on a sequence: {text[:12]}")
    close_run()
    return found


def _titles(county_file: Path) -> tuple[set[str], set[str]]:
    """(the county's section and group titles, its work items' titles), as the draft writes them."""
    data = yaml.safe_load(county_file.read_text(encoding="utf-8")) or {}
    own, items = set(), set()
    for part in catalogue.PARTS:
        layout = (data.get("结构") or {}).get(part) or {}
        own |= {full_width(str(g["标题"])) for g in layout.get("分组") or [] if isinstance(g, dict)}
        for section in (data.get(part) or {}).values():
            if isinstance(section, dict):
                own |= {full_width(str(section["标题"]))} if section.get("标题") else set()
                work = section.get("工作") or []
                items |= {full_width(str(w["标题"])) for w in work if isinstance(w, dict) and w.get("标题")}
    return own, items


_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")


def stacked(path: Path, county_file: Path) -> list[str]:
    """Every catalogue heading the county did not write that heads nothing but one of the county's own
    titled items (in its paragraph, the next paragraph, or as its only numbered child)."""
    own, items = _titles(county_file)
    catalogue_headings = {h for t in catalogue.topics() for h in t.heading.values()} - own
    rows = [(style, text, _level(style, text)) for style, text in paragraphs(path)]
    found = []
    for i, (_, text, level) in enumerate(rows):
        if level is None:
            continue
        title, _, rest = _NUMBER.sub("", text).partition("。")
        if title not in catalogue_headings:
            continue
        under = []
        for _, after, deeper in rows[i + 1 :]:
            if deeper is not None and deeper <= level:
                break
            under.append((after, deeper))
        children = [t for t, d in under if d == level + 1]
        first = rest or (under[0][0] if under else "")
        first = _NUMBER.sub("", re.sub(r"^一是", "", first))
        one_item = len(children) == 1 or (not children and len(under) <= 1)
        if one_item and any(first.startswith(t) for t in items):
            found.append(text[:20])
    return found


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("as-written")
    return {f.stem: pipeline.build(f, out=folder / f"{f.stem}.docx").path for f in COUNTY_FILES}


@pytest.mark.parametrize("name", [f.stem for f in COUNTY_FILES])
def test_no_lone_or_stacked_item_and_no_empty_heading(drafts: dict[str, Path], name: str) -> None:
    county = next(f for f in COUNTY_FILES if f.stem == name).read_text(encoding="utf-8")
    assert slips(drafts[name], county) == [], name


@pytest.mark.parametrize("name", [f.stem for f in COUNTY_FILES])
def test_no_catalogue_heading_stacked_on_a_countys_item(drafts: dict[str, Path], name: str) -> None:
    assert stacked(drafts[name], next(f for f in COUNTY_FILES if f.stem == name)) == [], name


def test_the_scan_sees_each_slip(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("一、工作回顾", style="Heading 1")
    doc.add_paragraph("（一）社会救助", style="Heading 2")
    doc.add_paragraph("一是一方面，加强。")  # lone, and stacked on 一方面
    doc.add_paragraph("（二）养老服务", style="Heading 2")
    doc.add_paragraph("1.做优做精助餐服务。")  # run-in heading with nothing under it
    doc.add_paragraph("2.推进改革。正文。")
    doc.add_paragraph("一是甲。")
    doc.add_paragraph("二是乙。")
    path = tmp_path / "slips.docx"
    doc.save(str(path))
    assert slips(path) == [
        "一是 on a sequence: 一是一方面，加强。",
        "lone 一是",
        "empty heading: 1.做优做精助餐服务。",
    ]


# --- the seeds: the structure of the real reports they were taken from ---


def test_huancui_items_run_on_under_its_own_group_headings(drafts: dict[str, Path]) -> None:
    texts = docx_texts(drafts["环翠区2024"])
    summary = texts[texts.index("（一）抓重点、强监管，民生保障能力显著增强") :]
    assert [t[:4] for t in summary[1:4]] == ["一是扎实", "二是开展", "三是加强"]
    assert [
        t[:2] for t in summary[summary.index("（三）重效能、提质量，基本社会事务提质提效") + 1 :][:5]
    ] == [
        "一是",
        "二是",
        "三是",
        "四是",
        "五是",
    ]
    # No catalogue heading over the county's items, and the plan's single items are plain paragraphs.
    assert not any(t in texts for t in ("2.规范社会组织管理。", "1.健全儿童关爱保障体系。"))
    assert any(t.startswith("一方面，积极开展") for t in texts)
    assert any(t.startswith("一是出台区级社区社会组织") for t in texts)


def test_chengkou_items_are_numbered_under_the_groups_as_the_county_titled_them(
    drafts: dict[str, Path],
) -> None:
    texts = docx_texts(drafts["城口县2024"])
    numbered = [t.split("，")[0] for t in texts if re.match(r"^\d\.", t)]
    highlights = ["1.聚焦老有所养", "2.聚焦“幸福颐养”", "3.聚焦逝有所安", "4.聚焦幼有所育"]
    assert numbered == [*highlights, "1.聚焦“群众期盼”", "2.聚焦“民生关切”"]


def test_pingdingshan_headings_after_the_countys_own_text_stay_its_sections(drafts: dict[str, Path]) -> None:
    headings = [t for s, t in paragraphs(drafts["平顶山市2020"]) if s == "Heading 2"]
    summary = headings[: headings.index("（一）全力保持全市120家民政服务机构“零感染”的良好局面")]
    assert summary[2] == "（三）进一步健全社会救助体系"
    assert summary[8] == "（九）认真做好平安边界工作"
    assert summary[-1] == "（十）全面推进双重预防体系建设"


# --- small county files: each rule on its own ---


# A second topic, so that the one under test is not the part's lone section (folded into the part), and
# no grouping but the test's own; of two sentences, so that the part keeps its catalogue headings (see
# test_claims.py).
_SECOND = "  婚姻登记:\n    标准句式: false\n    工作: [办理婚姻登记。开展婚俗改革。]\n"
_UNGROUPED = "结构:\n  总结:\n    分组: []\n"


def _texts(county, tmp_path: Path, body: str) -> list[str]:
    out = tmp_path / "draft.docx"
    body = textwrap.dedent(body)
    body += "" if "婚姻登记" in body else _SECOND
    body += "" if "结构" in body else _UNGROUPED
    pipeline.build(county(body), out=out, overwrite=True)
    return docx_texts(out)


def _under(texts: list[str], heading: str) -> list[str]:
    """The paragraphs after the numbered heading ``heading`` (its number left out)."""
    at = next(i for i, t in enumerate(texts) if re.fullmatch(rf"（[一二三四五六七八九十]+）{heading}", t))
    return texts[at + 1 :]


def test_a_single_titled_item_takes_the_catalogue_headings_place(county, tmp_path: Path) -> None:
    texts = _texts(
        county,
        tmp_path,
        """
        总结:
          社会组织:
            标准句式: false
            工作:
              - {标题: 加强社会组织监督管理, 内容: 年检通过率90%。}
          殡葬管理:
            标准句式: false
            工作: [推进公益性公墓建设。]
        """,
    )
    assert _under(texts, "加强社会组织监督管理")[0] == "年检通过率90%。"
    assert "规范社会组织管理" not in "".join(texts)
    # An untitled item: the topic's heading, plain (「稳步推进殡葬改革」 would claim more than one sentence says).
    assert _under(texts, "殡葬管理工作")[0] == "推进公益性公墓建设。"


def test_a_single_item_that_restates_the_countys_title_is_said_once(county, tmp_path: Path) -> None:
    texts = _texts(
        county,
        tmp_path,
        """
        条目样式: 一是
        总结:
          社会组织:
            标题: 加强社会组织监督管理
            标准句式: false
            工作:
              - {标题: 加强社会组织监督管理, 内容: 年检通过率90%。}
        """,
    )
    assert _under(texts, "加强社会组织监督管理")[0] == "年检通过率90%。"


def test_a_group_of_the_countys_items_is_numbered_on_under_the_group(county, tmp_path: Path) -> None:
    group = """
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
            标准句式: false
            工作:
              - {标题: 推进公益性公墓建设, 内容: 新建公墓3处。}
        """
    texts = _texts(county, tmp_path, group)
    assert _under(texts, "兜牢民生底线")[:3] == [
        "1.健全救助体系。完善制度。",
        "2.提高救助标准。按时调整。",
        "3.推进公益性公墓建设。新建公墓3处。",
    ]
    texts = _texts(county, tmp_path, "条目样式: 一是\n" + textwrap.dedent(group))
    assert _under(texts, "兜牢民生底线")[:3] == [
        "一是健全救助体系。完善制度。",
        "二是提高救助标准。按时调整。",
        "三是推进公益性公墓建设。新建公墓3处。",
    ]


def test_a_group_with_the_templates_own_text_keeps_its_topic_headings(county, tmp_path: Path) -> None:
    texts = _texts(
        county,
        tmp_path,
        """
        结构:
          总结:
            分组:
              - 标题: 兜牢民生底线
                专题: [社会救助, 殡葬管理]
        总结:
          社会救助:
            指标: {城市低保标准: 694元/人·月}
            工作:
              - {标题: 健全救助体系, 内容: 完善制度。}
              - {标题: 提高救助标准, 内容: 按时调整。}
          殡葬管理:
            标准句式: false
            工作:
              - {标题: 推进公益性公墓建设, 内容: 新建公墓3处。}
        """,
    )
    assert _under(texts, "兜牢民生底线")[0].startswith("1.健全分层分类的社会救助体系。")
    assert "2.推进公益性公墓建设。新建公墓3处。" in texts  # its single item still takes the heading's place


@pytest.mark.parametrize("style", ["编号", "一是"])
def test_a_title_only_item_is_a_sentence(county, tmp_path: Path, style: str) -> None:
    texts = _texts(
        county,
        tmp_path,
        f"""
        条目样式: {style}
        总结:
          流浪乞讨救助:
            标准句式: false
            工作:
              - {{标题: 强化站内管理, 内容: 落实24小时接待。}}
              - {{标题: 做优做精流浪人员帮扶救助}}
              - {{标题: 开展寒冬送温暖, 内容: 巡查街面12次。}}
        """,
    )
    body = _under(texts, "提升救助管理服务能力")
    if style == "编号":
        # Run into the section's own text, ahead of the first sub-heading (after it, it would read as the
        # text of that item).
        assert body[:3] == [
            "做优做精流浪人员帮扶救助。",
            "1.强化站内管理。落实24小时接待。",
            "2.开展寒冬送温暖。巡查街面12次。",
        ]
    else:
        assert body[:3] == [
            "一是强化站内管理。落实24小时接待。",
            "二是做优做精流浪人员帮扶救助。",
            "三是开展寒冬送温暖。巡查街面12次。",
        ]


def test_title_only_items_are_sentences_with_no_heading(county, tmp_path: Path) -> None:
    texts = _texts(
        county,
        tmp_path,
        """
        总结:
          流浪乞讨救助:
            标准句式: false
            工作:
              - {标题: 做优做精流浪人员帮扶救助}
              - {标题: 强化站内管理}
        """,
    )
    assert _under(texts, "提升救助管理服务能力")[0] == "做优做精流浪人员帮扶救助。"
    assert "强化站内管理。" in texts
    assert not any(re.match(r"^\d\.", t) for t in texts)


def test_a_heading_the_county_gave_after_its_own_text_is_a_section_beside_it(county, tmp_path: Path) -> None:
    texts = _texts(
        county,
        tmp_path,
        """
        总结:
          社会救助:
            标题: 坚决打赢脱贫攻坚收官战
            标准句式: false
            工作:
              - 内容: 一是提高保障标准。二是落实兜底。
              - {标题: 进一步健全社会救助体系, 内容: 制定实施意见。}
          殡葬管理:
            标准句式: false
            工作: [推进公益性公墓建设。]
        """,
    )
    assert _under(texts, "坚决打赢脱贫攻坚收官战")[:3] == [
        "一是提高保障标准。二是落实兜底。",
        "（二）进一步健全社会救助体系",
        "制定实施意见。",
    ]
    assert _under(texts, "进一步健全社会救助体系")[1].endswith("殡葬管理工作")


# --- numbering and folding, block by block ---


def _numbered(*blocks: Block) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in number([Block("heading", "节", 2), *blocks], PATTERNS)[1:]]


def test_a_single_item_is_a_plain_paragraph() -> None:
    assert _numbered(Block("item", "加强监督。"), Block("paragraph", "说明。")) == [
        ("paragraph", "加强监督。"),
        ("paragraph", "说明。"),
    ]


@pytest.mark.parametrize("opening", ["一方面，", "首先，", "第一，", "其一，", "一是", "（一）", "1."])
def test_no_yi_shi_before_the_items_own_sequence(opening: str) -> None:
    text = f"{opening}加强监督。"
    assert _numbered(Block("item", text), Block("item", "规范收费。")) == [
        ("item", text),
        ("item", "二是规范收费。"),
    ]


def test_an_item_opening_with_a_figure_is_numbered() -> None:
    assert _numbered(Block("item", "1.5万人受益。"), Block("item", "规范收费。"))[0] == (
        "item",
        "一是1.5万人受益。",
    )


def _topic_blocks(markup: str) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, b.text) for b in drop_lone_children(parse(markup))]


def test_a_lone_heading_of_another_topic_is_not_folded() -> None:
    markup = (
        f"# 部分\n## {with_topic('综合', '兜牢底线')}\n正文。\n### {with_topic('殡葬管理', '殡葬改革')}\n新建公墓。\n"
        f"## {with_topic('养老服务', '养老')}\n正文二。\n"
    )
    assert _topic_blocks(markup)[2:5] == [
        ("paragraph", 0, "正文。"),
        ("heading", 3, "殡葬改革"),
        ("paragraph", 0, "新建公墓。"),
    ]


def test_a_lone_heading_of_the_same_topic_or_under_a_part_is_folded() -> None:
    markup = f"# 部分\n## {with_topic('殡葬管理', '殡葬改革')}\n### 新建公墓\n正文。\n"
    assert _topic_blocks(markup) == [("heading", 1, "部分"), ("paragraph", 0, "殡葬改革。新建公墓。正文。")]


def test_the_topic_tag_is_read_off_every_line() -> None:
    blocks = parse(f"## {with_topic('社会救助', '健全体系')}\n{with_topic('社会救助', '')}正文。\n")
    assert blocks == [Block("heading", "健全体系", level=2, topic="社会救助"), Block("paragraph", "正文。")]
