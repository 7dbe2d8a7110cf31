"""Read a rendered draft back from its PDF and measure it as a reviewer looks at a page.

The .docx gives the text and the kind of every paragraph; the PDF (LibreOffice's rendering, with Chinese
fonts) gives where every glyph landed. Walking the PDF's lines along the docx text tells which paragraph
each line belongs to, which lines end a paragraph, and which characters never reached the page.

Run `python -m tests.pages 草稿.docx [草稿.pdf]` for the measurements of one draft.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent

from generator.write import pdf
from generator.write.profile import Profile

# 避头尾 (GB/T 15834 and every Chinese typesetter): marks that may not open a line, and may not close one.
NOT_AT_START = "。，、；：？！）》」”】』〕’"
NOT_AT_END = "（《「“【『〔‘"
PUNCTUATION = "。，、；：？！（）《》「」“”‘’—…·/%"
JOINERS = "\u2060\u200d\ufeff\u202f"  # zero-width joiners the builder may put between a number and its unit; never shown
CLOSING_STYLES = ("落款", "成文日期")


@dataclass
class Line:
    """One line of glyphs on a page."""

    page: int
    baseline: float
    x0: float
    x1: float
    text: str
    paragraph: int = -1  # index into Layout.paragraphs, -1 when the line matched no paragraph
    ends_paragraph: bool = False
    slot: int = 0  # 1-based line of the 22-line grid; 0 off the grid
    spaces: int = 0  # blanks that the text itself holds (a space in a document's title, say)


@dataclass
class PageInfo:
    number: int
    lines: list[Line]
    footer: str
    footer_x0: float
    footer_x1: float


@dataclass
class Geometry:
    """The type area (版心) in PDF points, origin bottom left."""

    left: float
    right: float
    top: float
    bottom: float
    pitch: float
    char: float

    @classmethod
    def of(cls, profile: Profile) -> Geometry:
        mm = 72 / 25.4
        m = profile.margins_mm
        return cls(
            left=m.left * mm,
            right=(210 - m.right) * mm,
            top=(297 - m.top) * mm,
            bottom=m.bottom * mm,
            pitch=profile.line_pt,
            char=(210 - m.left - m.right) * mm / 28,
        )


@dataclass
class Layout:
    """A draft as it renders: its paragraphs (docx) and its pages (PDF)."""

    paragraphs: list[tuple[str, str]]  # (style name, text without whitespace or joiners)
    pages: list[PageInfo]
    geometry: Geometry
    lost: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, characters never drawn)
    unmatched: list[Line] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


def _flat(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in JOINERS)


def _chars(obj: object):
    if isinstance(obj, LTChar):
        yield obj
    elif isinstance(obj, LTComponent) and hasattr(obj, "__iter__"):
        for child in obj:  # type: ignore[attr-defined]
            yield from _chars(child)


def read_pdf(pdf: Path, geometry: Geometry) -> list[PageInfo]:
    """Lines of each page, grouped by baseline, left to right; the footer apart."""
    pages = []
    for number, layout in enumerate(extract_pages(str(pdf)), start=1):
        rows: dict[float, list[LTChar]] = {}
        blanks: Counter[float] = Counter()
        for char in _chars(layout):
            baseline = char.matrix[5]
            key = next((b for b in rows if abs(b - baseline) < 3), baseline)
            if char.get_text().isspace():
                blanks[key] += 1
                continue
            rows.setdefault(key, []).append(char)
        body, footer = [], []
        for baseline in sorted(rows, reverse=True):
            chars = sorted(rows[baseline], key=lambda c: c.x0)
            line = Line(number, baseline, chars[0].x0, chars[-1].x1, "".join(c.get_text() for c in chars))
            line.spaces = blanks[baseline]
            (footer if baseline < geometry.bottom - 5 else body).append(line)
        pages.append(
            PageInfo(
                number,
                body,
                "".join(line.text for line in footer),
                min((line.x0 for line in footer), default=0.0),
                max((line.x1 for line in footer), default=0.0),
            )
        )
    return pages


def _match(layout: Layout) -> None:
    """Walk the lines along the docx text: each line's paragraph, paragraph ends, characters never drawn."""
    stream = "".join(text for _, text in layout.paragraphs)
    owner = [i for i, (_, text) in enumerate(layout.paragraphs) for _ in text]
    ends = set()
    position = 0
    for _, text in layout.paragraphs:
        position += len(text)
        ends.add(position)
    position = 0
    for line in layout.lines:
        text = _flat(line.text)
        found = stream.find(text, position, position + len(text) + 40)
        if found < 0:
            layout.unmatched.append(line)
            continue
        if found > position:
            layout.lost.append((owner[position], stream[position:found]))
        line.paragraph = owner[found]
        position = found + len(text)
        line.ends_paragraph = position in ends
    if position < len(stream):
        layout.lost.append((owner[position], stream[position:]))


