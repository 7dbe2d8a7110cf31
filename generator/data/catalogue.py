"""The topic and figure catalogue: which topics a report has, the typed figures of each, their units,
splits and old names (generator/data/catalogue.yaml, grounded in the official 民政 statistics)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")
PARTS = ("总结", "计划")
GENERAL = "综合"  # the topic of a heading that groups several topics
KINDS = ("count", "amount", "standard", "rate", "quantity")
PERIODS = ("存量", "流量", "水平")  # stock at the period's end, flow over the period, a level
ROLES = ("标准", "对象", "资金", "服务")  # the order a report states a topic's figures in


@dataclass(frozen=True)
class Figure:
    """One typed figure of a topic, e.g. 城市低保标准 in 元/人·月, a level."""

    key: str
    name: str
    unit: str
    kind: str
    help: str
    example: float | int
    topic: str
    period: str = "流量"
    role: str = "服务"
    official: str | None = None
    parts: tuple[tuple[str, ...], ...] = ()
    households: str | None = None
    also: tuple[str, ...] = ()
    old: dict[str, str | None] = field(default_factory=dict, hash=False, compare=False)

    @property
    def whole(self) -> bool:
        """Counts are whole numbers; everything else may carry decimals."""
        return self.kind == "count"

    @property
    def description(self) -> str:
        """The help text clerks read: the official name first, when there is one."""
        if self.official:
            return f"统计指标「{self.official}」：{self.help}"
        return self.help

    def units(self) -> dict[str, Decimal]:
        """Every unit this figure may be given in, with its factor to a common base unit."""
        group = next((g for g in unit_groups() if self.unit in g), {self.unit: Decimal(1)})
        factor = group[self.unit]
        units = dict(group)
        for also in self.also:  # a synonym brings its own group along: 人 brings 名
            other = next((g for g in unit_groups() if also in g), {also: Decimal(1)})
            units |= {u: factor * f / other[also] for u, f in other.items() if u not in units}
        if self.kind == "standard" and "元" not in units:
            units["元"] = factor  # 「标准950元」
        return units


@dataclass(frozen=True)
class Topic:
    """A canonical topic such as 社会救助."""

    key: str
    id: str
    heading: dict[str, str]
    keywords: tuple[str, ...]
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def _parse() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
    data: dict[str, Any] = yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=loader)
    return data


@cache
def _raw() -> dict[str, Any]:
    # Read at every start: kept parsed between runs, keyed by its text.
    from generator import cache as kept

    data: dict[str, Any] = kept.remembered("catalogue", kept.digest(CATALOGUE_FILE), _parse)
    return data


def checks() -> dict[str, Any]:
    """The reviewer's checks (plausible per-person amounts, …)."""
    rules: dict[str, Any] = _raw()["checks"]
    return rules


@cache
def unit_groups() -> tuple[dict[str, Decimal], ...]:
    """Units that convert exactly, each with its factor to the group's first unit."""
    return tuple({u: Decimal(str(f)) for u, f in g.items()} for g in _raw()["units"])


def _figure(topic: str, raw: dict[str, Any]) -> Figure:
    return Figure(
        topic=topic,
        **{k: v for k, v in raw.items() if k not in ("parts", "also", "old")},
        parts=tuple(tuple(p) for p in raw.get("parts", ())),
        also=tuple(raw.get("also", ())),
        old=dict(raw.get("old", {})),
    )


# Topics and figures a template folder adds in its 专题.yaml (generator.office.topics): merged into the
# catalogue while that folder is in use, never written into catalogue.yaml.
_office: tuple[Topic, ...] = ()


def use_office(extra: tuple[Topic, ...]) -> None:
    """Make ``extra`` (an office's own topics, or figures of built-in ones) part of the catalogue; ``()``
    goes back to the built-in one. Every cached answer built from the catalogue is dropped on a change."""
    global _office
    if extra == _office:
        return
    _office = extra
    import sys

    for name, module in list(sys.modules.items()):
        if name == "generator" or name.startswith("generator."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", None) == name:
                    clear()


def office_topics() -> tuple[Topic, ...]:
    """What the template folder in use adds (its own topics, and figures it adds to built-in ones)."""
    return _office


@cache
def topics() -> tuple[Topic, ...]:
    """All canonical topics, in catalogue order, then the office's own (an office's figures of a built-in
    topic follow that topic's)."""
    result = list(_builtin_topics())
    for extra in _office:
        at = next((i for i, t in enumerate(result) if t.key == extra.key), None)
        if at is None:
            result.append(extra)
        else:
            result[at] = Topic(**{**vars(result[at]), "figures": result[at].figures + extra.figures})
    return tuple(result)


@cache
def _builtin_topics() -> tuple[Topic, ...]:
    result = []
    for t in _raw()["topics"]:
        figures = tuple(_figure(t["key"], f) for f in t["figures"])
        result.append(
            Topic(
                key=t["key"], id=t["id"], heading=t["heading"], keywords=tuple(t["keywords"]), figures=figures
            )
        )
    return tuple(result)


def topic(key: str) -> Topic:
    """The topic named ``key`` (a canonical Chinese name)."""
    for t in topics():
        if t.key == key:
            return t
    raise KeyError(key)


def topic_keys() -> list[str]:
    return [t.key for t in topics()]


@cache
def figures() -> dict[str, Figure]:
    """Every figure of every topic by its key (keys are unique over the catalogue)."""
    return {f.key: f for t in topics() for f in t.figures}


def figure(key: str) -> Figure | None:
    """The figure whose key (or old key) is ``key``."""
    return figures().get(key) or old_keys().get(key)


@cache
def old_keys() -> dict[str, Figure]:
    """Old keys that still work, with the figure each now names."""
    return {old: f for f in figures().values() for old in f.old}


def wholes(key: str) -> tuple[Figure, ...]:
    """The figures that have ``key`` among their parts."""
    return _wholes().get(key, ())


@cache
def _wholes() -> dict[str, tuple[Figure, ...]]:
    # Asked for every figure of every draft: indexed once, not a scan of the catalogue each time.
    found: dict[str, list[Figure]] = {}
    for f in figures().values():
        for part in dict.fromkeys(k for split in f.parts for k in split):
            found.setdefault(part, []).append(f)
    return {part: tuple(whole) for part, whole in found.items()}
