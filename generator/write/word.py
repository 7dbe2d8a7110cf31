"""Build the Word document: GB/T 9704-2012 page, styles with East Asian fonts, headings, page numbers."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from generator.draft.markup import PLACEHOLDER, Block, marks, reference_spans, unmark
from generator.write import basedoc, fonttable, properties
from generator.write.profile import Profile

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}
TITLE_STYLE = "公文标题"
MARK_STYLE = "稿件标记"
ADDRESSEE_STYLE = "主送机关"
SIGNATURE_STYLE = "落款"
DATE_STYLE = "成文日期"
ITEM_STYLE = "Normal"  # an 一是 item is a body paragraph that begins with its number


@dataclass(frozen=True)
class Comment:
    """A reviewer's note to attach to the sentence that carries one of ``sources``, or (the proofreader's)
    to the sentence of paragraph ``block`` (0-based) that holds ``quote``."""

    sources: tuple[str, ...]
    text: str
    block: int | None = None
    quote: str = ""


COMMENT_AUTHOR = "民政年报起草器"
# 参考表述 in turquoise, not the yellow of 【待补充】: on screen and in colour print another hue at a glance;
# in black-and-white print a mid grey, darker than yellow's near-white, with black text still sharp (gray-25
# would print alike but reads on screen as Word's own field shading or as greyed-out text).
REFERENCE_HIGHLIGHT = WD_COLOR_INDEX.TURQUOISE
REFERENCE_COMMENT = (
    "参考表述：县里没有写这一专题的计划，本段是起草器按常见写法拟写的（数据文件中有「去年计划」的，先写去年的计划），"
    "请核实、修改或删除；定稿前去掉青绿色突出显示和本批注。"
)


def build(
    blocks: list[Block], profile: Profile, *, title: str, author: str, comments: Sequence[Comment] = ()
) -> basedoc.Docx:
    """A new document holding ``blocks``, laid out as an official document, with review comments."""
    base = base_document(profile)
    document, section = base.new_document()
    widths = _closing_widths([replace(b, text=unmark(b.text)) for b in blocks])
    sentence_runs: dict[str, list[Run]] = {}
    reference_runs: list[list[Run]] = []
    block_runs: dict[int, list[tuple[str, list[Run]]]] = {}
    last_body = _last_body_block(blocks)
    paragraphs = []
    for index, block in enumerate(blocks):
        paragraph = base.add_paragraph(section, _style_for(block))
        paragraphs.append(paragraph._p)
        if block.kind == "title":
            _add_title(paragraph, unmark(block.text), _title_capacity(profile))
            if index + 1 < len(blocks) and blocks[index + 1].kind == "mark":
                paragraph.paragraph_format.space_after = Pt(0)  # the mark sits right under the title
            continue
        block_runs[index], reference = _add_block_text(paragraph, block, profile, sentence_runs)
        if reference:
            reference_runs.append(reference)
        if block.kind in ("signature", "date"):
            _align_closing(paragraph, block.kind, widths, profile)
        if index == last_body:
            # GB/T 9704 §7.3.5.5: the page with the 落款 carries body text; take the last two lines along.
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.widow_control = True
    anchored = [(c, runs) for c in comments if (runs := _anchor(c, sentence_runs, block_runs))]
    # 参考表述 is always commented (not only with --review): nobody may sign it unread.
    anchored += [(Comment((), REFERENCE_COMMENT), runs) for runs in reference_runs]
    doc = _with_comments(paragraphs, anchored, profile) if anchored else base.draft(document)
    properties.describe(doc.core, title=title, author=author, when=properties.drafted_now())
    return doc


def _anchor(
    comment: Comment,
    sentence_runs: dict[str, list[Run]],
    block_runs: dict[int, list[tuple[str, list[Run]]]],
) -> list[Run] | None:
    if comment.block is not None:
        sentences = [(text, runs) for text, runs in block_runs.get(comment.block, []) if runs]
        # The sentence that holds the quoted words (the proofreader's text is normalised: compare loosely).
        quote = re.sub(r"\W", "", comment.quote)
        held = next((runs for text, runs in sentences if quote and quote in re.sub(r"\W", "", text)), None)
        return held or next((runs for _, runs in sentences), None)
    return next((sentence_runs[s] for s in comment.sources if s in sentence_runs), None)


def _styled(profile: Profile) -> DocumentObject:
    """An empty document with the page, fonts and styles of ``profile``."""
    doc = Document()
    _pin_defaults(doc, profile)
    _page_setup(doc, profile)
    _define_styles(doc, profile)
    return doc


def _finish(doc: DocumentObject, profile: Profile) -> None:
    """What follows the body: page numbers and the properties every draft shares."""
    _page_numbers(doc, profile)
    props = doc.core_properties
    props.language = "zh-CN"
    props.comments = "由民政年报起草器生成的草稿，须人工审核后使用"
    properties.drop_thumbnail(doc)
    fonttable.declare(doc, profile.fonts.east_asian(), profile.alternates)


def _with_comments(
    paragraphs: list[CT_P],
    anchored: list[tuple[Comment, list[Run]]],
    profile: Profile,
) -> basedoc.Docx:
    """A draft with review comments: a whole document of its own (comments add a part and relationships)."""
    doc = _commentable(profile)
    section = doc.element.body.sectPr
    for p in paragraphs:
        section.addprevious(p)
    for comment, runs in anchored:
        initials = "参" if comment.text == REFERENCE_COMMENT else "审"
        added = doc.add_comment(runs, text=comment.text, author=COMMENT_AUTHOR, initials=initials)
        # No timestamp (optional in OOXML): the same county file gives the same bytes at every run.
        added._comment_elm.attrib.pop(qn("w:date"), None)
    return basedoc.Docx.of(doc)


_blank: dict[str, bytes] = {}


def _commentable(profile: Profile) -> DocumentObject:
    """A finished empty document of ``profile`` to add a commented body to: styled once per process and
    reopened from its bytes (three times faster than styling it again for every draft with comments)."""
    key = repr(profile)
    if key not in _blank:
        buffer = io.BytesIO()
        doc = _finished(profile)
        properties.add_comment_styles(doc)
        doc.save(buffer)
        _blank[key] = buffer.getvalue()
    return Document(io.BytesIO(_blank[key]))


def base_document(profile: Profile) -> basedoc.BaseDocument:
    """The styled base document of ``profile``: made once per process, and kept between runs."""
    code = [Path(__file__), Path(fonttable.__file__), Path(properties.__file__)]
    return basedoc.get(repr(profile), code, lambda: _finished(profile))


def _finished(profile: Profile) -> DocumentObject:
    doc = _styled(profile)
    _finish(doc, profile)
    return doc


def _add_block_text(
    paragraph: Paragraph, block: Block, profile: Profile, sentence_runs: dict[str, list[Run]]
) -> tuple[list[tuple[str, list[Run]]], list[Run]]:
    """The block's text, sentence by sentence (a run-in heading styled as its level); notes which runs
    carry each figure, for review comments. Returns each sentence with its runs, and the runs of its
    参考表述 (highlighted), if any."""
    lead = len(block.lead)
    added = []
    reference: list[Run] = []
    for part, is_lead in ((block.text[:lead], True), (block.text[lead:], False)):
        for piece, is_reference in reference_spans(part):
            for sentence in _sentences(piece):
                runs = _add_text(paragraph, unmark(sentence))
                added.append((unmark(sentence), runs))
                if is_lead:
                    for run in runs:
                        _lead_format(run, block.level, profile)
                if is_reference:
                    for run in runs:
                        if run.font.highlight_color is None:  # a 【待补充】 inside stays yellow
                            run.font.highlight_color = REFERENCE_HIGHLIGHT
                    reference += runs
                for source, _ in marks(sentence):
                    # a value several figures share (城乡 standard) carries all
                    for each in source.split("|"):
                        sentence_runs.setdefault(each, runs)
    return added, reference


def _last_body_block(blocks: list[Block]) -> int | None:
    """Index of the last paragraph before the 落款, which must not be left behind on its own page."""
    closing = next((i for i, b in enumerate(blocks) if b.kind == "signature"), None)
    if closing is None:
        return None
    body = [i for i, b in enumerate(blocks[:closing]) if b.kind not in ("title", "mark", "addressee")]
    return body[-1] if body else None


def _lead_format(run: Run, level: int, profile: Profile) -> None:
    """A run-in heading in its level's font: 1. in bold (三级标题加粗), (1) plain."""
    f = profile.fonts
    font = {1: f.heading1, 2: f.heading2, 3: f.heading3, 4: f.heading4}.get(level)
    if font is None:
        return
    _set_fonts(run._element.get_or_add_rPr(), font, f.latin)
    _bold(run, level == 3 and profile.bold_heading3)