def _slots(layout: Layout) -> None:
    """Place each line on the 22-line grid: the grid's first baseline is learned from a page's first line."""
    g = layout.geometry
    firsts = [p.lines[0].baseline for p in layout.pages[1:] if p.lines]
    if not firsts:  # a one-page draft: the grid's phase from its first line under the title
        body = [
            line
            for line in layout.lines
            if line.paragraph >= 0 and layout.paragraphs[line.paragraph][0] != "公文标题"
        ]
        if not body:
            return
        firsts = [body[0].baseline]
    first = Counter(round(b, 1) for b in firsts).most_common(1)[0][0]
    for line in layout.lines:
        offset = (first - line.baseline) / g.pitch
        if abs(offset - round(offset)) < 0.1:
            line.slot = round(offset) + 1


def read(docx: Path, pdf: Path, profile: Profile | None = None) -> Layout:
    """The layout of ``docx`` as rendered in ``pdf``."""
    paragraphs = [(p.style.name, _flat(p.text)) for p in Document(str(docx)).paragraphs]
    geometry = Geometry.of(profile or Profile())
    layout = Layout([p for p in paragraphs if p[1]], read_pdf(pdf, geometry), geometry)
    _match(layout)
    _slots(layout)
    return layout


# ---- checks ----------------------------------------------------------------------------------------


