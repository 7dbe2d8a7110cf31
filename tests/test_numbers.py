"""Numbers in official prose: table-driven tests of reading, scaling and phrasing, plus properties."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.data.numbers import parse_number, scaled
from generator.draft.phrasing import (
    households_people,
    listing,
    rate_change,
    sequence,
    standard_raise,
    year_over_year,
)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("34100", "人", "3.41万人"),
        ("237000000", "元", "2.37亿元"),
        ("4851400", "元", "485.14万元"),
        ("7754", "人", "7754人"),
        ("12977", "人次", "12977人次"),  # 1.2977万 would need rounding: all digits stay
        ("100000", "人", "10万人"),
        ("23700", "万元", "2.37亿元"),
        ("485.14", "万元", "485.14万元"),
        ("1786.28", "万元", "1786.28万元"),
        ("23.5745", "万元", "23.5745万元"),  # a clerk's 万元 is never written out in 元
        ("158", "万元", "158万元"),
        ("53.5", "%", "53.5%"),
        ("83.0", "%", "83%"),
        ("694", "元/人·月", "694元/人·月"),
        ("25300", "小时", "2.53万小时"),
        ("0", "人", "0人"),
    ],
)
def test_scaled(value: str, unit: str, text: str) -> None:
    assert scaled(D(value), unit) == text


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        (34100, "人", "34100"),
        ("3.41万", "人", "34100"),
        ("2.37亿", "元", "237000000"),
        ("2.37亿", "万元", "23700"),
        ("485.14万", "万元", "485.14"),
        ("485.14", "万元", "485.14"),
        ("1,234", "人", "1234"),
        ("１２３", "人", "123"),
        ("３.４１万", "人", "34100"),
        (D("0.1"), "%", "0.1"),
    ],
)
def test_numbers_as_clerks_type_them(typed: object, unit: str, value: str) -> None:
    assert parse_number(typed, unit) == D(value)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("约300", "是约数：指标只填统计数（如 300）"),
        ("300余", "是约数：指标只填统计数（如 300）"),
        ("三百", "请用阿拉伯数字"),
        ("300人", "不要写单位「人」"),
        ("1,23,4", "只写阿拉伯数字"),
        ("-5", "只写阿拉伯数字"),
        (True, "应为数字"),
    ],
)
def test_numbers_that_need_fixing_say_what_to_write(typed: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(typed, "人")


@pytest.mark.parametrize(
    ("current", "previous", "unit", "text"),
    [
        ("3644", "2970", "对", "较上年增加674对，增长22.7%"),
        ("1617", "1824", "对", "较上年减少207对，下降11.3%"),
        ("1000", "1003", "人", "与上年基本持平"),  # within 0.5%
        ("1000", "1000", "人", "与上年基本持平"),
        ("5", "0", "个", "较上年新增5个"),
        ("34100", "30000", "人", "较上年增加4100人，增长13.7%"),
        ("45000", "34100", "人", "较上年增加1.09万人，增长32%"),
        ("83", "80.5", "%", "较上年提高2.5个百分点"),  # rates change in 个百分点, never %
        ("83", "85", "%", "较上年降低2个百分点"),
        ("2188", None, "人次", ""),  # last year unknown: say nothing
    ],
)
def test_year_over_year(current: str, previous: str | None, unit: str, text: str) -> None:
    assert year_over_year(D(current), None if previous is None else D(previous), unit) == text


def test_rate_change_and_standards() -> None:
    assert rate_change(D(60), None) == ""
    assert standard_raise(D(570), D(520), "元/人·月") == "由每人每月520元提高到570元"
    assert standard_raise(D(4260), D(3860), "元/人·年") == "由每人每年3860元提高到4260元"
    assert standard_raise(D(500), D(520), "元/人·月") == "由每人每月520元调整为500元"
    assert standard_raise(D(570), D(570), "元/人·月") == "保持每人每月570元不变"
    assert standard_raise(D(570), None, "元/人·月") == "每人每月570元"


@pytest.mark.parametrize(
    ("items", "text"),
    [(["甲", "乙", "丙"], "甲、乙和丙"), (["甲", "", None, "乙"], "甲和乙"), (["甲"], "甲"), ([], "")],
)
def test_listing(items: list, text: str) -> None:
    assert listing(items) == text


def test_sequence_and_households() -> None:
    assert sequence(["加强监测。", "", "完善机制"]) == "一是加强监测；二是完善机制。"
    assert sequence([]) == ""
    assert households_people("1010户", "1653人") == "1010户1653人"
    assert households_people(None, "1653人") == "1653人"


# ---- properties ---------------------------------------------------------------------------------

UNITS = ["人", "人次", "户", "对", "个", "元", "万元", "%", "元/人·月", "小时"]
amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(amounts, st.sampled_from(UNITS))
def test_every_figure_formats_and_reads_back_exactly(value: D, unit: str) -> None:
    text = scaled(value, unit)
    assert text.endswith(unit.removeprefix("万")) or unit.startswith("万")
    number_part = (
        text.removesuffix(unit) if text.endswith(unit) else text.removesuffix(unit.removeprefix("万"))
    )
    back = parse_number(number_part, unit if text.endswith(unit) else unit.removeprefix("万"))
    if not text.endswith(unit):  # a 万元 figure printed in 元 or 亿元
        back = back / 10000
    assert back == value  # the stated rounding is: none


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_year_over_year_never_contradicts_the_numbers(current: int, previous: int) -> None:
    text = year_over_year(D(current), D(previous), "人")
    if current > previous > 0 and "持平" not in text:
        assert "增加" in text and "增长" in text
    if current < previous and "持平" not in text:
        assert "减少" in text and "下降" in text
    assert "-" not in text


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ('{{ 34100 | 数字("人") }}', "3.41万人"),
        ('{{ "2.37亿" | 数字("元") }}', "2.37亿元"),
        ('{{ 3644 | 同比(4318, "对") }}', "较上年减少674对，下降15.6%"),
        ('{{ 3644 | 同比(none, "对") }}', ""),
        ("{{ 83 | 百分点(80.5) }}", "较上年提高2.5个百分点"),
        ("{{ 53.5 | 百分比 }}", "53.5%"),
        ('{{ ["甲", "", "乙", "丙"] | 列举 }}', "甲、乙和丙"),
        ('{{ ["加强监测", "完善机制。"] | 一是二是 }}', "一是加强监测；二是完善机制。"),
        ('{{ "1010户" | 户人("1653人") }}', "1010户1653人"),
        ("{{ 日 | 中文日期 }}", "2025年1月8日"),
    ],
)
def test_filters_in_templates(template: str, text: str) -> None:
    import datetime as dt

    from generator.draft.render import make_env

    assert make_env([]).from_string(template).render(日=dt.date(2025, 1, 8)) == text
