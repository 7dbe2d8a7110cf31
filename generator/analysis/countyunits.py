"""The units a county file writes its figures in (84.326万元, 3.41万人, 6000张), for the proofreader's check
that a draft keeps them: each figure's value in its base unit, with how the clerk scaled it (万, 亿 or not)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.data import catalogue
from generator.data.facts import UNITS, Fact, facts
from generator.data.loader import load_source

# (value in its base unit, base unit) -> {scale as written (万, 亿 or ""): the figure as the clerk wrote it}
Written = dict[tuple[Decimal, str], dict[str, str]]


def scale(fact: Fact) -> str:
    """万, 亿 or "" as ``fact`` is written (84.326万元 → 万, 843260元 → "")."""
    return "亿" if "亿" in fact.text else "万" if "万" in fact.text else ""


def written_units(path: Path) -> Written:
    """Every figure of the county file at ``path`` (loaded and checked as `generate` does)."""
    return written_in(load_source(path)[0].data)


def written_in(data: Any) -> Written:
    """Every figure of a county file's parsed data."""
    found: Written = {}
    for text in _figures(data):
        got = facts(text)
        if len(got) == 1 and got[0].unit not in ("%", "％") and got[0].value:
            found.setdefault(got[0].key, {}).setdefault(scale(got[0]), got[0].text)
    return found


def _figures(data: Any) -> Iterator[str]:
    """Each figure of the file as "number+unit" text, wherever 指标 and 自定指标 stand."""
    if isinstance(data, list):
        for item in data:
            yield from _figures(item)
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        if key == "指标" and isinstance(value, dict):
            for name, raw in value.items():
                yield from _written(raw, _unit_of(str(name)))
        elif key == "自定指标" and isinstance(value, dict):
            for raw in value.values():
                yield from _written(raw, "")
        else:
            yield from _figures(value)


def _unit_of(name: str) -> str:
    figure = catalogue.figure(name)
    if figure is not None:
        return figure.unit
    old = catalogue.old_keys().get(name)
    return (old.old.get(name) or old.unit) if old is not None else ""


def _written(raw: Any, unit: str) -> Iterator[str]:
    if isinstance(raw, dict):
        unit = str(raw.get("单位") or unit)
        for key in ("本年", "数值", "上年"):
            if raw.get(key) is not None:
                yield from _written(raw[key], unit)
        return
    if raw is None or isinstance(raw, bool):
        return
    text = str(raw).strip()
    has_unit = any(text.endswith(u) for u in UNITS)
    yield text if has_unit else text + unit