def _full_width(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def full_lines(layout: Layout) -> list[Line]:
    """Lines that a paragraph continues after: they must fill the measure."""
    return [
        line
        for line in layout.lines
        if line.paragraph >= 0
        and not line.ends_paragraph
        and layout.paragraphs[line.paragraph][0] not in ("公文标题", *CLOSING_STYLES)
    ]


def chars_per_line(layout: Layout) -> Counter[int]:
    """How many characters the all-Chinese full lines hold (a line that opens a paragraph counts its indent)."""
    g = layout.geometry
    counts: Counter[int] = Counter()
    for line in full_lines(layout):
        if all(_full_width(c) for c in line.text):
            indent = round((line.x0 - g.left) / g.char)
            counts[len(line.text) + indent] += 1
    return counts


def fill_faults(layout: Layout) -> list[str]:
    """All-Chinese full lines that hold other than 28 characters without 避头尾 to explain it.

    With punctuation kept inside the measure (no hanging), a closing mark that would open the next line
    takes the character before it along (推出), so the line holds 27 (26 before an opening bracket);
    an unbreakable run of digits after the line does the same.
    """
    g = layout.geometry
    lines = layout.lines
    faults = []
    for line in full_lines(layout):
        if not all(_full_width(c) for c in line.text):
            continue
        held = len(line.text) + line.spaces + round((line.x0 - g.left) / g.char)
        after = _flat(lines[lines.index(line) + 1].text)[:3]
        pushed = any(c in NOT_AT_START + NOT_AT_END or c.isascii() for c in after) or line.text[-1] in "“‘"
        if held != 28 and not (held < 28 and pushed):
            faults.append(f"第{line.page}页: {line.text}({held}字)")
    return faults


def short_lines(layout: Layout) -> list[str]:
    """Full lines that do not reach the right edge of the type area (justified text must)."""
    g = layout.geometry
    return [
        f"第{line.page}页: {line.text}"
        for line in full_lines(layout)
        if line.x1 < g.right - g.char / 2 or line.x1 > g.right + g.char * 1.05
    ]


def lost_punctuation(layout: Layout) -> int:
    """Punctuation in the docx text minus punctuation on the pages."""
    in_docx = sum(c in PUNCTUATION for _, text in layout.paragraphs for c in text)
    on_page = sum(c in PUNCTUATION for line in layout.lines for c in line.text)
    return in_docx - on_page


def kinsoku_faults(layout: Layout) -> list[str]:
    """Lines opening with a closing mark or closing with an opening mark (避头尾)."""
    return [
        f"第{line.page}页: {line.text}"
        for line in layout.lines
        if line.paragraph >= 0 and (line.text[0] in NOT_AT_START or line.text[-1] in NOT_AT_END)
    ]


_NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def number_splits(layout: Layout) -> list[str]:
    """Places where a line ends inside the digits of a number (「2.3」 / 「7亿元」). A number and its unit may
    part at a line end, as any two Chinese characters may: the draft holds them together with nothing a
    reader would copy (issue 20), and 「每人每月694元」 reads well either way."""
    faults = []
    lines = layout.lines
    for line, after in itertools.pairwise(lines):
        if line.paragraph < 0 or line.paragraph != after.paragraph:
            continue
        head, tail = _flat(line.text), _flat(after.text)
        cut = len(head)
        if any(m.start() < cut < m.end() for m in _NUMBER.finditer(head + tail)):
            faults.append(f"第{line.page}页: …{head[-6:]} / {tail[:6]}…")
    return faults


def closing_alone(layout: Layout) -> bool:
    """True when the last page holds nothing but the 落款 and the date."""
    last = [line for line in layout.pages[-1].lines if line.paragraph >= 0]
    return bool(last) and all(layout.paragraphs[line.paragraph][0] in CLOSING_STYLES for line in last)


def page_number_faults(layout: Layout) -> list[str]:
    """「— N —」 on every page: odd pages right, even pages left, one 四号 character in from the edge."""
    g = layout.geometry
    one = 14.0
    faults = []
    for page in layout.pages:
        if _flat(page.footer) != f"—{page.number}—":
            faults.append(f"第{page.number}页页码为「{page.footer}」")
        elif page.number % 2 and abs(page.footer_x1 - (g.right - one)) > 3:
            faults.append(f"第{page.number}页页码不在右侧(右端 {page.footer_x1:.1f})")
        elif not page.number % 2 and abs(page.footer_x0 - (g.left + one)) > 3:
            faults.append(f"第{page.number}页页码不在左侧(左端 {page.footer_x0:.1f})")
    return faults


def grid_faults(layout: Layout) -> list[str]:
    """Lines off the 22-line grid, and pages (but the last) whose text stops before the grid's 22nd line.

    A page may stop one line short where the next page opens with a heading that keeps with its text, and
    the page before the last may stop short where the last page took lines to keep the 落款 company.
    """
    faults = []
    for line in layout.lines:
        if line.paragraph >= 0 and layout.paragraphs[line.paragraph][0] != "公文标题" and not line.slot:
            faults.append(f"第{line.page}页「{line.text[:8]}」不在行网格上")
    pages = layout.pages
    for page, following in itertools.pairwise(pages):
        last = max((line.slot for line in page.lines), default=0)
        if last == 22:
            continue
        opener = following.lines[0] if following.lines else None
        heading_moved = (
            last == 21 and opener is not None and layout.paragraphs[opener.paragraph][0].startswith("Heading")
        )
        kept_with_closing = following is pages[-1]
        if not (heading_moved or kept_with_closing):
            faults.append(f"第{page.number}页只排到第{last}行")
    return faults


def lines_per_page(layout: Layout) -> list[int]:
    return [len(page.lines) for page in layout.pages]


def summary(layout: Layout) -> dict[str, object]:
    """The measurements of one draft, for reports and failure messages."""
    return {
        "pages": len(layout.pages),
        "lines/page": lines_per_page(layout),
        "chars/line": dict(sorted(chars_per_line(layout).items())),
        "lost punctuation": lost_punctuation(layout),
        "lost": layout.lost,
        "splits": number_splits(layout),
        "kinsoku": kinsoku_faults(layout),
        "short lines": short_lines(layout),
        "fill": fill_faults(layout),
        "grid": grid_faults(layout),
        "page numbers": page_number_faults(layout),
        "closing alone": closing_alone(layout),
    }


if __name__ == "__main__":
    docx_path = Path(sys.argv[1])
    pdf_path = Path(sys.argv[2]) if len(sys.argv) > 2 else pdf.convert(docx_path)
    for key, value in summary(read(docx_path, pdf_path)).items():
        print(f"{key}: {value}")
