"""The Jinja filters templates use to write numbers and lists in official prose (see templates/README.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.data.numbers import NumberError, parse_number, scaled
from generator.draft import markup, phrasing
from generator.draft.values import FigureValue, Missing
from generator.errors import TemplateUsageError


def chinese_date(value: dt.date) -> str:
    """2024-12-25 -> 2024年12月25日 (GB/T 9704: Arabic digits, no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


def _read(value: Any, unit: str = "") -> Decimal:
    """A number a template passed to a filter; a bad one is the template's mistake, said in Chinese."""
    try:
        return parse_number(value, unit)
    except NumberError as e:
        raise TemplateUsageError(f"过滤器的参数不是可用的数字: {e}") from None


def number(value: Any, unit: str = "") -> str:
    """{{ 34100 | 数字("人") }} -> 3.41万人; a figure prints the same way without the unit argument."""
    if isinstance(value, FigureValue | Missing):
        return str(value)
    return scaled(_read(value, unit), unit)


def _pair(value: Any) -> tuple[Decimal, Decimal | None, str] | None:
    if isinstance(value, FigureValue):
        return value.data.value, value.data.prev, value.figure.unit
    return None


def change(value: Any, previous: Any = None, unit: str = "") -> str:
    """{{ 指标.结婚登记对数 | 同比 }} -> 较上年减少674对，下降15.6%; {{ 3644 | 同比(4318, "对") }} too."""
    pair = _pair(value)
    if pair is not None:
        return phrasing.year_over_year(*pair)
    if isinstance(value, Missing) or previous is None:
        return ""
    return phrasing.year_over_year(_read(value, unit), _read(previous, unit), unit)


def points(value: Any, previous: Any = None) -> str:
    """{{ 83 | 百分点(80.5) }} -> 较上年提高2.5个百分点 (rates never change "by %")."""
    pair = _pair(value)
    if pair is not None:
        return phrasing.rate_change(pair[0], pair[1])
    if isinstance(value, Missing) or previous is None:
        return ""
    return phrasing.rate_change(_read(value, "%"), _read(previous, "%"))


def percent(value: Any, places: int = 1) -> str:
    """{{ 0.535 * 100 | 百分比 }} -> 53.5%; a rate figure prints as itself."""
    if isinstance(value, FigureValue | Missing):
        return str(value)
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 6:
        raise TemplateUsageError(f"百分比的小数位数应为 0 到 6 的整数，实际为 {places!r}")
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return phrasing.percent(Decimal(str(value)), places)  # a computed share may be negative
    return phrasing.percent(_read(value), places)


def raised(value: Any) -> str:
    """{{ 指标.城市低保标准 | 提标 }} -> 由每人每月650元提高到694元 (or 每人每月694元)."""
    return value.提标 if isinstance(value, FigureValue | Missing) else str(value)


def as_reference(value: Any) -> str:
    """{{ 参考表述 | join | 参考 }}: the text marked as 参考表述 (highlighted and commented in Word)."""
    return markup.reference(str(value))


FILTERS: dict[str, Callable[..., str]] = {
    "参考": as_reference,
    "中文日期": chinese_date,
    "数字": number,
    "同比": change,
    "百分点": points,
    "百分比": percent,
    "提标": raised,
    "列举": phrasing.listing,
    "一是二是": phrasing.sequence,
    "户人": phrasing.households_people,
}
