"""Add up the counties' figures: 存量 and 流量 summed exactly in the unit most counties typed, 水平 figures
(standards, rates, per-head amounts) never summed but given as a range, 上年 summed only when every
contributing county gave one, a figure some counties left out never made a total."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from functools import cached_property

from generator.data import catalogue
from generator.data.numbers import shown
from generator.rollup.read import County, Style, Value


@dataclass(frozen=True)
class Total:
    """One catalogue figure over the counties that gave it."""

    figure: catalogue.Figure
    values: tuple[Value, ...]  # in county order
    missing: tuple[str, ...]  # counted counties that did not give it

    @property
    def level(self) -> bool:
        """A standard, rate or per-head amount: never summed."""
        return self.figure.period == "水平"

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def counted(self) -> int:
        return len(self.values) + len(self.missing)

    @cached_property
    def base(self) -> Decimal:
        return sum((v.base for v in self.values), Decimal(0))

    @property
    def prev_base(self) -> Decimal | None:
        """Last year's total, when every county that gave this year's figure gave last year's too."""
        if any(v.prev_base is None for v in self.values):
            return None
        return sum((v.prev_base for v in self.values if v.prev_base is not None), Decimal(0))

    @cached_property
    def style(self) -> Style:
        """The way most counties typed the figure (the catalogue's bare unit on a tie)."""
        counts = Counter(v.style for v in self.values)
        top = max(counts.values())
        bare = Style(self.figure.unit, None, False)
        if counts.get(bare) == top:
            return bare
        style = next(v.style for v in self.values if counts[v.style] == top)
        if in_unit(self.base, self.figure, style.unit) is None:
            return bare  # not exact in that unit (never with 元, 万元, 亿元 or 人): the catalogue's
        return style

    def amount(self, base: Decimal | None = None) -> Decimal:
        """The total (or ``base``) in the unit of :attr:`style`."""
        number = in_unit(self.base if base is None else base, self.figure, self.style.unit)
        assert number is not None  # style checked it
        return number

    def text(self) -> str:
        """The total as the city's draft would show it."""
        style = self.style
        return shown(self.amount(), style.unit, style.scale, style.written)

    def lowest(self) -> Value:
        return min(self.values, key=lambda v: v.base)

    def highest(self) -> Value:
        return max(self.values, key=lambda v: v.base)


def in_unit(base: Decimal, figure: catalogue.Figure, unit: str) -> Decimal | None:
    """``base`` (in the unit group's base) in ``unit``, or None when not exact."""
    with localcontext() as exact:
        exact.traps[Inexact] = True
        exact.prec = 60
        try:
            return base / figure.units()[unit]
        except Inexact:
            return None


def add_up(counties: Sequence[County]) -> list[Total]:
    """Every figure of 总结 some county gave, in catalogue order."""
    found: dict[str, list[Value]] = {}
    for county in counties:
        for key, value in county.figures.items():
            found.setdefault(key, []).append(value)
    totals = []
    for key, figure in catalogue.figures().items():
        if key in found:
            given = {v.region for v in found[key]}
            missing = tuple(c.region for c in counties if c.region not in given)
            totals.append(Total(figure, tuple(found[key]), missing))
    return totals