def _bold(run: Run, on: bool) -> None:
    """``run.font.bold = on`` without python-docx's walk of the schema order: w:b follows w:rFonts."""
    rpr = run._element.rPr
    rfonts = rpr.rFonts if rpr is not None else None
    if rpr is None or rfonts is None or rpr.b is not None:
        run.font.bold = on
        return
    b = OxmlElement("w:b")
    if not on:
        b.set(qn("w:val"), "0")
    rfonts.addnext(b)


def _sentences(text: str) -> list[str]:
    """``text`` cut after each 。 (a figure mark never spans a sentence end)."""
    parts = re.split(r"(?<=。)", text)
    return [p for p in parts if p]


# ---- fonts -------------------------------------------------------------------------------------


def _set_fonts(rpr: object, east_asian: str, latin: str) -> None:
    """Name all four font slots and drop theme references, which Word prefers over explicit names."""
    rfonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), latin)


def _pin_defaults(doc: DocumentObject, profile: Profile) -> None:
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, profile.fonts.body, profile.fonts.latin)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    # Styles of the default template that name theme fonts would render Chinese in a Japanese face.
    for rfonts_el in styles.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts_el.attrib.pop(qn(attr), None)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


# ---- page --------------------------------------------------------------------------------------


def _page_setup(doc: DocumentObject, profile: Profile) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    m = profile.margins_mm
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.footer_distance = Mm(profile.footer_mm)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(profile.line_pt * 20)))


