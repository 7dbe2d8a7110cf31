"""The produced .docx, read back: GB/T 9704 page, styles and fonts, headings, numbering, footer, closing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator import pipeline
from tests.conftest import INPUTS, MINIMAL, TIANMEN, docx_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def tianmen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "tianmen.docx"
    pipeline.build(TIANMEN, out=out)
    return out


@pytest.fixture(scope="module")
def minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "minimal.docx"
    pipeline.build(MINIMAL, out=out)
    return out


def east_asian_font(style) -> str | None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return rfonts.get(qn("w:eastAsia"))


def test_page_is_a4_with_gbt9704_margins(tianmen: Path) -> None:
    section = Document(str(tianmen)).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(getattr(section, f"{margin}_margin") - Mm(mm)) < Mm(0.1), margin
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"


def test_body_style_is_fangsong_16pt_exact_spacing_22_lines(tianmen: Path) -> None:
    normal = Document(str(tianmen)).styles["Normal"]
    assert east_asian_font(normal) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # 22 lines of this pitch fit the 225 mm type area, 23 do not.
    pitch_mm = fmt.line_spacing.pt * 25.4 / 72
    assert 22 * pitch_mm <= 225 < 23 * pitch_mm
    assert fmt.first_line_indent == Pt(32)  # two 三号 characters
    assert fmt.space_before == 0 and fmt.space_after == 0


@pytest.mark.parametrize(
    ("style", "font", "bold", "outline"),
    [
        ("Heading 1", "黑体", False, 0),
        ("Heading 2", "楷体_GB2312", False, 1),
        ("Heading 3", "仿宋_GB2312", True, 2),
    ],
)
def test_heading_styles_fonts_and_outline_levels(
    tianmen: Path, style: str, font: str, bold: bool, outline: int
) -> None:
    s = Document(str(tianmen)).styles[style]
    assert east_asian_font(s) == font
    assert s.font.size == Pt(16)
    assert bool(s.font.bold) is bold
    assert s.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(outline)
    assert s.font.color.rgb == (0, 0, 0)


def test_no_theme_fonts_and_chinese_language(tianmen: Path) -> None:
    with zipfile.ZipFile(tianmen) as z:
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)theme=", styles, re.IGNORECASE)
    assert 'w:eastAsia="仿宋_GB2312"' in styles.split("</w:docDefaults>")[0]
    assert re.search(r'<w:themeFontLang[^>]*w:eastAsia="zh-CN"', settings)


def test_headings_are_word_heading_styles_at_their_levels(tianmen: Path) -> None:
    doc = Document(str(tianmen))
    expected = {
        "Heading 1": r"^[一二三四五六七八九十]+、",
        "Heading 2": r"^（[一二三四五六七八九十]+）",
        "Heading 3": r"^\d+\.",
        "Heading 4": r"^（\d+）",
    }
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 10
    for style, text in headings:
        assert re.match(expected[style], text), (style, text)
    assert [t for s, t in headings if s == "Heading 1"] == ["一、2024年工作情况", "二、2025年工作计划"]


def _run_in(doc_path: Path) -> list[tuple[str, str, bool]]:
    """(lead, whole text, lead is bold) of every body paragraph that opens with a run-in 1. heading."""
    found = []
    for p in Document(str(doc_path)).paragraphs:
        if p.style.name == "Normal" and re.match(r"^\d+\.", p.text):
            bold = [r for r in p.runs if r.font.bold]
            found.append(("".join(r.text for r in bold), p.text, bool(bold)))
    return found


def test_third_level_headings_are_run_in_and_bold(tianmen: Path) -> None:
    run_in = _run_in(tianmen)
    assert len(run_in) > 10
    for lead, text, bold in run_in:
        assert bold and lead.endswith("。") and text.startswith(lead), text
    assert any(t.startswith("1.提升养老服务质量。一是开展特困供养机构改革。") for _, t, _ in run_in)


def _numbers(doc_path: Path) -> dict[str, list[str]]:
    """For each level-1 heading, the sequence of level-2 labels under it."""
    runs: dict[str, list[str]] = {}
    current = ""
    for p in Document(str(doc_path)).paragraphs:
        if p.style.name == "Heading 1":
            current = p.text
            runs[current] = []
        elif p.style.name == "Heading 2":
            runs[current].append(p.text.split("）")[0] + "）")
    return runs


def test_numbering_has_no_gaps_when_topics_are_left_out(county, tmp_path: Path) -> None:
    data = county(
        """
        总结:
          社会救助: {标题: 甲}
          婚姻登记: {标题: 乙}
          区划地名: {标题: 丙}
        计划:
          殡葬管理: {目标: [丁]}
          社会组织: {目标: [戊]}
        """
    )
    out = tmp_path / "gaps.docx"
    pipeline.build(data, out=out, references=False)
    assert list(_numbers(out).values()) == [["（一）", "（二）", "（三）"], ["（一）", "（二）"]]
    # with 参考表述, the plan also has the summary's three topics: numbered on, with no gap either
    pipeline.build(data, out=out)
    assert list(_numbers(out).values()) == [
        ["（一）", "（二）", "（三）"],
        [f"（{n}）" for n in "一二三四五"],
    ]


def test_numbering_restarts_under_each_section(tianmen: Path) -> None:
    labels: list[list[str]] = []
    for p in Document(str(tianmen)).paragraphs:
        if p.style.name in ("Heading 1", "Heading 2"):
            labels.append([])
        elif p.style.name == "Normal" and re.match(r"^\d+\.", p.text):
            labels[-1].append(p.text.split(".")[0])
    for run in labels:
        assert run == [str(i) for i in range(1, len(run) + 1)]


def test_yi_shi_items_are_numbered_in_order(county, tmp_path: Path) -> None:
    data = county(
        """
        条目样式: 一是
        总结:
          党的建设:
            工作:
              - {标题: 加强政治建设, 内容: 深入学习。}
              - {标题: 深化主题教育, 内容: 扎实推进。}
              - 严守纪律规矩。
        """
    )
    out = tmp_path / "items.docx"
    pipeline.build(data, out=out)
    texts = docx_texts(out)
    assert "一是加强政治建设。深入学习。" in texts
    assert "二是深化主题教育。扎实推进。" in texts
    assert "三是严守纪律规矩。" in texts


def _footer_xml(doc_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(doc_path) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        body = z.read("word/document.xml").decode()
        found = {}
        for kind, rid in re.findall(r'<w:footerReference w:type="(\w+)" r:id="(\w+)"', body):
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
                rf'Target="([^"]+)"[^>]*Id="{rid}"', rels
            )
            found[kind] = z.read("word/" + target.group(1)).decode()
        return found


def test_footer_page_numbers_odd_right_even_left(tianmen: Path) -> None:
    footers = _footer_xml(tianmen)
    assert set(footers) >= {"default", "even"}
    for kind, xml in footers.items():
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml, kind
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
        assert text == "— 1 —", kind
        assert 'w:eastAsia="宋体"' in xml and '<w:sz w:val="28"/>' in xml  # 四号 = 14 pt
    assert '<w:jc w:val="right"/>' in footers["default"]
    assert '<w:jc w:val="left"/>' in footers["even"]
    assert Document(str(tianmen)).settings.odd_and_even_pages_header_footer


def test_placeholders_are_highlighted_and_nothing_else_is(tmp_path: Path) -> None:
    data = (
        tmp_path / "county.yaml"
    )  # no 成文日期, and a figure carried over from last year with this year's blank
    data.write_text(
        MINIMAL.read_text(encoding="utf-8")
        .replace("成文日期: 2024-12-20\n", "")
        .replace("临时救助人次: 1200", "临时救助人次: {上年: 1100}"),
        encoding="utf-8",
    )
    out = tmp_path / "d.docx"
    pipeline.build(data, out=out)
    doc = Document(str(out))
    marked = [r for p in doc.paragraphs for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert {r.text for r in marked} == {"【待补充：临时救助人次】", "【待补充：成文日期】"}
    assert all(re.fullmatch(r"【待补充：[^】]+】", r.text) for r in marked)
    unmarked = [r for p in doc.paragraphs for r in p.runs if r.font.highlight_color is None]
    assert not any("待补充" in r.text for r in unmarked)


def test_title_signature_and_date(tianmen: Path) -> None:
    doc = Document(str(tianmen))
    first, *_, signature, date = doc.paragraphs
    assert first.style.name == "公文标题"
    assert first.text == "天门市民政局2024年工作总结\n及2025年工作计划"  # broken before 及, not mid-word
    assert first.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian_font(first.style) == "方正小标宋简体" and first.style.font.size == Pt(22)
    assert (signature.text, date.text) == ("天门市民政局", "2024年12月25日")
    for p in (signature, date):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # GB/T 9704 §7.3.5.2: date 2 characters from the right, its first character 2 right of the signature's.
    assert date.paragraph_format.right_indent == Pt(32)
    sig_start = signature.paragraph_format.right_indent.pt / 16 + 6
    date_start = date.paragraph_format.right_indent.pt / 16 + 7  # 2024年12月25日 is 7 characters wide
    assert sig_start - date_start == 2


def test_every_seed_000_topic_is_drafted_with_its_figures(tianmen: Path) -> None:
    text = "\n".join(docx_texts(tianmen))
    for figure in (
        "每人每月694元",
        "521元",
        "每人每月1388元",
        "1020元",
        "2188人次",
        "485.14万元",
        "286人次",
        "2317万元",
        "53.5%",
        "435人",
        "749万元",
        "8587人",
        "2158万元",
        "7688例",
        "3644对",
        "385家",
        "83%",
        "1786.28万元",
        "417.38万元",
        "389条",
    ):
        assert figure in text, figure
    for heading in (
        "健全分层分类的社会救助体系",
        "健全儿童关爱保障体系",
        "规范婚姻登记服务",
        "推动慈善事业健康发展",
        "健全智慧区划地名公共服务体系",
        "基本民生保障水平明显提高",
        "提高区划地名工作服务和管理水平",
    ):
        assert heading in text, heading
    assert "待补充" not in text


INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\ue000-\uf8ff]")


@pytest.mark.parametrize(
    "path",
    sorted([*INPUTS.glob("*.yaml"), *(INPUTS.parent / "tests" / "unseen" / "counties").glob("*.yaml")]),
    ids=lambda p: p.stem,
)
def test_no_invisible_character_in_what_a_reader_reads(tmp_path: Path, path: Path) -> None:
    """Issue 20: a search for 「2024年」 finds it, and pasted text carries nothing the reader did not see."""
    out = tmp_path / "d.docx"
    pipeline.build(path, out=out, review_comments=True)
    with zipfile.ZipFile(out) as package:
        parts = [
            name
            for name in package.namelist()
            if name.startswith(("word/document", "word/footer", "word/comments"))
        ]
        assert "word/document.xml" in parts
        for name in parts:
            found = INVISIBLE.findall(package.read(name).decode("utf-8"))
            assert found == [], (name, found[:5])
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert re.search(r"\d年", text)  # a year reads as typed, searchable as 「2024年」
