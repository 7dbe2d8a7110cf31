"""What templates see: a topic's figures (printable report-style, or 【待补充】, or left to the county's own
text), its standard paragraphs, work items with their figures, the period words and the county's names."""

from __future__ import annotations

import re
from typing import Any

from generator.data import catalogue
from generator.data.numbers import split_scale
from generator.data.schema import REFERENCE, CustomFigure, FigureData, Report, figure_values, pending_values
from generator.draft import prose
from generator.draft.markup import escape, full_width
from generator.draft.values import Elsewhere, FigureValue, Ledger, Missing, NoValue

_NAMES = re.compile(r"\{([^{}\s.]{1,30})(?:\.[^{}]*)?\}")
_SCALE_AFTER = re.compile(r"[余多]?([万亿])")


def figure_source(part: str, topic_key: str, key: str, work: int | None = None) -> str:
    """Where a figure came from, as marks carry it: 总结/社会救助/低保人数, 总结/社会救助/工作/2/低保人数."""
    return f"{part}/{topic_key}/{key}" if work is None else f"{part}/{topic_key}/工作/{work}/{key}"


def _current(key: str) -> str:
    """A figure's key as it is now: an old name (kept working, as in data files) gives the new one."""
    figure = catalogue.old_keys().get(key)
    return figure.key if figure is not None else key


class FigureSet:
    """One topic's figures: ``指标.城市低保标准`` in a template, ``指标.有(...)`` tests, and ``指标.段落()``,
    the standard paragraphs of every figure no template line or county text has written yet.

    Figures the county's work items carry, or its text references with {键}, are written there: here
    they are :class:`Elsewhere` (false, printing nothing), so that no figure is written twice.
    """

    def __init__(
        self,
        topic: catalogue.Topic,
        values: dict[str, FigureData],
        source: str,
        custom: dict[str, CustomFigure] | None = None,
        *,
        work: dict[str, tuple[FigureData, str]] | None = None,
        book: prose.Phrasebook | None = None,
        words: prose.Words | None = None,
        pending: set[str] | None = None,
    ) -> None:
        self._topic = topic
        self._values = values
        self._source = source
        self._custom = custom or {}
        self._work = work or {}
        self._book = book or prose.Phrasebook()
        self._words = words or prose.Words("截至年底", "全年", "全县")
        self._pending = pending or set()  # figures with only last year's value: 本年 still to fill
        self.ledger: Ledger = set()
        self.elsewhere: set[str] = set(self._work)

    def custom(self, key: str) -> FigureValue | None:
        """A 自定指标 of the county as a printable figure."""
        given = self._custom.get(key)
        if given is None:
            return None
        figure = catalogue.Figure(key, "custom", given.unit, "quantity", "", 0, self._topic.key)
        data = FigureData(
            value=given.value, prev=given.prev, unit=given.unit, scale=given.scale, written=True
        )
        return FigureValue(figure, data, f"{self._source}/自定指标/{key}", self.ledger)

    def reference(self, key: str) -> FigureValue | Missing:
        """What ``{key}`` in the county's text stands for (the county's text is where it is written)."""
        figure = catalogue.figure(key)
        if figure is not None and figure.key in self._work:
            data, source = self._work[figure.key]
            return FigureValue(figure, data, source, self.ledger)
        found = self.custom(key)
        if found is not None:
            return found
        if figure is None or figure.topic != self._topic.key:
            raise KeyError(key)  # the schema lets no such reference through
        return self._value(figure) if figure.key in self._values else Missing(figure)

    def __getattr__(self, key: str) -> Any:
        methods = {"有": self.any, "全有": self.all, "段落": self.paragraphs}
        if key in methods:
            return methods[key]
        if key == "已有":
            return [self._value(f) for f in self._topic.figures if self._free(f.key)]
        figure = self._topic.figure(key) or catalogue.old_keys().get(key)
        if figure is None or figure.topic != self._topic.key:
            raise AttributeError(key)
        if figure.key in self.elsewhere:
            return Elsewhere(figure)
        return self._value(figure) if figure.key in self._values else Missing(figure)

    def _free(self, key: str) -> bool:
        return key in self._values and key not in self.elsewhere

    def _value(self, figure: catalogue.Figure) -> FigureValue:
        source = f"{self._source}/{figure.key}"
        return FigureValue(figure, self._values[figure.key], source, self.ledger)

    def __getitem__(self, key: str) -> Any:
        try:
            return self.__getattr__(key)
        except AttributeError:
            raise KeyError(key) from None

    def any(self, *keys: str) -> bool:
        """True when the county gave at least one of ``keys`` (any figure when none are named) for the
        standard sentences to write (not one its own text writes)."""
        return any(self._free(_current(k)) for k in (keys or self._values))

    def all(self, *keys: str) -> bool:
        """True when the county gave every one of ``keys`` for the standard sentences to write."""
        return all(self._free(_current(k)) for k in keys)

    def __bool__(self) -> bool:
        return any(self._free(k) for k in self._values)

    def paragraphs(self) -> str:
        """The standard paragraphs of every figure not yet written, and a 【待补充】 for each figure whose
        last-year value the county carried over with this year's still blank. A usual figure the county
        never gave is no part of the text: :func:`usual_figures` lists it for the run summary."""
        values: dict[str, FigureValue | Missing] = {}
        for figure in self._topic.figures:
            if self._free(figure.key):
                value = self._value(figure)
                if value.source not in self.ledger:
                    values[figure.key] = value
            elif figure.key in self.elsewhere:
                continue
            elif figure.key in self._pending:
                values[figure.key] = Missing(figure)
        return "\n".join(escape(p) for p in prose.paragraphs(values, self._book, self._words))

    def work_sentences(self, items: dict[str, FigureValue]) -> str:
        """A work item's own figures its text does not write, as sentences to follow it (opening plainly,
        「全年累计……」: the work item's own words have set the scene)."""
        free = {k: v for k, v in items.items() if v.source not in self.ledger}
        return escape(prose.sentences(dict(free), self._book, self._words)) if free else ""


