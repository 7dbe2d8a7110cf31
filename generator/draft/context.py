"""What templates see: figures that print report-style with their unit (or as 【待补充】), with
year-over-year phrases when last year's figure is known; work items; names of the county."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.data import catalogue
from generator.data.numbers import scaled
from generator.data.schema import REFERENCE, CustomFigure, FigureData, Report, figure_values
from generator.draft import phrasing
from generator.draft.markup import escape, full_width, mark


@dataclass(frozen=True)
class FigureValue:
    """A figure the county gave. Prints as 3.41万人 (marked with where it came from)."""

    figure: catalogue.Figure
    data: FigureData
    source: str  # 总结/社会救助/城市低保标准

    def __str__(self) -> str:
        return mark(self.source, scaled(self.data.value, self.figure.unit))

    def __bool__(self) -> bool:
        return True

    @property
    def 名称(self) -> str:  # template-facing names are Chinese
        return self.figure.key

    @property
    def 数值(self) -> str:
        """The number without its unit: 3.41万 of 3.41万人."""
        text = scaled(self.data.value, self.figure.unit)
        return mark(self.source, text.removesuffix(self.figure.unit.removeprefix("万")))

    @property
    def 单位(self) -> str:
        return self.figure.unit

    @property
    def 上年(self) -> FigureValue | None:
        if self.data.prev is None:
            return None
        return FigureValue(self.figure, FigureData(value=self.data.prev), self.source + "@上年")

    @property
    def 同比(self) -> str:
        """ "，较上年增加674对，增长18.5%" when last year's figure is known, else ""."""
        text = phrasing.year_over_year(self.data.value, self.data.prev, self.figure.unit)
        return "，" + mark(self.source + "@同比", text) if text else ""

    @property
    def 提标(self) -> str:
        """A standard: "由每人每月520元提高到570元" (or "每人每月570元" when last year's is unknown)."""
        return mark(self.source, phrasing.standard_raise(self.data.value, self.data.prev, self.figure.unit))


@dataclass(frozen=True)
class Missing:
    """A figure a template needs but the county did not give: prints as a highlighted placeholder."""

    figure: catalogue.Figure

    def __str__(self) -> str:
        return f"【待补充：{self.figure.key}】{self.figure.unit}"

    def __bool__(self) -> bool:
        return False

    @property
    def 名称(self) -> str:
        return self.figure.key

    @property
    def 数值(self) -> str:
        return f"【待补充：{self.figure.key}】"

    @property
    def 单位(self) -> str:
        return self.figure.unit

    上年 = None
    同比 = ""

    @property
    def 提标(self) -> str:
        return str(self)


class FigureSet:
    """One topic's figures: ``指标.城市低保标准`` in a template, plus ``指标.有(...)`` tests.

    The county's 自定指标 are reachable too (by their names), for references in its own text.
    """

    def __init__(
        self,
        topic: catalogue.Topic,
        values: dict[str, FigureData],
        source: str,
        custom: dict[str, CustomFigure] | None = None,
    ) -> None:
        self._topic = topic
        self._values = values
        self._source = source
        self._custom = custom or {}

    def custom(self, key: str) -> FigureValue | None:
        """A 自定指标 of the county as a printable figure."""
        given = self._custom.get(key)
        if given is None:
            return None
        figure = catalogue.Figure(key, "custom", given.unit, "quantity", "", 0, self._topic.key)
        return FigureValue(
            figure, FigureData(value=given.value, prev=given.prev), f"{self._source}/自定指标/{key}"
        )

    def reference(self, key: str) -> FigureValue | Missing:
        """What ``{key}`` in the county's text stands for."""
        return self.custom(key) or self.__getattr__(key)

    def __getattr__(self, key: str) -> Any:
        if key == "有":
            return self.any
        if key == "全有":
            return self.all
        if key == "已有":
            return [self._value(f) for f in self._topic.figures if f.key in self._values]
        figure = self._topic.figure(key)
        if figure is None:
            raise AttributeError(key)
        return self._value(figure) if figure.key in self._values else Missing(figure)

    def _value(self, figure: catalogue.Figure) -> FigureValue:
        return FigureValue(figure, self._values[figure.key], f"{self._source}/{figure.key}")

    def __getitem__(self, key: str) -> Any:
        try:
            return self.__getattr__(key)
        except AttributeError:
            raise KeyError(key) from None

    def any(self, *keys: str) -> bool:
        """True when the county gave at least one of ``keys`` (any figure when none are named)."""
        return any(k in self._values for k in (keys or self._values))

    def all(self, *keys: str) -> bool:
        """True when the county gave every one of ``keys``."""
        return all(k in self._values for k in keys)

    def __bool__(self) -> bool:
        return bool(self._values)


def report_context(report: Report) -> dict[str, Any]:
    """Names every template receives."""
    level = report.region[-1] if report.region[-1] in "市县区旗州盟" else "市"
    return {
        "单位": escape(report.unit),
        "地区": escape(report.region),
        "年度": report.year,
        "计划年度": report.plan_year,
        "级别": level,
        "全域": "全" + level,
        "条目样式": report.item_style,
        "成文日期": report.date or "",
    }


def fill(text: str | None, figures: FigureSet) -> str:
    """The county's text, escaped, with each {键} replaced by that figure as the draft prints it."""
    if not text:
        return ""

    def value(m: re.Match[str]) -> str:
        shown: Any = figures.reference(m.group(1))
        for attribute in filter(None, m.group(2).split(".")):  # {键.数值} {键.上年.数值} {键.同比}
            shown = getattr(shown, attribute) if shown is not None else None
        return "" if shown is None else str(shown)

    # Punctuation is made full-width around the references, never inside them: a 自定指标 named
    # 「助联体(县级)」 is looked up by the name the county typed.
    pieces, last = [], 0
    for m in REFERENCE.finditer(text):
        pieces += [full_width(text[last : m.start()]), value(m)]
        last = m.end()
    return escape("".join([*pieces, full_width(text[last:])]))


def section_context(report: Report, part: str, topic_key: str, title: str) -> dict[str, Any]:
    """Names a topic template receives on top of :func:`report_context`."""
    section = report.section(part, topic_key)
    topic = catalogue.topic(topic_key)
    figures = FigureSet(topic, figure_values(section), f"{part}/{topic_key}", getattr(section, "custom", {}))
    work = [
        {"标题": fill(w.title, figures), "内容": fill(w.content, figures)}
        for w in getattr(section, "work", [])
    ]
    return {
        **report_context(report),
        "部分": part,
        "专题": topic_key,
        "标题": title,
        "指标": figures,
        "工作": work,
        "目标": [fill(g, figures) for g in getattr(section, "goals", [])],
    }
