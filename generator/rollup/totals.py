"""Add up the counties' figures: 存量 and 流量 summed exactly in the unit most counties typed, 水平 figures
(standards, rates, per-head amounts) never summed but given as a range, 上年 summed only when every
contributing county gave one, a figure some counties left out never made a total. One pass over each
figure's stored values: a total keeps its sums, not the counties' values."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext

from generator.data import catalogue
from generator.data.numbers import shown
from generator.rollup.read import Style, Value
from generator.rollup.store import Store


@dataclass(frozen=True)
class Total:
    """One catalogue figure over the counted counties that gave it."""

    figure: catalogue.Figure
    given: int  # counties that gave it
    counted: int  # counties counted
    base: Decimal  # the sum, in the unit group's base
    prev_base: Decimal | None  # last year's, when every county that gave this year's gave last year's too
    prev_given: int  # counties that gave last year's
    style: Style  # the way most counties typed it (the catalogue's bare unit on a tie)
    lowest: Value  # the first county of the lowest value
    highest: Value  # the first county of the highest value

    @property
    def level(self) -> bool:
        """A standard, rate or per-head amount: never summed."""
        return self.figure.period == "水平"

    @property
    def complete(self) -> bool:
        return self.given == self.counted

    @property
    def missing(self) -> int:
        """The counted counties that did not give it."""
        return self.counted - self.given

    def amount(self, base: Decimal | None = None) -> Decimal:
        """The total (or ``base``) in the unit of :attr:`style`."""
        number = in_unit(self.base if base is None else base, self.figure, self.style.unit)
        assert number is not None  # style checked it
        return number

    def text(self) -> str:
        """The total as the city's draft would show it."""
        style = self.style
        return shown(self.amount(), style.unit, style.scale, style.written)


def in_unit(base: Decimal, figure: catalogue.Figure, unit: str) -> Decimal | None:
    """``base`` (in the unit group's base) in ``unit``, or None when not exact."""
    with localcontext() as exact:
        exact.traps[Inexact] = True
        exact.prec = 60
        try:
            return base / figure.units()[unit]
        except Inexact:
            return None


def total(figure: catalogue.Figure, values: Iterable[Value], counted: int) -> Total | None:
    """``figure`` over ``values`` (in county order), read once; None when no county gave it."""
    given = prev_given = 0
    base = prev = Decimal(0)
    styles: dict[Style, int] = {}  # in order of first appearance
    low = high = None
    for value in values:
        given += 1
        base += value.base
        if value.prev_base is not None:
            prev_given += 1
            prev += value.prev_base
        styles[value.style] = styles.get(value.style, 0) + 1
        if low is None or value.base < low.base:
            low = value
        if high is None or value.base > high.base:
            high = value
    if low is None or high is None:
        return None
    return Total(
        figure,
        given,
        counted,
        base,
        prev if prev_given == given else None,
        prev_given,
        _style(figure, styles, base),
        low,
        high,
    )


def _style(figure: catalogue.Figure, counts: dict[Style, int], base: Decimal) -> Style:
    top = max(counts.values())
    bare = Style(figure.unit, None, False)
    if counts.get(bare) == top:
        return bare
    style = next(s for s, n in counts.items() if n == top)
    if in_unit(base, figure, style.unit) is None:
        return bare  # not exact in that unit (never with 元, 万元, 亿元 or 人): the catalogue's
    return style


def add_up(store: Store, counted: int) -> list[Total]:
    """Every figure of 总结 some counted county gave, in catalogue order."""
    keys = store.keys()
    found = []
    for key, figure in catalogue.figures().items():
        if key in keys:
            made = total(figure, (v for _, v in store.values(key)), counted)
            if made is not None:
                found.append(made)
    return found
