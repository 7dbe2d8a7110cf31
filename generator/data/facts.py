"""Numeric facts in report text: a number with its unit, 万/亿 normalised (3.41万人 == 34100人)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

# Units these reports use, longest first; a number followed by none of them is not a fact we compare.
UNITS = sorted(
    [
        "元/人·月",
        "元/人·年",
        "元/人次",
        "元/人/月",
        "元/人/年",
        "元/月",
        "元/年",
        "个百分点",
        "人次",
        "户次",
        "小时",
        "周岁",
        "平方米",
        "万元",
        "亿元",
        "元",
        "人",
        "名",
        "户",
        "对",
        "例",
        "宗",
        "次",
        "个",
        "家",
        "所",
        "座",
        "张",
        "处",
        "条",
        "项",
        "场",
        "份",
        "件",
        "亩",
        "岁",
        "天",
        "批",
        "类",
        "支",
        "节",
        "期",
        "篇",
        "本",
        "套",
        "台",
        "辆",
        "间",
        "%",
        "％",
    ],
    key=len,
    reverse=True,
)
_FACT = re.compile(r"(?<![\d.．])(\d+(?:\.\d+)?)\s*(万|亿)?\s*(" + "|".join(map(re.escape, UNITS)) + r")")
_SAME = {
    "名": "人",
    "％": "%",
    "元/月": "元/人·月",
    "元/年": "元/人·年",
    "元/人/月": "元/人·月",
    "元/人/年": "元/人·年",
}
# 「由每人每月650元提高到694元」: an amount in 元 after 每人每月 (in the same clause) is a monthly standard;
# after 每人次 (「临时救助平均救助水平为每人次5418.08元」), an amount per case; 「月人均补助水平480元」 is monthly.
_PER = re.compile(r"每人每月|每人每年|每人次|月人均|年人均|每月|每年")
_CLAUSE_END = re.compile(r"[,;。:]")


@dataclass(frozen=True)
class Fact:
    """A number and its unit as a reader would quote them, normalised: 485.14万元 -> 4851400 元."""

    value: Decimal
    unit: str
    text: str
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # where it stands in normalize(text)

    @property
    def key(self) -> tuple[Decimal, str]:
        return self.value.normalize(), self.unit


def normalize(text: str) -> str:
    """The text as :func:`facts` reads it (half-width digits and punctuation); spans index into it."""
    return unicodedata.normalize("NFKC", text).replace("，", ",")


def facts(text: str) -> list[Fact]:
    """Every number-with-unit of ``text`` (years, months and days are not facts)."""
    text = normalize(text)
    found = []
    for m in _FACT.finditer(text):
        number, scale, unit = m.groups()
        value = Decimal(number)
        if scale:
            value *= Decimal(10000) if scale == "万" else Decimal(100000000)
        if unit in ("万元", "亿元"):
            value *= Decimal(10000) if unit == "万元" else Decimal(100000000)
            unit = "元"
        elif unit == "元" and not scale:
            unit = _per_person(text[: m.start()]) or unit
        found.append(Fact(value, _SAME.get(unit, unit), m.group(0), m.span()))
    return found


def _per_person(before: str) -> str | None:
    """元/人·月, 元/人·年 or 元/人次 when the clause before an amount says 每人每月 / 每人每年 (or 每月 /
    每年) or 每人次."""
    clause = _CLAUSE_END.split(before)[-1]
    said = _PER.findall(clause)
    if not said:
        return None
    if said[-1] == "每人次":
        return "元/人次"
    return "元/人·月" if "月" in said[-1] else "元/人·年"
