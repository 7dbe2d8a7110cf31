"""Official-register phrases built from numbers: year-over-year changes, raised standards, lists.

Every function returns plain text and invents nothing: a comparison needs last year's figure, and
without it the phrase is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from generator.data.numbers import chinese, plain, scaled

# |change| below this share of last year's figure reads as 基本持平 (0.5%).
FLAT_TOLERANCE = Decimal("0.005")


def percent(number: Decimal, places: int = 1) -> str:
    """A share as report text: 18.46 -> "18.5%" (half up, trailing zeros dropped)."""
    return plain(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + "%"


def year_over_year(
    current: Decimal, previous: Decimal | None, unit: str, show: Callable[[Decimal], str] | None = None
) -> str:
    """较上年增加674对，增长18.5% / 减少207对，下降11.3% / 与上年基本持平 / 较上年新增5个 / "" (unknown).
    ``show`` writes the change (in the unit the clerk wrote this year's figure in); report style by default."""
    if previous is None:
        return ""
    if unit == "%":
        return rate_change(current, previous)
    written = show or (lambda number: scaled(number, unit))
    if previous == 0:
        return f"较上年新增{written(current)}" if current > 0 else "与上年持平"
    change = current - previous
    if abs(change) < previous * FLAT_TOLERANCE:
        return "与上年基本持平"
    share = percent(abs(change) / previous * 100)
    if change > 0:
        return f"较上年增加{written(change)}，增长{share}"
    return f"较上年减少{written(-change)}，下降{share}"


def rate_change(current: Decimal, previous: Decimal | None) -> str:
    """Rates change in 个百分点, never in %: 较上年提高2.5个百分点."""
    if previous is None:
        return ""
    change = current - previous
    if change == 0:
        return "与上年持平"
    word = "提高" if change > 0 else "降低"
    return f"较上年{word}{plain(abs(change))}个百分点"


def per_person(unit: str) -> str:
    """每人每月 of 元/人·月, 每人每年 of 元/人·年, 每人次 of 元/人次; "" for a plain 元."""
    period = {"月": "每人每月", "年": "每人每年", "日": "每人每日"}
    if unit.endswith("/人次"):
        return "每人次"
    return period.get(unit.rsplit("·", 1)[-1], "") if "·" in unit else ""


def standard_raise(current: Decimal, previous: Decimal | None, unit: str) -> str:
    """由每人每月520元提高到570元 (a per-person standard against last year's)."""
    per = per_person(unit)
    money = unit.split("/", 1)[0]
    now = f"{plain(current)}{money}"
    if previous is None:
        return f"{per}{now}" if per else now
    if current == previous:
        return f"保持{per}{now}不变"
    verb = "提高到" if current > previous else "调整为"
    return f"由{per}{plain(previous)}{money}{verb}{now}"


def listing(items: Iterable[object]) -> str:
    """甲、乙和丙; empty items are skipped."""
    words = [str(i) for i in items if i is not None and str(i).strip()]
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + "和" + words[-1]


def sequence(items: Iterable[object]) -> str:
    """一是甲；二是乙；三是丙。 from a list (empty items skipped)."""
    words = [str(i).strip().rstrip("。；;") for i in items if i is not None and str(i).strip()]
    if not words:
        return ""
    return "；".join(f"{chinese(n)}是{w}" for n, w in enumerate(words, start=1)) + "。"


def households_people(households: object, people: object) -> str:
    """1010户1653人 (either part may be missing)."""
    return "".join(str(x) for x in (households, people) if x is not None and str(x))
