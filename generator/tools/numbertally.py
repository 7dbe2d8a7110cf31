"""Every number of a report's text accounted for: the figure reader places a number or lists it with its
reason; what it does not read is counted here as a date, a heading's or a page's number, or a number of a
part it does not read (the plan, the page around the report), so that none is dropped without a word.

A number is a run of digits, or a number written in characters before a measure word (「两个」, 「百余户」,
「三项制度」; a lone 一 before one is an article, 「一个」「一批」, not counted).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from generator.analysis.script import reading
from generator.data.facts import normalize

DIGITS = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_MEASURE = "个名人户所家次项条件位元间张座处对例批类支篇场期轮万亿"
CHARACTERS = re.compile(
    rf"(?<![一二两三四五六七八九十百千万几统唯同单专逐])"
    rf"(?:[二两三四五六七八九十百千几][一二两三四五六七八九十百千万几]*|一[十百千万][一二三四五六七八九十百千万]*)"
    rf"(?:余|多|来)?(?=[{_MEASURE}])"
)
_DATE_AFTER = re.compile(
    r"\s*(?:年|月|日|号|时|周岁|岁|季度|世纪|年代|页)|\s*[-—–~～至到]\s*\d{1,2}\s*(?:月|日)"
)
_ORDINAL_BEFORE = re.compile(r"第\s*$")
_YEAR_ALONE = re.compile(r"(?:19|20)\d{2}")
_YEAR_WORDS = re.compile(r"\s*(?:上半年|下半年|年度|全年|工作|民政)")
_MARKER_AFTER = re.compile(r"\s*[、.．]")
_MARKER_AROUND = re.compile(r"[（(]\s*$")
_APPROX_AFTER = re.compile(r"\s*(?:余|多)")

DATE = "日期或页码"
HEADING = "标题序号"


@dataclass(frozen=True)
class Number:
    """A number as it stands in a text: where, as written."""

    text: str
    span: tuple[int, int]
    digits: bool  # written in digits (else in characters)


def numbers(text: str) -> Iterator[Number]:
    """Every number of ``text``, in order."""
    found = [Number(m.group(), m.span(), True) for m in DIGITS.finditer(text)]
    found += [Number(m.group(), m.span(), False) for m in CHARACTERS.finditer(text)]
    yield from sorted(found, key=lambda n: n.span)


def kind(text: str, number: Number) -> str | None:
    """DATE or HEADING when ``number`` is a date's or a heading marker's (「1、」「（2）」「第3页」); else None."""
    start, end = number.span
    if _DATE_AFTER.match(text, end) or _ORDINAL_BEFORE.search(text[:start]):
        return DATE
    if _YEAR_ALONE.fullmatch(number.text) and _YEAR_WORDS.match(text, end):
        return DATE  # 「2018 上半年民政工作总结」
    if number.digits and "." not in number.text:
        before = text[:start].rstrip()
        at_start = not before or before[-1] in "。；;：:！？!?，,）)" or _MARKER_AROUND.search(text[:start])
        if at_start and (_MARKER_AFTER.match(text, end) or _MARKER_AROUND.search(text[:start])):
            return HEADING
    return None


def why_listed(text: str, number: Number) -> str:
    """Why a number the figure reader met but could not read is listed."""
    if not number.digits:
        return "是用汉字写的数，请核对"
    if _APPROX_AFTER.match(text, number.span[1]):
        return "是约数（余、多）"
    return "没有单位，不知道是什么数"


def tally(text: str, reason: str, counts: Counter[str]) -> None:
    """Count every number of ``text`` under its date or heading kind, else under ``reason``."""
    text = normalize(reading(text))
    for number in numbers(text):
        counts[kind(text, number) or reason] += 1
