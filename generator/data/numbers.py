"""Numbers as clerks type them (read exactly, as Decimal) and as reports print them (3.41万人, 2.37亿元).

Scaling rule: a number the clerk typed with a unit or with 万/亿 is written just as typed (84.326万元,
0.6万张). A bare number (in the catalogue's unit) is written with 万 or 亿 only when that is exact to two
decimals (34100人 -> 3.41万人, 23700万元 -> 2.37亿元); otherwise all its digits stay (34123人, 12977人次), and a
万元 figure is never written out in 元. No rounding ever changes a figure a reader would quote.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

NUMBER_HINT = "只写阿拉伯数字，如 694、485.14、3.41万；单位已由模板给出"
WAN = Decimal(10000)
YI = Decimal(100000000)
TWO_PLACES = Decimal("0.01")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")
_CN_NUMERALS = re.compile(r"[零〇一二两三四五六七八九十百千万亿]")
_APPROX = ("约", "近", "超", "余", "多", "左右", "以上", "以下", "大约", "将近", "超过", "逾", "上下")
_APPROX_WORDS = re.compile("|".join(sorted(_APPROX, key=len, reverse=True)))


def approx_hint(written: str, *, keep_unit: bool) -> str:
    """What to write instead of an approximate figure: the number alone, the approximate word in the text."""
    exact = _APPROX_WORDS.sub("", written).strip()
    if not keep_unit:
        exact = re.sub(r"^([\d.,]+[万亿]?).*$", r"\1", exact)
    return (
        f"指标只填统计数（如 {exact}）；「约」「余」「以上」这类词请写进工作内容的文字里，"
        "如：内容: 全年发放救助资金约{名称}"
    )


_SCALE_WORDS = re.compile(r"^(十万|百万|千万|十|百|千|[kKwW])")


_APPROX_NUMBER = re.compile(
    r"(大约|将近|超过|约|近|超|逾)\s*[\d０-９]|[\d０-９][\d０-９.,]*\s*[万亿]?\s*(余|多)|(左右|以上|以下|上下)$"
)


def approximate(text: str) -> bool:
    """Whether ``text`` is an approximate number (约300, 4116余万元, 85%以上; not 很多张)."""
    return bool(_APPROX_NUMBER.search(text.strip()))


def plausible_max(unit: str) -> Decimal:
    """The largest value a county report could give in ``unit``: anything above is a typo or a unit slip."""
    if "/" in unit:  # a standard per person: 元/人·月
        return Decimal(10) ** 6
    if unit in ("%", "‰"):
        return Decimal(10) ** 4
    if unit.startswith("亿"):
        return Decimal(10) ** 4
    if unit.startswith("万"):
        return Decimal(10) ** 7  # 1000亿元, 1000亿人次: beyond any county
    return Decimal(10) ** 11 if unit.endswith("元") else Decimal(10) ** 9


def _in_unit(number: Decimal, suffix: str, unit: str) -> Decimal:
    """A number written with 万/亿 means that many base units (元, 人…); convert to the field's unit."""
    absolute = number * (WAN if suffix == "万" else YI if suffix == "亿" else 1)
    if unit.startswith("万") and suffix:
        return absolute / WAN
    return absolute


class NumberError(ValueError):
    """A value that is not a figure as clerks may write it (the message says what to write)."""


def parse_number(value: Any, unit: str = "") -> Decimal:
    """Read one figure exactly in ``unit``; raise :class:`NumberError` (a ``ValueError``) with a Chinese message otherwise.

    Accepts 34100, 485.14, "3.41万", "2.37亿", "1,234", full-width "１２３". In a 万元 field a bare number is
    in 万元 and "2.37亿" means 2.37亿元 (= 23700 万元).
    """
    if isinstance(value, bool):
        raise NumberError(f"应为数字，实际为 {value!r}（{NUMBER_HINT}）")
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        number = _parse_text(value, unit)
    else:
        raise NumberError(f"应为数字（{NUMBER_HINT}）")
    if not number.is_finite():
        raise NumberError(f'应为数字，实际为 "{value}"（{NUMBER_HINT}）')
    if number < 0:
        raise NumberError(f"不能为负数，实际为 {plain(number)}")
    return number


# What a clerk types for a figure the county does not have.
NONE_WORDS = frozenset({"无", "没有", "暂无", "空", "-", "--", "—", "——", "/", "／", "无数据", "不适用"})
NONE_HINT = "没有这一项就不写它（删去这一行，或冒号后留空）；没有的情况（如「全年未发生……」）请写进本专题「工作」的内容"