def report_context(report: Report) -> dict[str, Any]:
    """Names every template receives."""
    level = report.region[-1] if report.region[-1] in "市县区旗州盟" else "市"
    timing = report.timing
    return {
        "单位": escape(report.unit),
        "地区": escape(report.region),
        "年度": report.year,
        "计划年度": report.plan_year,
        "级别": level,
        "全域": "全" + level,
        "条目样式": report.item_style,
        "成文日期": report.date or "",
        "报告期": timing.period.label,
        "期末": timing.stock,
        "期间": timing.flow,
        "总结期": timing.summary_name,
        "计划期": timing.plan_name,
        "年报": timing.period.annual,
    }


def fill(text: str | None, figures: FigureSet) -> str:
    """The county's text, escaped, with each {键} replaced by that figure as the draft prints it."""
    if not text:
        return ""

    def value(m: re.Match[str]) -> str:
        shown: Any = figures.reference(m.group(1))
        attributes = [a for a in m.group(2).split(".") if a]  # {键.数值} {键.上年.数值} {键.同比}
        for attribute in attributes[:-1] if attributes[-1:] == ["数值"] else attributes:
            shown = getattr(shown, attribute) if shown is not None else None
            shown = None if isinstance(shown, NoValue) else shown
        if shown is None and "上年" in attributes:
            # Last year's figure the county did not give: a gap to fill, not a sentence without its number.
            gap = f"【待补充：{m.group(1)}（上年）】"
            return gap if attributes[-1:] == ["数值"] else gap + figures.reference(m.group(1)).单位
        if (
            isinstance(shown, FigureValue | Missing)
            and not attributes
            and text.startswith(("余", "多"), m.end())
        ):
            # 「{推送信息}余条」: the county wrote 余 and the unit after the reference; the number goes alone.
            rest = text[m.end() + 1 :]
            scale = rest[:1] if rest[:1] in ("万", "亿") else None
            if rest.removeprefix(scale or "").startswith(split_scale(shown.单位)[1]):
                return str(shown.number_in(scale))
        if shown is not None and attributes[-1:] == ["数值"]:
            # The text after 「{键.数值}」 may count in 万 or 亿 (「余万元」): the number is counted so too.
            follows = _SCALE_AFTER.match(text, m.end())
            return str(shown.number_in(follows.group(1) if follows else None))
        return "" if shown is None else str(shown)

    # Punctuation is made full-width around the references, never inside them: a 自定指标 named
    # 「助联体(县级)」 is looked up by the name the county typed.
    pieces, last = [], 0
    for m in REFERENCE.finditer(text):
        pieces += [full_width(text[last : m.start()]), value(m)]
        last = m.end()
    return escape("".join([*pieces, full_width(text[last:])]))


