"""Checks a reviewer would otherwise do by hand. They give warnings, never errors: the figures may be right."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.data import catalogue
from generator.data.numbers import plain, scaled
from generator.data.schema import FigureData, Report, figure_values


@dataclass(frozen=True)
class Finding:
    """One thing to double-check: the figures concerned (sources like 总结/社会救助/低保人数) and why."""

    sources: tuple[str, ...]
    message: str


def review(report: Report) -> list[Finding]:
    """Every warning for the county's figures, in topic order."""
    rules = catalogue.checks()
    warnings: list[Finding] = []
    for part in catalogue.PARTS:
        for topic in catalogue.topics():
            section = report.section(part, topic.key)
            values = {k: (v, f"{part}/{topic.key}/{k}") for k, v in figure_values(section).items()}
            for i, work in enumerate(getattr(section, "work", []), 1):
                values |= {k: (v, f"{part}/{topic.key}/工作/{i}/{k}") for k, v in figure_values(work).items()}
            if values:
                warnings += _topic_warnings(_Topic(values), rules)
    return warnings


class _Topic:
    """One section's figures (its 指标 and its work items'), with helpers to name, show and compare them."""

    def __init__(self, given: dict[str, tuple[FigureData, str]]) -> None:
        self.values = {k: v for k, (v, _) in given.items()}
        self.sources = {k: s for k, (_, s) in given.items()}

    def src(self, key: str) -> str:
        return self.sources[key]

    def figure(self, key: str) -> catalogue.Figure:
        return catalogue.figures()[key]

    def shown(self, key: str) -> str:
        data = self.values[key]
        return scaled(data.value, data.unit_of(self.figure(key)))

    def base(self, key: str) -> Decimal:
        """The value in its unit group's base unit (元, 元/人·年, 人): like compares with like."""
        return self.values[key].in_base(self.figure(key))

    def comparable(self, *keys: str) -> bool:
        groups = [self.figure(k).units() for k in keys]
        return all(g == groups[0] for g in groups)


def _topic_warnings(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    return [*_part_of_whole(t), *_single_figures(t, rules), *_per_person(t, rules)]


def _part_of_whole(t: _Topic) -> list[Finding]:
    """A part larger than its whole, or parts adding up to more (the catalogue's splits)."""
    found = []
    for whole in list(t.values):
        for split in t.figure(whole).parts:
            given = [k for k in split if k in t.values and t.comparable(whole, k)]
            for key in given:
                if t.base(key) > t.base(whole):
                    found.append(
                        Finding(
                            (t.src(key), t.src(whole)),
                            f"{key}（{t.shown(key)}）大于{whole}（{t.shown(whole)}）",
                        )
                    )
            if len(given) >= 2 and sum(t.base(k) for k in given) > t.base(whole):
                sources = (t.src(whole), *map(t.src, given))
                found.append(Finding(sources, f"{'+'.join(given)}之和大于{whole}（{t.shown(whole)}）"))
    return found


def _single_figures(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    found = []
    for key, data in t.values.items():
        figure = t.figure(key)
        if figure.kind == "rate" and data.value > 100:
            found.append(Finding((t.src(key),), f"{key}为{t.shown(key)}，超出0–100%的范围"))
        unit = data.unit_of(figure)
        if unit.endswith("·月") and data.value > rules["monthly_max"]:
            found.append(
                Finding(
                    (t.src(key),),
                    f"{key}为{t.shown(key)}，像是年标准；月标准请除以12，或写成「{plain(data.value)}元/人·年」",
                )
            )
        if unit.endswith("·年") and figure.kind == "standard" and data.value <= rules["monthly_max"]:
            found.append(Finding((t.src(key),), f"{key}为{t.shown(key)}，像是月标准；请核对单位"))
        elif unit.endswith("·年") and "月" in key:  # 「农村低保月人均补助: 3832.03元/人·年」
            found.append(
                Finding(
                    (t.src(key),),
                    f"{key}是按月的数，这里写的是{t.shown(key)}（每人每年）；草稿会写「月人均……每人每年」，"
                    f"请换算成每月的数（除以12）或核对单位",
                )
            )
        if unit == "元" and figure.unit == "万元" and data.value >= rules["yuan_max"]:
            found.append(
                Finding(
                    (t.src(key),),
                    f"{key}写成了「{plain(data.value)}元」，草稿照写；报告中这样大的金额通常写作万元，"
                    f"如「{plain((data.value / 10000).quantize(Decimal('0.01')))}万元」",
                )
            )
        if data.prev and figure.kind != "rate":
            change = abs(data.value - data.prev) / data.prev * 100
            if change > rules["change_max"]:
                found.append(
                    Finding(
                        (t.src(key),),
                        f"{key}与上年相比变化{plain(change.quantize(Decimal('0.1')))}%"
                        f"（上年{scaled(data.prev, data.unit_of(figure))}，本年{t.shown(key)}），请核对",
                    )
                )
    return found


def _per_person(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    found = []
    for rule in rules["per_person"]:
        amount, people = rule["amount"], [p for p in rule["people"] if p in t.values]
        if amount not in t.values or not people:
            continue
        count = sum(t.base(p) for p in people)
        if count == 0:
            continue
        figure = t.figure(amount)
        each = t.base(amount) / count
        if not rule["min"] <= each <= rule["max"]:
            found.append(
                Finding(
                    (t.src(amount), *map(t.src, people)),
                    f"{rule['what']}约{plain(each.quantize(Decimal(1)))}元，不在常见范围"
                    f"（{rule['min']}–{rule['max']}元）内；请核对金额单位（{t.values[amount].unit_of(figure)}）和人数",
                )
            )
    return found
