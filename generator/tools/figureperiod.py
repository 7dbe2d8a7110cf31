"""The span of time a report's number covers when it is less than a year: 「1-6月份累计发放低保金401万元」
covers 1-6月, every flow of a half-year report covers 上半年. Carried with last year's figures so that a
comparison of a whole year with part of one is flagged rather than written."""

from __future__ import annotations

import re

from generator.analysis.script import reading

_CN_MONTH = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
}
_CN = "十一|十|一|二|三|四|五|六|七|八|九"
_RANGE = re.compile(r"(\d{1,2})\s*(?:月份?)?\s*[-—–~～至到]\s*(\d{1,2})\s*月")
# 「XX年111月」: a PDF copy dropped the dash of 1-11月 (a month past 12 is no month).
_LOST_DASH = re.compile(r"(?<=年)1(1[01]|[2-9])\s*月")
_UNTIL = re.compile(rf"(?:截至|截止|到|至)\s*(\d{{1,2}}|{_CN})\s*月(?:底|末|份)?")
_HALF = re.compile(r"上半年|(?<=今年)半年|(?<=前)半年")
_QUARTERS = re.compile(r"前三季度|(?:第)?一季度|前两个?季度")
_QUARTER_SPAN = {
    "前三季度": "1-9月",
    "一季度": "1-3月",
    "第一季度": "1-3月",
    "前两季度": "上半年",
    "前两个季度": "上半年",
}
# The words of a title or an opening that make the whole report one of part of a year.
_PART_OF_YEAR_REPORT = re.compile(r"上半年|一季度|前三季度|1\s*[-—–~至到]\s*\d{1,2}\s*月")


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTH.get(text, 12)


def said(text: str) -> str | None:
    """The last span of less than a year that ``text`` names (None: none, or the whole year)."""
    text = reading(text)
    found: list[tuple[int, str]] = []
    for m in _RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first == 1 and 1 <= last < 12:
            found.append((m.start(), "上半年" if last == 6 else f"1-{last}月"))
    for m in _LOST_DASH.finditer(text):
        last = int(m.group(1))
        found.append((m.start(), "上半年" if last == 6 else f"1-{last}月"))
    for m in _UNTIL.finditer(text):
        last = _month(m.group(1))
        if last < 12:
            found.append((m.start(), "上半年" if last == 6 else f"1-{last}月"))
    for m in _HALF.finditer(text):
        found.append((m.start(), "上半年"))
    for m in _QUARTERS.finditer(text):
        found.append((m.start(), _QUARTER_SPAN[m.group()]))
    return max(found)[1] if found else None


def of_report(title: str | None, opening: str = "") -> str | None:
    """The span a report of part of a year covers, from its title, else its opening words."""
    for text in (title or "", opening):
        if _PART_OF_YEAR_REPORT.search(reading(text)):
            return said(text)
    return None
