"""What a city's clerk would otherwise check by hand while adding up, each a finding at file:line:
parts larger than their total, a 户 count above its 人 count, a county 10× off the others' median for a
per-head figure, a county whose period or cutoff is not the others'."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.data import catalogue
from generator.data.numbers import plain
from generator.rollup.read import County, Value, period_words
from generator.rollup.store import Row, Store, Timing

FACTOR = 10  # a county this many times above (or below) the others' median is off by a unit


@dataclass(frozen=True)
class Finding:
    """One thing to check, where it is."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def timing(county: Row, common: Timing) -> Finding | None:
    """A county whose period is not the others': its figures would not add up with theirs."""
    if county.timing == common:
        return None
    year, period, cutoff = common
    return Finding(
        county.path,
        county.timing_line,
        f"{county.region}的报告期为{period_words(county.timing)}，其他县区为{year}年{period}（统计截止{cutoff}）；"
        "时段不同的数字不能相加，未计入合计（改正后重新汇总）",
    )


def parts(county: County) -> list[Finding]:
    """A part larger than its total, or parts adding up to more (城市 + 农村 > 合计)."""
    found = []
    values = county.figures
    for key, whole in values.items():
        for split in catalogue.figures()[key].parts:
            given = [k for k in split if k in values and _comparable(key, k)]
            big = [k for k in given if values[k].base > whole.base]
            found += [
                Finding(
                    county.path,
                    values[k].line,
                    f"{county.region}的{k}（{values[k].text}）大于{key}（{whole.text}，第{whole.line}行）",
                )
                for k in big
            ]
            if not big and len(given) >= 2 and sum(values[k].base for k in given) > whole.base:
                shown = "+".join(f"{k}（{values[k].text}）" for k in given)
                found.append(
                    Finding(county.path, whole.line, f"{county.region}的{shown}之和大于{key}（{whole.text}）")
                )
    return found


def _comparable(a: str, b: str) -> bool:
    figures = catalogue.figures()
    return figures[a].units() == figures[b].units()


def households(county: County) -> list[Finding]:
    """A 户 count above the 人 count of the same people (4829户 can hold no fewer than 4829人)."""
    found = []
    for key, people in county.figures.items():
        home = catalogue.figures()[key].households
        held = county.figures.get(home) if home else None
        if held is not None and held.base > people.base:
            found.append(
                Finding(
                    county.path,
                    held.line,
                    f"{county.region}的{home}（{held.text}）大于{key}（{people.text}，第{people.line}行）；户数不会多于人数",
                )
            )
    return found


def per_head(store: Store) -> Iterator[Finding]:
    """A county's standard, or its amount per person, 10× off the median of the other counties."""
    for figure in catalogue.figures().values():
        if figure.period == "水平" and figure.kind == "standard":
            given = [(row.id, value.base) for row, value in store.values(figure.key)]
            for county, median in _outliers(given):
                row, value = _value(store, figure.key, county)
                yield Finding(
                    row.path,
                    value.line,
                    f"{row.region}的{figure.key}（{value.text}）"
                    + _off(value.base, median, _median_text(median, figure))
                    + "；请核对数字和单位（月标准与年标准、元与万元）",
                )
    for rule in catalogue.checks()["per_person"]:
        given = []
        for row, values in store.bases([rule["amount"], *rule["people"]]):
            people = [values[p].base for p in rule["people"] if p in values]
            if rule["amount"] in values and people and sum(people) > 0:
                given.append((row.id, values[rule["amount"]].base / sum(people)))
        each = dict(given)
        for county, median in _outliers(given):
            row, amount = _value(store, rule["amount"], county)
            yield Finding(
                row.path,
                amount.line,
                f"{row.region}的{rule['what']}约{_round(each[county])}元（{rule['amount']}{amount.text}），"
                + _off(each[county], median, f"约{_round(median)}元")
                + "；请核对金额的单位（元与万元）和人数",
            )


def _value(store: Store, key: str, county: int) -> tuple[Row, Value]:
    return next((row, values[key]) for row, values in store.bases([key]) if row.id == county)


def _outliers(given: list[tuple[int, Decimal]]) -> list[tuple[int, Decimal]]:
    """The counties whose value is 10× off the median of the others' (each with that median): the values
    sorted once, the median without one of them read off at its rank."""
    order = sorted(range(len(given)), key=lambda i: given[i][1])
    ranked = [given[i][1] for i in order]
    rank = {i: r for r, i in enumerate(order)}
    found = []
    others = len(given) - 1
    if others < 2:
        return []
    for i, (county, value) in enumerate(given):

        def at(k: int, skip: int = rank[i]) -> Decimal:
            return ranked[k if k < skip else k + 1]

        half = others // 2
        median = at(half) if others % 2 else (at(half - 1) + at(half)) / 2
        if median > 0 and (value >= median * FACTOR or value * FACTOR <= median):
            found.append((county, median))
    return found


def _off(value: Decimal, median: Decimal, median_text: str) -> str:
    if value >= median:
        return f"约为其他县区中位数（{median_text}）的{_round(value / median)}倍"
    return f"不到其他县区中位数（{median_text}）的十分之一"


def _round(number: Decimal) -> str:
    return plain(number.quantize(Decimal(1)) if number >= 10 else number.quantize(Decimal("0.1")))


def _median_text(median: Decimal, figure: catalogue.Figure) -> str:
    return f"{_round(median / figure.units()[figure.unit])}{figure.unit}"