def none_word(value: Any) -> str | None:
    """The word (「无」, 「-」 …) when ``value`` says the county has no such figure, else None."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    return text if text in NONE_WORDS else None


def _parse_text(value: str, unit: str) -> Decimal:
    text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    shown = f'"{value}"'
    if none_word(value):
        raise NumberError(f"「{value.strip()}」不是数字：{NONE_HINT}")
    if approximate(text):
        raise NumberError(f"{shown} 是约数：{approx_hint(text, keep_unit=False)}")
    suffix = ""
    if text[-1:] in ("万", "亿") and len(text) > 1:
        suffix, text = text[-1], text[:-1]
    if _EXPONENT.match(text):  # 1e-400: not a number and a unit 「e-400」
        raise NumberError(f"应为数字，实际为 {shown}：这是科学记数法写法，请直接写出数字，如 0.05 或 12000")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        if _CN_NUMERALS.search(text) and not re.search(r"\d", text):
            raise NumberError(f"应为数字，实际为 {shown}（请用阿拉伯数字书写，如 300）")
        unit_written = re.sub(r"^[\d.,]+", "", text)
        scale = _SCALE_WORDS.match(unit_written + suffix)
        if re.match(r"^[\d.,]+\D", text) and scale:
            raise NumberError(
                f"应为数字，实际为 {shown}：数字后只能跟「万」或「亿」，不能写「{scale.group()}」；"
                "请换算后再写，如 2300万 或 23000000"
            )
        if re.match(r"^[\d.,]+\D", text) and unit_written:
            expected = f"（本项单位：{unit}）" if unit else ""
            raise NumberError(
                f"应为数字，实际为 {shown}；不要写单位「{unit_written}」，单位由模板给出{expected}"
            )
        raise NumberError(f"应为数字，实际为 {shown}（{NUMBER_HINT}）")
    try:
        return _in_unit(Decimal(text), suffix, unit)
    except InvalidOperation:
        raise NumberError(f"应为数字，实际为 {shown}（{NUMBER_HINT}）") from None


def plain(number: Decimal) -> str:
    """Digits without exponent or trailing zeros: Decimal('485.140') -> '485.14'."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _exact_two(number: Decimal) -> bool:
    return number == number.quantize(TWO_PLACES)


def scaled(number: Decimal, unit: str) -> str:
    """Report style: 34100,人 -> 3.41万人; 23700,万元 -> 2.37亿元; 7754,人 -> 7754人; 53.5,% -> 53.5%."""
    if unit == "%" or "/" in unit:  # rates and per-person standards are never scaled
        return plain(number) + unit
    scale = {"万": WAN, "亿": YI}.get(unit[:1]) if len(unit) > 1 else None  # 万元, 亿元 (a figure given so)
    base_unit = unit[1:] if scale else unit
    absolute = number * scale if scale else number
    for size, word in ((YI, "亿"), (WAN, "万")):
        if absolute >= size and _exact_two(absolute / size):
            return plain(absolute / size) + word + base_unit
    return plain(number) + unit  # 23.5745万元 stays so: a 万元 figure is never written out in 元


SCALES = {"万": WAN, "亿": YI}


def split_scale(unit: str) -> tuple[Decimal, str]:
    """万元 -> (10000, 元); 人 -> (1, 人): the multiplier a unit carries and the unit without it."""
    if len(unit) > 1 and unit[:1] in SCALES and "/" not in unit:
        return SCALES[unit[:1]], unit[1:]
    return Decimal(1), unit


def as_written(number: Decimal, unit: str, scale: str | None) -> str:
    """A figure as the clerk typed it: 34100 in 人 with 万 -> 3.41万人; 23700 in 万元 with 亿 -> 2.37亿元;
    84.326 in 万元 -> 84.326万元 (never rescaled)."""
    if not scale:
        return plain(number) + unit
    factor, base_unit = split_scale(unit)
    return plain(number * factor / SCALES[scale]) + scale + base_unit


def shown(number: Decimal, unit: str, scale: str | None, written: bool) -> str:
    """A figure as drafts print it: as typed when the clerk gave a unit or 万/亿 (``written``), else scaled."""
    return as_written(number, unit, scale) if written else scaled(number, unit)


def in_scale(number: Decimal, unit: str, scale: str | None) -> str:
    """The number of ``number`` ``unit`` counted in ``scale`` (万, 亿, or None: the unit's base), digits only:
    84.326 万元 in 万 -> 84.326; in None -> 843260."""
    factor, _ = split_scale(unit)
    return plain(number * factor / (SCALES[scale] if scale else 1))


_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")