def referenced(section: Any) -> set[str]:
    """The catalogue figures (new keys) whose value the section's own text writes with {键} or {键.数值}.

    {键.同比} and {键.上年} write a comparison or last year's number, not the figure: the standard
    sentences still write it (else a 同比 with no 上年 would leave the figure written nowhere)."""
    texts = [f"{w.title or ''}{w.content or ''}" for w in getattr(section, "work", [])]
    texts += list(getattr(section, "goals", []))
    names = {m.group(1) for text in texts for m in _NAMES.finditer(text) if _writes_value(m.group(0))}
    custom = set(getattr(section, "custom", {}))
    return {f.key for n in names - custom if (f := catalogue.figure(n)) is not None}


def _writes_value(braces: str) -> bool:
    """Whether a reference such as 「{键}」 or 「{键.数值}」 prints this year's value."""
    found = REFERENCE.fullmatch(braces)
    return found is None or found.group(2) in ("", ".数值")


def section_context(
    report: Report,
    part: str,
    topic_key: str,
    title: str,
    book: prose.Phrasebook | None = None,
    position: int = 0,
) -> dict[str, Any]:
    """Names a topic template receives on top of :func:`report_context`; ``position`` is the section's
    place in its part (neighbouring sections word their figures' openings differently)."""
    section = report.section(part, topic_key)
    topic = catalogue.topic(topic_key)
    base = report_context(report)
    words = prose.Words(
        base["期末"],
        base["期间"],
        base["全域"],
        plan=part == "计划",
        year=report.year,
        variant=position,
    )
    items = list(getattr(section, "work", []))
    work_figures: dict[str, tuple[FigureData, str]] = {}
    for i, item in enumerate(items, 1):
        for key, data in figure_values(item).items():
            work_figures[key] = (data, figure_source(part, topic_key, key, i))
    figures = FigureSet(
        topic,
        figure_values(section),
        f"{part}/{topic_key}",
        getattr(section, "custom", {}),
        work=work_figures,
        book=book,
        words=words,
        pending=set(pending_values(section)),
    )
    figures.elsewhere |= referenced(section)
    work = [{"标题": fill(w.title, figures), "内容": fill(w.content, figures)} for w in items]
    goals = [fill(g, figures) for g in getattr(section, "goals", [])]
    for entry, item in zip(work, items, strict=True):
        own = {k: figures.reference(k) for k in figure_values(item)}
        extra = figures.work_sentences({k: v for k, v in own.items() if isinstance(v, FigureValue)})
        if extra:
            entry["内容"] = f"{entry['内容']}{extra}" if entry["内容"] else extra
    return {
        **base,
        "部分": part,
        "专题": topic_key,
        "标题": title,
        "指标": figures,
        "工作": work,
        "目标": goals,
        "标准句式": getattr(section, "standard", True),
    }
