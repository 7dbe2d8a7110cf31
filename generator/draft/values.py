"""Figures as templates print them: a given figure (marked with where it came from, in the unit the
clerk gave it), a missing one (a highlighted 【待补充】), or one the county's own text already writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.data import catalogue
from generator.data.numbers import in_scale, shown, split_scale
from generator.data.schema import FigureData
from generator.draft import phrasing
from generator.draft.markup import mark

Ledger = set[str]  # sources of the figures a template has printed so far


@dataclass(frozen=True)
class FigureValue:
    """A figure the county gave. Prints as 3.41万人 (marked with where it came from)."""

    figure: catalogue.Figure
    data: FigureData
    source: str  # 总结/社会救助/城市低保标准
    ledger: Ledger | None = field(default=None, compare=False, repr=False)

    def _printed(self) -> None:
        if self.ledger is not None:
            self.ledger.update(self.source.split("|"))  # a shared value (城乡 standard) has several

    @property
    def unit(self) -> str:
        """The unit the clerk gave it in (the catalogue's for a bare number)."""
        return self.data.unit_of(self.figure)

    def plain_text(self, value: Decimal | None = None) -> str:
        """The number with its unit, unmarked: as the clerk typed it, or (a bare number) report style."""
        number = self.data.value if value is None else value
        return shown(number, self.unit, self.data.scale, self.data.written)

    def __str__(self) -> str:
        self._printed()
        if self.figure.kind == "standard" or phrasing.per_person(
            self.unit
        ):  # one form in every report: 每人每月694元
            return mark(self.source, phrasing.standard_raise(self.data.value, None, self.unit))
        return mark(self.source, self.plain_text())

    def marked(self, text: str) -> str:
        """``text`` (this figure in words of the caller's own) marked as this figure, and counted as printed."""
        self._printed()
        return mark(self.source, text)

    def __bool__(self) -> bool:
        return True

    @property
    def 名称(self) -> str:  # template-facing names are Chinese
        return self.figure.key

    @property
    def 数值(self) -> str:
        """The number without its unit, keeping the 万 or 亿 it is written with: 3.41万 of 3.41万人,
        84.326万 of 84.326万元, 2.37亿 of 2.37亿元 (so that 「{键.数值}元」 stays true)."""
        return self.number_in(None, keep=True)

    def number_in(self, scale: str | None, *, keep: bool = False) -> str:
        """The number for text that goes on with ``scale`` (「{键.数值}万元」, 「{键.数值}余万人次」): counted
        in 万 or 亿 then, so that the text around it stays true; ``keep``: with its own 万/亿 word."""
        self._printed()
        if keep or scale is None:
            _, base_unit = split_scale(self.unit)
            text = self.plain_text()
            text = text.removesuffix(base_unit) if text.endswith(base_unit) else text.removesuffix(self.unit)
            return mark(self.source, text)
        return mark(self.source, in_scale(self.data.value, self.unit, scale))

    @property
    def 单位(self) -> str:
        return self.unit

    @property
    def 上年(self) -> FigureValue | NoValue:
        if self.data.prev is None:
            return NO_VALUE
        data = FigureData(
            value=self.data.prev, unit=self.data.unit, scale=self.data.scale, written=self.data.written
        )
        return FigureValue(self.figure, data, self.source + "@上年")

    @property
    def 同比(self) -> str:
        """ "，较上年增加674对，增长18.5%" when last year's figure is known, else ""."""
        text = phrasing.year_over_year(self.data.value, self.data.prev, self.unit, self._change_text)
        return "，" + mark(self.source + "@同比", text) if text else ""

    def _change_text(self, change: Decimal) -> str:
        """A change from last year in this figure's unit; a standard's in money: 50元, not 50元/人·月."""
        if phrasing.per_person(self.unit):
            return shown(change, self.unit.split("/", 1)[0], self.data.scale, self.data.written)
        return self.plain_text(change)

    @property
    def 提标(self) -> str:
        """A standard: "由每人每月520元提高到570元" (or "每人每月570元" when last year's is unknown)."""
        self._printed()
        return mark(self.source, phrasing.standard_raise(self.data.value, self.data.prev, self.unit))

    def standard(self, plan: bool = False) -> str:
        """A standard in a sentence: 每人每月694元, 由每人每月650元提高到694元, or (a plan) 提高到每人每月720元
        (one form in every report, whatever unit the clerk typed: 6252元/人·年 is 每人每年6252元)."""
        self._printed()
        if plan:
            return "提高到" + mark(self.source, phrasing.standard_raise(self.data.value, None, self.unit))
        return mark(self.source, phrasing.standard_raise(self.data.value, self.data.prev, self.unit))


class NoValue:
    """Last year's figure the county did not give (``指标.X.上年``): false in a template's ``if``, and prints
    nothing, as does anything asked of it."""

    def __str__(self) -> str:
        return ""

    def __bool__(self) -> bool:
        return False

    数值 = ""
    单位 = ""
    同比 = ""
    提标 = ""

    @property
    def 上年(self) -> NoValue:
        return self


NO_VALUE = NoValue()


@dataclass(frozen=True)
class Missing:
    """A figure a template needs but the county did not give: prints as a highlighted placeholder."""

    figure: catalogue.Figure

    def __str__(self) -> str:
        # A standard as every other is written, 「每人每月【待补充：…】元」, never 「【待补充：…】元/人·月」.
        per = phrasing.per_person(self.figure.unit)
        unit = self.figure.unit.split("/", 1)[0] if per else self.figure.unit
        return f"{per}【待补充：{self.figure.key}】{unit}"

    def __bool__(self) -> bool:
        return False

    @property
    def 名称(self) -> str:
        return self.figure.key

    @property
    def 数值(self) -> str:
        return f"【待补充：{self.figure.key}】"

    def number_in(self, scale: str | None, *, keep: bool = False) -> str:  # noqa: ARG002 (same call as FigureValue)
        return self.数值

    @property
    def 单位(self) -> str:
        return self.figure.unit

    上年 = NO_VALUE
    同比 = ""

    @property
    def 提标(self) -> str:
        return str(self)

    def standard(self, plan: bool = False) -> str:
        return ("提高到" if plan else "") + str(self)


@dataclass(frozen=True)
class Elsewhere:
    """A figure the county's own text (a work item) already writes: the standard sentences leave it out,
    so that no figure is written twice. False in a template's ``if``, and prints nothing."""

    figure: catalogue.Figure

    def __str__(self) -> str:
        return ""

    def __bool__(self) -> bool:
        return False

    @property
    def 名称(self) -> str:
        return self.figure.key

    数值 = ""
    上年 = NO_VALUE
    同比 = ""
    提标 = ""

    @property
    def 单位(self) -> str:
        return self.figure.unit
