"""The topic and figure catalogue: which topics a report has and the typed figures of each."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")
PARTS = ("总结", "计划")
GENERAL = "综合"  # the topic of a heading that groups several topics
KINDS = ("count", "amount", "standard", "rate", "quantity")


@dataclass(frozen=True)
class Figure:
    """One typed figure of a topic, e.g. 城市低保标准 in 元/人·月."""

    key: str
    name: str
    unit: str
    kind: str
    help: str
    example: float | int
    topic: str

    @property
    def whole(self) -> bool:
        """Counts are whole numbers; everything else may carry decimals."""
        return self.kind == "count"


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


@cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return data


def checks() -> dict[str, Any]:
    """The reviewer's checks (parts of a whole, plausible per-person amounts, …)."""
    rules: dict[str, Any] = _raw()["checks"]
    return rules


@cache
def topics() -> tuple[Topic, ...]:
    """All canonical topics, in catalogue order."""
    raw = _raw()
    result = []
    for t in raw["topics"]:
        figures = tuple(Figure(topic=t["key"], **f) for f in t["figures"])
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