# ---- styles ------------------------------------------------------------------------------------


def _base_format(style: ParagraphStyle, profile: Profile, *, indent: bool = True) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(profile.line_pt)
    fmt.first_line_indent = Pt(2 * profile.sizes.body) if indent else Pt(0)
    style.font.color.rgb = RGBColor(0, 0, 0)


def _style_font(style: ParagraphStyle, east_asian: str, latin: str, size: float, *, bold: bool) -> None:
    _set_fonts(style.element.get_or_add_rPr(), east_asian, latin)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False


def _custom(doc: DocumentObject, name: str) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return cast(ParagraphStyle, style)


def _define_styles(doc: DocumentObject, profile: Profile) -> None:
    f, s = profile.fonts, profile.sizes
    normal = doc.styles["Normal"]
    _base_format(normal, profile)
    _style_font(normal, f.body, f.latin, s.body, bold=False)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False
    # 28 characters a line in a 156 mm type area: tighten 三号 text by 0.25 pt (GB/T 9704 §5.2.3).
    _char_spacing(normal, -5)
    _paragraph_flag(normal, "w:overflowPunct", True)

    heading_fonts = {1: f.heading1, 2: f.heading2, 3: f.heading3, 4: f.heading4}
    for level, name in HEADING_STYLES.items():
        style = doc.styles[name]
        _base_format(style, profile)
        _style_font(style, heading_fonts[level], f.latin, s.body, bold=level == 3 and profile.bold_heading3)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:bCs", "w:color"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        style.font.color.rgb = RGBColor(0, 0, 0)

    title = _custom(doc, TITLE_STYLE)
    _base_format(title, profile, indent=False)
    _style_font(title, f.title, f.title, s.title, bold=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(max(profile.line_pt, s.title * 1.5))
    title.paragraph_format.space_after = Pt(profile.line_pt)  # one blank line under the title
    title.paragraph_format.keep_with_next = True
    _char_spacing(title, 0)

    mark = _custom(doc, MARK_STYLE)
    _base_format(mark, profile, indent=False)
    _style_font(mark, f.heading2, f.latin, s.body, bold=False)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    mark.paragraph_format.space_after = Pt(profile.line_pt)  # the blank line under the title block

    addressee = _custom(doc, ADDRESSEE_STYLE)
    _base_format(addressee, profile, indent=False)
    addressee.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    for name in (SIGNATURE_STYLE, DATE_STYLE):
        style = _custom(doc, name)
        _base_format(style, profile, indent=False)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        style.paragraph_format.keep_with_next = name == SIGNATURE_STYLE
    doc.styles[SIGNATURE_STYLE].paragraph_format.space_before = Pt(profile.line_pt)  # 空一行


_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


def _char_spacing(style: ParagraphStyle, twentieths: int) -> None:
    """Set character spacing, keeping rPr's schema order (Word asks to repair a file that breaks it)."""
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)


