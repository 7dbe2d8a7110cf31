"""Checks a reviewer would otherwise do by hand. They give warnings, never errors: the figures may be right."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.data import catalogue
from generator.data.numbers import WAN, plain, scaled
from generator.data.schema import FigureData, Report, figure_values


@dataclass(frozen=True)
class Finding:
    """One thing to double-check: the figures concerned (sources like 总结/社会救助/低保人数) and why."""

    sources: tuple[str, ...]
    message: str


def _in_yuan(figure: catalogue.Figure, value: Decimal) -> Decimal:
    return value * WAN if figure.unit.startswith("万") else value


def review(report: Report) -> list[Finding]:
    """Every warning for the county's figures, in topic order."""
    rules = catalogue.checks()
    warnings: list[Finding] = []
    for part in catalogue.PARTS:
        for topic in catalogue.topics():
            values = figure_values(report.section(part, topic.key))
            if values:
                warnings += _topic_warnings(part, topic, values, rules)
    return warnings


class _Topic:
    """One topic's figures with helpers to name and show them."""

    def __init__(self, part: str, topic: catalogue.Topic, values: dict[str, FigureData]) -> None:
        self.part, self.topic, self.values = part, topic, values

    def src(self, key: str) -> str:
        return f"{self.part}/{self.topic.key}/{key}"

    def figure(self, key: str) -> catalogue.Figure:
        figure = self.topic.figure(key)
        assert figure is not None
        return figure

    def shown(self, key: str) -> str:
        return scaled(self.values[key].value, self.figure(key).unit)


def _topic_warnings(
    part: str, topic: catalogue.Topic, values: dict[str, FigureData], rules: dict[str, Any]
) -> list[Finding]:
    t = _Topic(part, topic, values)
    return [*_part_of_whole(t, rules), *_single_figures(t, rules), *_per_person(t, rules)]


def _part_of_whole(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    found = []
    for rule in rules["parts"]:
        whole = rule["whole"]
        if whole not in t.values:
            continue
        given = [k for k in rule["parts"] if k in t.values]
        for key in given:
            if t.values[key].value > t.values[whole].value:
                found.append(
                    Finding(
                        (t.src(key), t.src(whole)), f"{key}（{t.shown(key)}）大于{whole}（{t.shown(whole)}）"
                    )
                )
        if len(given) >= 2 and sum(t.values[k].value for k in given) > t.values[whole].value:
            sources = (t.src(whole), *map(t.src, given))
            found.append(Finding(sources, f"{'+'.join(given)}之和大于{whole}（{t.shown(whole)}）"))
    return found


def _single_figures(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    found = []
    for key, data in t.values.items():
        figure = t.figure(key)
        if figure.kind == "rate" and data.value > 100:
            found.append(Finding((t.src(key),), f"{key}为{t.shown(key)}，超出0–100%的范围"))
        if figure.unit.endswith("·月") and data.value > rules["monthly_max"]:
            found.append(Finding((t.src(key),), f"{key}为{t.shown(key)}，像是年标准；月标准请除以12"))
        if data.prev and figure.kind != "rate":
            change = abs(data.value - data.prev) / data.prev * 100
            if change > rules["change_max"]:
                found.append(
                    Finding(
                        (t.src(key),),
                        f"{key}与上年相比变化{plain(change.quantize(Decimal('0.1')))}%"
                        f"（上年{scaled(data.prev, figure.unit)}，本年{t.shown(key)}），请核对",
                    )
                )
    return found


def _per_person(t: _Topic, rules: dict[str, Any]) -> list[Finding]:
    found = []
    for rule in rules["per_person"]:
        amount, people = rule["amount"], [p for p in rule["people"] if p in t.values]
        if amount not in t.values or not people:
            continue
        count = sum(t.values[p].value for p in people)
        if count == 0:
            continue
        figure = t.figure(amount)
        each = _in_yuan(figure, t.values[amount].value) / count
        if not rule["min"] <= each <= rule["max"]:
            found.append(
                Finding(
                    (t.src(amount), *map(t.src, people)),
                    f"{rule['what']}约{plain(each.quantize(Decimal(1)))}元，不在常见范围"
                    f"（{rule['min']}–{rule['max']}元）内；请核对金额单位（{figure.unit}）和人数",
                )
            )
    return found
