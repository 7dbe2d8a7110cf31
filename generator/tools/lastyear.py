"""Last year's report, read for this year's data file: who signed it, which year it sums up, its structure
(parts, topics in order, groupings, headings), its numbers placed on catalogue figures, its plan items.

It reads with `generator outline` (the structure) and the facts extractor (the numbers); see
:mod:`generator.tools.figuremap` for how a number is placed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.analysis.outline import Heading, Outline, clean, outline_lines, strip_numbering
from generator.analysis.reading import read_lines
from generator.analysis.topics import GENERAL, topic_hits
from generator.data import catalogue
from generator.draft.prose import Phrasebook
from generator.tools import figureperiod, numbertally
from generator.tools.figuremap import Matcher, Placed, resolve

PARTS = {"summary": "总结", "plan": "计划"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_ITEM = re.compile(r"(?:^|(?<=[。；;]))\s*[一二三四五六七八九十]{1,3}是")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
MIN_ITEM = 6  # characters: shorter pieces are headings' leftovers, not items
_CHUNK = re.compile(r"\d{1,3}、")
_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_DIGIT = re.compile(r"[0-9０-９]")  # a heading with a number is not carried: every number comes from the data
_UNIT_IN_TITLE = re.compile(r"^(.{2,30}?(?:民政局|民政厅|委员会|局))(?:19|20)\d{2}")


@dataclass(frozen=True)
class Paragraph:
    """A line of the report's text proper, with the part and topics of the heading it stands under."""

    line: int
    text: str
    part: str  # 总结 | 计划 | 其他
    topics: tuple[str, ...]
    heading: Heading | None = None  # the heading this line is (None: a body line)
    context: str = ""  # the headings it stands under, outermost first, one a line
    merged: tuple[int, ...] = ()  # the lines joined to it (a preview site's chunks)


@dataclass
class LastYear:
    """What this year's data file takes from last year's report."""

    path: Path
    outline: Outline
    year: int | None
    unit: str | None
    paragraphs: list[Paragraph]
    placed: list[Placed] = field(default_factory=list)
    all_lines: list[tuple[int, str]] = field(default_factory=list)  # every line: number, cleaned text
    counts: Counter[str] = field(default_factory=Counter)  # numbers not read as figures, by kind
    period: str | None = None  # the span the report covers when less than a year (a half-year report)

    @property
    def plan_only(self) -> bool:
        """Whether the document is a plan alone (a 工作要点): no summary, a plan."""
        parts = {p.part for p in self.paragraphs if p.heading is not None}
        return "计划" in parts and "总结" not in parts

    def headings(self, part: str) -> list[Heading]:
        return [p.heading for p in self.paragraphs if p.heading is not None and p.part == part]

    def header(self, part: str) -> str | None:
        """The part's own header (「2024年工作情况」), without its numbering."""
        for p in self.paragraphs:
            if p.heading is not None and p.heading.kind == "part" and PARTS.get(p.heading.part) == part:
                return strip_numbering(p.heading.text)
        return None

    def topics(self, part: str) -> list[str]:
        """The part's topics in the order the report first names them."""
        found: list[str] = []
        for p in self.paragraphs:
            if p.part == part and p.heading is not None and p.heading.topic not in (None, GENERAL):
                found.append(str(p.heading.topic))
        return list(dict.fromkeys(found))

    def figures(self) -> list[Placed]:
        return [p for p in self.placed if p.figure is not None]

    def unplaced(self) -> list[Placed]:
        return [p for p in self.placed if p.figure is None]


def read(path: Path, book: Phrasebook) -> LastYear:
    """Read last year's report (.txt or .docx) and place its summary's numbers on catalogue figures."""
    lines = read_lines(path)
    result = outline_lines(lines, file=str(path))
    joined: Counter[str] = Counter()
    paragraphs = _paragraphs(result, {ln.number: clean(ln.text) for ln in lines}, joined)
    report = LastYear(path, result, _year(result, paragraphs), _unit(result), paragraphs)
    report.all_lines = [(ln.number, clean(ln.text)) for ln in lines]
    opening = next((p.text for p in paragraphs if p.heading is None), "")
    report.period = figureperiod.of_report(result.title, opening)
    matcher = Matcher(book, report.period)
    placed: list[Placed] = []
    on_line: dict[int, list[Heading]] = {}
    for h in result.headings:
        on_line.setdefault(h.line, []).append(h)
    for p in paragraphs:
        if p.part == "总结":
            placed += matcher.line(p.line, _sentences(p.text, on_line.get(p.line, [])), p.topics, p.context)
    report.placed = resolve(placed)
    report.counts = matcher.counts + _tally(report, joined)
    return report