# Children of w:pPr in schema order (ECMA-376 §17.3.1.26); Word asks to repair a file that breaks it.
_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _paragraph_flag(style: ParagraphStyle, tag: str, on: bool) -> None:
    """Set an on/off paragraph property in its schema place (python-docx has no API for most of them)."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "1" if on else "0")
    ppr.insert_element_before(flag, *_PPR_ORDER[_PPR_ORDER.index(tag) + 1 :])


def _style_for(block: Block) -> str:
    return {
        "title": TITLE_STYLE,
        "mark": MARK_STYLE,
        "addressee": ADDRESSEE_STYLE,
        "signature": SIGNATURE_STYLE,
        "date": DATE_STYLE,
        "heading": HEADING_STYLES.get(block.level, "Normal"),
    }.get(block.kind, "Normal")


# ---- text --------------------------------------------------------------------------------------


def _add_text(paragraph: Paragraph, text: str) -> list[Run]:
    """Add ``text`` as runs; each 【待补充：…】 is its own run, highlighted yellow. The text is written as it
    reads: no invisible character holds a number to its unit, so a reader's search and copy find it as seen
    (the standard sentences write 每人每月694元, whose pieces may wrap like any Chinese text)."""
    runs = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            runs.append(_run(paragraph, text[position : match.start()]))
        run = _run(paragraph, match.group())
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        runs.append(run)
        position = match.end()
    if position < len(text):
        runs.append(_run(paragraph, text[position:]))
    return runs


def _title_capacity(profile: Profile) -> float:
    """How many title characters fit on one line of the type area."""
    width_pt = (210 - profile.margins_mm.left - profile.margins_mm.right) / 25.4 * 72
    return width_pt / profile.sizes.title


def title_lines(text: str, capacity: float) -> list[str]:
    """Break a long title where a reader would: before 及/和/暨 that join its two halves (GB/T 9704 §7.3.1)."""
    if text_width(text) <= capacity:
        return [text]
    best: tuple[float, int] | None = None
    for i, char in enumerate(text):
        if char in "及和暨" and 0 < i < len(text) - 1:
            left, right = text_width(text[:i]), text_width(text[i:])
            if max(left, right) <= capacity:
                balance = abs(left - right)
                if best is None or balance < best[0]:
                    best = (balance, i)
    if best is None:
        return [text]
    return [text[: best[1]], text[best[1] :]]


def _add_title(paragraph: Paragraph, text: str, capacity: float) -> None:
    for n, line in enumerate(title_lines(text, capacity)):
        if n:
            paragraph.add_run().add_break()
        _add_text(paragraph, line)


def _hinted_run() -> CT_R:
    """An empty run in the Chinese font: quotes, dashes and ellipses sit in General Punctuation, and
    without the eastAsia hint Word sets them in the Latin font."""
    r = OxmlElement("w:r")
    r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")
    return r


_HINTED_RUN = _hinted_run()


def _run(paragraph: Paragraph, text: str, template: CT_R = _HINTED_RUN) -> Run:
    r = deepcopy(template)  # python-docx builds rPr child by child, searching the schema order each time
    paragraph._p.append(r)
    run = Run(r, paragraph)
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text  # python-docx turns these into <w:tab/> and <w:br/>
    else:
        t = r.makeelement(qn("w:t"), {})
        t.text = text
        if len(text.strip()) < len(text):
            t.set(qn("xml:space"), "preserve")
        r.append(t)
    return run


# ---- 落款 and date (GB/T 9704 §7.3.5.2) -----------------------------------------------------------


def text_width(text: str) -> float:
    """Width in characters of 三号 text: a Chinese character is 1, a digit or Latin letter 1/2."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _closing_widths(blocks: list[Block]) -> dict[str, float]:
    return {b.kind: text_width(b.text) for b in blocks if b.kind in ("signature", "date")}


def _align_closing(paragraph: Paragraph, kind: str, widths: dict[str, float], profile: Profile) -> None:
    """Date 2 characters from the right; the signature's first character 2 characters left of the date's."""
    signature, date = widths.get("signature", 0.0), widths.get("date", 0.0)
    date_indent = max(2.0, signature - date) if signature else 2.0
    signature_indent = date_indent + date + 2 - signature if date else 2.0
    chars = signature_indent if kind == "signature" else date_indent
    paragraph.paragraph_format.right_indent = Pt(chars * profile.sizes.body)


# ---- page numbers (GB/T 9704 §7.5) ----------------------------------------------------------------


def _page_numbers(doc: DocumentObject, profile: Profile) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    _page_number_footer(section.footer.paragraphs[0], profile, odd=True)
    _page_number_footer(section.even_page_footer.paragraphs[0], profile, odd=False)


def _page_number_footer(paragraph: Paragraph, profile: Profile, *, odd: bool) -> None:
    """ "— 1 —" in 四号宋体: odd pages right-aligned, even pages left-aligned, each 1 character in."""
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    one_char = Pt(profile.sizes.page_number)
    if odd:
        fmt.right_indent = one_char
    else:
        fmt.left_indent = one_char
    for text in ("— ", None, " —"):
        run = paragraph.add_run()
        _set_fonts(run._element.get_or_add_rPr(), profile.fonts.page_number, profile.fonts.page_number)
        run.font.size = Pt(profile.sizes.page_number)
        if text is not None:
            run.text = text
        else:
            _page_field(run._element)


def _page_field(run_element: object) -> None:
    """A PAGE field as Word writes it: begin, instruction, separate, a cached number, end."""
    parts: list[tuple[str, dict[str, str], str | None]] = [
        ("w:fldChar", {"w:fldCharType": "begin"}, None),
        ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
        ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ("w:t", {}, "1"),
        ("w:fldChar", {"w:fldCharType": "end"}, None),
    ]
    for tag, attrs, text in parts:
        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(qn(key), value)
        if text is not None:
            el.text = text
        run_element.append(el)  # type: ignore[attr-defined]
