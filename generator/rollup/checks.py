"""What a city's clerk would otherwise check by hand while adding up, each a finding at file:line:
parts larger than their total, a 户 count above its 人 count, a county 10× off the others' median for a
per-head figure, a county whose period or cutoff is not the others'."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.data import catalogue
from generator.data.numbers import plain
from generator.rollup.read import County

FACTOR = 10  # a county this many times above (or below) the others' median is off by a unit


@dataclass(frozen=True)
class Finding:
    """One thing to check, where it is."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def common_timing(counties: Sequence[County]) -> tuple[int, str, str] | None:
    """The 年度, 报告期 and 统计截止 most counties share (the first county's on a tie)."""
    counts = Counter(c.timing for c in counties)
    if not counts:
        return None
    top = max(counts.values())
    return next(c.timing for c in counties if counts[c.timing] == top)


def timing(county: County, common: tuple[int, str, str]) -> Finding | None:
    """A county whose period is not the others': its figures would not add up with theirs."""
    if county.timing == common:
        return None
    year, period, cutoff = common
    return Finding(
        county.path,
        county.timing_line,
        f"{county.region}的报告期为{county.period_words}，其他县区为{year}年{period}（统计截止{cutoff}）；"
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


def per_head(counties: Sequence[County]) -> list[Finding]:
    """A county's standard, or its amount per person, 10× off the median of the other counties."""
    found = []
    for figure in catalogue.figures().values():
        if figure.period == "水平" and figure.kind == "standard":
            given = [(c, c.figures[figure.key].base) for c in counties if figure.key in c.figures]
            for county, median in _outliers(given):
                value = county.figures[figure.key]
                found.append(
                    Finding(
                        county.path,
                        value.line,
                        f"{county.region}的{figure.key}（{value.text}）"
                        + _off(value.base, median, _median_text(median, figure))
                        + "；请核对数字和单位（月标准与年标准、元与万元）",
                    )
                )
    for rule in catalogue.checks()["per_person"]:
        given = []
        for county in counties:
            people = [county.figures[p].base for p in rule["people"] if p in county.figures]
            if rule["amount"] in county.figures and people and sum(people) > 0:
                given.append((county, county.figures[rule["amount"]].base / sum(people)))
        for county, median in _outliers(given):
            amount = county.figures[rule["amount"]]
            each = next(v for c, v in given if c is county)
            found.append(
                Finding(
                    county.path,
                    amount.line,
                    f"{county.region}的{rule['what']}约{_round(each)}元（{rule['amount']}{amount.text}），"
                    + _off(each, median, f"约{_round(median)}元")
                    + "；请核对金额的单位（元与万元）和人数",
                )
            )
    return found


def _outliers(given: list[tuple[County, Decimal]]) -> list[tuple[County, Decimal]]:
    """The counties whose value is 10× off the median of the others' (each with that median)."""
    found = []
    for i, (county, value) in enumerate(given):
        others = [v for j, (_, v) in enumerate(given) if j != i]
        if len(others) < 2:
            continue
        median = statistics.median(others)
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