def _tally(report: LastYear, joined: Counter[str]) -> Counter[str]:
    """The numbers of the lines the figure reader does not read, by why (see numbertally)."""
    counts = Counter(joined)
    read = {p.line: p for p in report.paragraphs}
    merged = {n for p in report.paragraphs for n in p.merged}
    outline = report.outline
    for number, text in report.all_lines:
        if number in merged:
            continue
        paragraph = read.get(number)
        if paragraph is not None:
            if paragraph.part != "总结":
                numbertally.tally(paragraph.text, f"在{paragraph.part}部分", counts)
        elif number in outline.noise:
            numbertally.tally(text, "是网页的文字", counts)
        else:
            numbertally.tally(text, "在标题、主送或落款中", counts)
    return counts


def _sentences(text: str, headings: list[Heading]) -> str:
    """A line with each heading on it ended as a sentence of its own (its words are not the body's)."""
    for h in headings:
        at = text.find(h.text)
        if at >= 0 and not text[at + len(h.text) : at + len(h.text) + 1] in ("。", "", ":", "："):
            text = text[: at + len(h.text)] + "。" + text[at + len(h.text) :]
    return text


def _paragraphs(result: Outline, texts: dict[int, str], joined: Counter[str]) -> list[Paragraph]:
    """The text proper, line by line, each with the part and topics of its heading; a line a preview site
    cut from the one before is joined to it (``joined`` counts the cut's marker and the pieces of a number
    cut in two)."""
    headings = {h.line: h for h in result.headings}
    if not headings:
        return []
    first = min(headings)
    skip = set(result.noise)
    closing = {result.signature, result.date, result.title, result.addressee}
    paragraphs: list[Paragraph] = []
    # The words before the first heading (the opening) belong to the part that heading opens or is in.
    part = PARTS.get(headings[first].part, "其他")
    topics: tuple[str, ...] = ()
    stack: list[Heading] = []
    for number in sorted(texts):
        text = texts[number]
        if number in skip or not text or text in closing or text.rstrip("：:") == result.addressee:
            continue
        heading = headings.get(number)
        if heading is not None:
            part = PARTS.get(heading.part, "其他")
            if heading.kind == "part":
                stack = []
            else:
                stack = [h for h in stack if _order(h) < _order(heading)] + [heading]
            topics = _topics_of(stack)
        context = "\n".join(h.text for h in stack)
        chunk = _CHUNK.match(text)
        if heading is None and chunk and paragraphs and not paragraphs[-1].text.endswith(_ENDS):
            # a preview site's 「2、」 in the middle of a sentence (even of a number: 「796」「2、12人」)
            last = paragraphs[-1]
            joined[numbertally.HEADING] += 1
            if last.text[-1:].isdigit() and text[chunk.end() : chunk.end() + 1].isdigit():
                joined["拼接成一个数"] += 1
            paragraphs[-1] = replace(
                last, text=last.text + text[chunk.end() :], merged=(*last.merged, number)
            )
            continue
        paragraphs.append(Paragraph(number, text, part, topics, heading, context))
    return paragraphs


def _order(heading: Heading) -> int:
    return {0: 0, 1: 1, 2: 2, 3: 3, 4: 4}.get(heading.level, 5) if isinstance(heading.level, int) else 5


def _topics_of(stack: list[Heading]) -> tuple[str, ...]:
    """The topic of the innermost heading that names one; a 综合 heading's topics when none does."""
    for h in reversed(stack):
        if h.topic and h.topic != GENERAL:
            return (h.topic,)
    for h in reversed(stack):
        if h.topics:
            return tuple(h.topics)
    return ()


def _year(result: Outline, paragraphs: list[Paragraph]) -> int | None:
    """The year the report sums up: its summary header's, else its title's first year."""
    for p in paragraphs:
        if p.heading is not None and p.heading.kind == "part" and p.part == "总结":
            m = _YEAR.search(p.heading.text)
            if m:
                return int(m.group(1))
    m = _YEAR.search(result.title or "")
    return int(m.group(1)) if m else None


def _unit(result: Outline) -> str | None:
    """The issuing body: the signature (落款), else the title's opening words (「天门市民政局2024年…」)."""
    if result.signature:
        return result.signature
    m = _UNIT_IN_TITLE.match(result.title or "")
    return m.group(1) if m else None


def plan_items(report: LastYear) -> list[tuple[str, str]]:
    """Last year's plan as items (an 一是 clause, or else a sentence), each with the topic it is about."""
    items: list[tuple[str, str]] = []
    for p in report.paragraphs:
        if p.part != "计划" or not (p.topics or (p.heading is not None and p.heading.kind == "section")):
            continue  # the plan part's opening words are no item
        text = p.text
        numbered = p.heading is not None and p.heading.level in (3, 4) and "。" in text
        if numbered:
            text = strip_numbering(text)  # 「1.发展居家养老。新建……」: a numbered item is one plan item
        elif p.heading is not None:
            text = text.split("。", 1)[1] if "。" in text else ""
        pieces = [text] if numbered and not _ITEM.search(text) else _pieces(text)
        for piece in (s.strip() for s in pieces):
            if len(piece) >= MIN_ITEM:
                items += _split_item(piece, p.topics[0] if p.topics else None)
    return items


def _pieces(text: str) -> list[str]:
    return _ITEM.split(text) if _ITEM.search(text) else _SENTENCE.findall(text)


