"""A report read for proofreading: its paragraphs, each with the headings above it, and its period.

The same model is built from a file (.docx or .txt, ours or anyone's: the outline finds the title, the
date, page noise and the headings) and from a draft's blocks in memory (`generate`), so that both are
checked alike. Text is normalised the way real reports vary: full-width punctuation, half-width digits,
no spaces inside Chinese text (web copies put them around every number).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.data.period import Period, ReportPeriod, month_end, parse_period

if TYPE_CHECKING:
    from generator.analysis.outline import Heading as OutlineHeading
    from generator.analysis.outline import Outline
    from generator.analysis.reading import Line
    from generator.data.schema import Report
    from generator.draft.markup import Block


@dataclass(frozen=True)
class Heading:
    """A heading that starts in a paragraph: its level (1-4, or "item" for 一是) and text."""

    level: int | str
    text: str


_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_SPACE = re.compile(r"[ \t\u3000\u00a0]+")
_JOINS = set("0123456789%，。；：、（）“”/")
_DIGIT_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
_DIGIT_COLON = re.compile(r"(?<=\d)：(?=\d\d)")


def normalize(text: str) -> str:
    """``text`` as the rules read it: full-width punctuation, half-width digits, no stray spaces."""
    text = text.translate(_WIDE_DIGITS).translate(_HALF)
    text = _DIGIT_COMMA.sub(",", _DIGIT_COLON.sub(":", text))
    text = text.strip().strip("\u3000\u00a0\ufeff").strip()
    return _SPACE.sub(lambda m: "" if _joined(text, m.start(), m.end()) else m.group(), text)


def _joined(text: str, start: int, end: int) -> bool:
    """Whether a space stands between two Chinese characters, digits or marks (a web copy's spacing)."""
    before, after = text[start - 1 : start], text[end : end + 1]
    return all(c and (c in _JOINS or "\u4e00" <= c <= "\u9fff") for c in (before, after))


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (a .txt line) of the report's body."""

    number: int  # 1-based: the .docx paragraph or .txt line
    text: str  # normalised
    path: tuple[str, ...]  # the numbered headings (levels 1-4) its text falls under, its own included
    part: str  # summary | plan | other | "" (the opening, before any heading)
    headings: tuple[Heading, ...]  # headings that start in this paragraph (一是 items included)
    bare: bool  # nothing but a numbered heading

    @property
    def where(self) -> str:
        """The part and section headings above it, as the 待补充 list names them."""
        return " › ".join(self.path[:2]) or "开头"

    @property
    def body(self) -> str:
        """The text after the paragraph's own headings (a run-in heading is not body)."""
        numbered = [h for h in self.headings if isinstance(h.level, int)]
        return _rest(self.text, numbered[-1]) if numbered else self.text


@dataclass(frozen=True)
class Timing:
    """What the report's period words must agree with; None where neither the data nor the text says."""

    year: int | None = None
    period: ReportPeriod | None = None
    cutoff: dt.date | None = None  # 统计截止 as given by the county file
    dated: dt.date | None = None  # 成文日期
    words: Period | None = None  # the county file's period, for the words to suggest

    @property
    def period_end(self) -> dt.date | None:
        if self.year is None or self.period is None:
            return None
        return month_end(self.year, self.period.last_month)

    @property
    def part_year(self) -> bool:
        return self.period is not None and self.period.last_month < 12


@dataclass(frozen=True)
class ProofDoc:
    """The report to proofread."""

    file: str
    title: str
    paragraphs: list[Paragraph]
    timing: Timing
    complete: bool = True  # ends with its 落款 or date; a text cut short (a web page's preview) does not


def read(path: Path) -> ProofDoc:
    """The report at ``path`` (.docx or .txt), its period inferred from its title and date."""
    from generator.analysis.reading import read_lines

    return from_lines(read_lines(path), file=str(path))


def from_lines(lines: list[Line], *, file: str = "", timing: Timing | None = None) -> ProofDoc:
    """Any report's lines: the outline finds its title, date, noise and headings."""
    from generator.analysis.outline import outline_lines

    result = outline_lines(lines, file=file)
    paragraphs = _paragraphs(lines, result)
    title = normalize((result.title or "").replace("\n", ""))
    complete = bool(result.signature or result.date)
    return ProofDoc(file, title, paragraphs, timing or infer_timing(title, result.date, paragraphs), complete)


_PLAN_HEADER = re.compile(r"(计划|思路|打算|安排|要点)$")
_BODY_KINDS = ("heading", "paragraph", "item")


def from_blocks(blocks: Sequence[Block], report: Report, *, file: str = "") -> ProofDoc:
    """A draft in memory, its structure as drafted (no outline needed): paragraph numbers are those of
    the .docx it becomes, one paragraph a block."""
    from generator.draft.markup import unmark

    found = []
    trail: dict[int, str] = {}
    part = ""
    for number, block in enumerate(blocks, start=1):
        if block.kind not in _BODY_KINDS:
            continue
        text = normalize(unmark(block.text))
        head = text if block.kind == "heading" else normalize(unmark(block.lead)).rstrip("。")
        heads: tuple[Heading, ...] = ()
        if head and block.level:
            heads = (Heading(block.level, head),)
            trail = {k: v for k, v in trail.items() if k < block.level}
            trail[block.level] = head
            if block.level == 1:
                part = "plan" if _PLAN_HEADER.search(head) else "summary"
        bare = bool(heads) and not _rest(text, heads[-1])
        path = tuple(trail[k] for k in sorted(trail))
        found.append(Paragraph(number, text, path, part, heads, bare))
    title = normalize(next((unmark(b.text) for b in blocks if b.kind == "title"), "").replace("\n", ""))
    return ProofDoc(file, title, found, timing_of(report))


def timing_of(report: Report) -> Timing:
    """The period of a county file: what its draft's period words must say."""
    words = report.timing
    return Timing(report.year, words.period, report.cutoff, report.date, words)


# ---- structure ---------------------------------------------------------------------------------


def _skipped(text: str, result: Outline) -> bool:
    from generator.analysis.outline import clean

    flat = text.replace("\n", "")
    furniture = (result.title, result.date, result.signature, result.addressee)
    return any(f and flat == clean(f).replace("\n", "") for f in furniture)


def _paragraphs(lines: list[Line], result: Outline) -> list[Paragraph]:
    from generator.analysis.outline import clean

    noise = set(result.noise)
    by_line: dict[int, list[OutlineHeading]] = {}
    for h in result.headings:
        by_line.setdefault(h.line, []).append(h)
    trail: dict[int, str] = {}
    part = ""
    found = []
    for line in lines:
        text = clean(line.text)
        if not text or line.number in noise or _skipped(text, result):
            continue
        found_heads = sorted(by_line.get(line.number, []), key=lambda h: h.seq)
        heads = tuple(Heading(h.level, h.text) for h in found_heads)
        for h in found_heads:
            if isinstance(h.level, int):
                trail = {k: v for k, v in trail.items() if k < h.level}
                trail[h.level] = normalize(h.text)
            part = h.part
        norm = normalize(text)
        numbered = [h for h in heads if isinstance(h.level, int)]
        bare = bool(numbered) and not _rest(norm, numbered[-1])
        path = tuple(trail[k] for k in sorted(trail))
        found.append(Paragraph(line.number, norm, path, part, heads, bare))
    return found


def _rest(text: str, heading: Heading) -> str:
    """The text after ``heading`` (「…荣誉：无」: a form line's answer after its colon is body too)."""
    head = normalize(heading.text)
    at = text.find(head)
    rest = text[at + len(head) :] if at >= 0 else text
    answer = head.split("：", 1)[1] if "：" in head else ""
    return (answer + rest).strip("。：；，、 ")


# ---- period ------------------------------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD_WORD = re.compile(
    r"(上半年|前三季度|第?[一二三]季度|1\s*[-—–－~～至到]\s*(\d{1,2})\s*月|(?<![上下])半年)"
)
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def infer_timing(title: str, date: str | None, paragraphs: list[Paragraph]) -> Timing:
    """Year and 报告期 from the title (else the first part header or the opening's first clause), and
    成文日期 from the date line at the end."""
    sources = [title]
    first_heading = next((p.path[0] for p in paragraphs if p.path), "")
    opening = next((p.text for p in paragraphs if not p.path), "")
    sources += [first_heading, re.split("[，。]", opening)[0]]
    year = next((int(m.group(1)) for s in sources if (m := _YEAR.search(s))), None)
    period = next((_period(m) for s in sources if s and (m := _PERIOD_WORD.search(s))), None)
    if period is None and year is not None:
        period = parse_period("全年")
    dated = None
    if date and (m := _DATE.search(normalize(date))):
        try:
            dated = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            dated = None
    return Timing(year, period, None, dated)


def _period(m: re.Match[str]) -> ReportPeriod | None:
    word = m.group(1)
    if m.group(2):
        word = f"1-{m.group(2)}月"
    elif word == "半年":
        word = "上半年"
    try:
        return parse_period(word)
    except ValueError:
        return None