def _split_item(item: str, default: str | None) -> list[tuple[str, str]]:
    """One plan item, or (when its sentences are about different topics) its sentences, with topics."""
    sentences = [s.strip() for s in _SENTENCE.findall(item) if s.strip()]
    topics: list[str | None] = []
    for sentence in sentences:
        hits = topic_hits(sentence)
        topics.append(hits.most_common(1)[0][0] if hits else (topics[-1] if topics else None))
    known = {t for t in topics if t}
    if len(known) <= 1:
        hits = topic_hits(item)
        topic = hits.most_common(1)[0][0] if hits else default
        return [(topic, item)] if topic in catalogue.topic_keys() else []
    first = next(t for t in topics if t)
    pieces: list[tuple[str, str]] = []
    for sentence, topic in zip(sentences, topics, strict=True):
        topic = topic or first
        if pieces and pieces[-1][0] == topic:
            pieces[-1] = (topic, pieces[-1][1] + sentence)
        else:
            pieces.append((topic, sentence))
    return [(t, s) for t, s in pieces if t in catalogue.topic_keys()]


@dataclass
class Shape:
    """One part of the report as the county's 结构 and 标题: header, topics in order, groups, headings."""

    header: str | None
    order: list[str]
    groups: list[tuple[str, list[str]]]  # (heading, topics)
    titles: dict[str, str]  # topic -> its own heading


def shape(report: LastYear, part: str, items: list[tuple[str, str]] | None = None) -> Shape:
    """The part's structure: a section heading over several topics (by its sub-headings, or by the plan
    items under it) is a group; a heading that alone stands for one topic at its level is that topic's
    标题."""
    sections = [
        p
        for p in report.paragraphs
        if p.part == part and p.heading is not None and p.heading.kind == "section"
    ]
    order: list[str] = []
    groups: list[tuple[str, list[str]]] = []
    titles: dict[str, str] = {}
    grouped: set[str] = set()
    group_lines: set[int] = set()
    top_level = min((_order(p.heading) for p in sections if p.heading is not None), default=0)
    index = _ItemIndex(items) if items is not None else None
    for i, p in enumerate(sections):
        heading = p.heading
        assert heading is not None
        leaf = i + 1 == len(sections) or _order(sections[i + 1].heading) <= _order(heading)  # type: ignore[arg-type]
        topics = _covered(p, index if leaf else None)
        order += topics
        if len(topics) > 1 and _order(heading) == top_level and not grouped & set(topics):
            groups.append((_title(heading.text), topics))
            grouped |= set(topics)
            group_lines.add(heading.line)
    order = [t for t in dict.fromkeys(order) if t in catalogue.topic_keys() and t != GENERAL]
    groups = [(title, [t for t in topics if t in order]) for title, topics in groups]
    groups = [(title, topics) for title, topics in groups if len(topics) > 1 and not _DIGIT.search(title)]
    for topic in order:
        own = [
            p.heading
            for p in sections
            if p.heading is not None and p.heading.topic == topic and p.heading.line not in group_lines
        ]
        if not own:
            continue
        top = min(_order(h) for h in own)
        at_top = [h for h in own if _order(h) == top]
        if len(at_top) == 1 and top <= 3 and at_top[0].level != "item" and not _DIGIT.search(at_top[0].text):
            titles[topic] = _title(at_top[0].text)
    return Shape(report.header(part), order, groups, titles)


def _title(text: str) -> str:
    return strip_numbering(text).strip().rstrip("。；;，,：:")


class _ItemIndex:
    """Plan items by their first characters: the items a text holds are looked for among those whose
    start it has, not among all of a long report's items for each of its headings."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = list(dict.fromkeys(items))  # an item met again adds no topic
        self.by_start: dict[str, list[int]] = {}
        self.short: list[int] = []  # items shorter than a start: tried in every text
        for i, (_, item) in enumerate(self.items):
            if len(item) < _START:
                self.short.append(i)
            else:
                self.by_start.setdefault(item[:_START], []).append(i)

    def within(self, text: str) -> list[tuple[str, str]]:
        """The items found in ``text``, in their order."""
        starts = {text[i : i + _START] for i in range(len(text) - _START + 1)}
        tried = sorted([*self.short, *(i for start in starts for i in self.by_start.get(start, ()))])
        return [self.items[i] for i in tried if self.items[i][1] in text]


_START = 4


def _covered(paragraph: Paragraph, items: _ItemIndex | None) -> list[str]:
    """The topics a section heading covers: its own, its 综合 topics, and (for a heading of the plan with
    no sub-headings) the topics of the plan items written under it."""
    heading = paragraph.heading
    assert heading is not None
    found = [heading.topic] if heading.topic and heading.topic != GENERAL else list(heading.topics)
    if items is not None and _order(heading) <= 2:
        text = paragraph.text.split("。", 1)[1] if "。" in paragraph.text else ""
        found += [topic for topic, _ in items.within(text)]
    return [t for t in dict.fromkeys(found) if t]
