"""`init --从` reads figures as carefully as headings (issue 23, point 4): one compact synthetic report in
tests/layouts/figures_*.txt for each way a number was misread, written for the test (no report's text).

Each case lists what must be placed (figure: value in the figure's unit) and what must be listed with its
reason instead (the number as written: a word of the reason). Every number of each layout is placed,
listed, or counted as a date or a heading's number: none is dropped without a word.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator import templateset
from generator.analysis import script
from generator.data.facts import normalize
from generator.tools import lastyear, numbertally

LAYOUTS = Path(__file__).parent / "layouts"

CASES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    # a list after 「…发起核对：」: 「农村低保新申请及复查860人次」 counts checks, not 农村低保人次
    "colon_list": (
        {"农村低保户数": "3100", "农村低保人数": "5200"},
        {"860人次": "合计", "210人次": "合计"},
    ),
    # one component of a payment is not the total; 「救急难…共救助N人次」 under 临时救助 is 临时救助人次
    "parts": (
        {"特困人数": "1450", "临时救助人次": "640", "临时救助金额": "155"},
        {"812万元": "分项", "96万元": "没有对应"},
    ),
    # 1-10月 累计: households summed over months are no end-of-period count, people are 人次
    "cumulative": (
        {
            "城市低保人次": "41200",
            "城市低保金额": "2860",
            "城市低保月人均补助": "512",
            "城市低保户数": "2380",
            "城市低保人数": "4150",
        },
        {"23500户": "累计"},
    ),
    # 「城乡低保标准分别提高至每人每月X元、Y元」: 城市 X, 农村 Y
    "pairs": ({"城市低保标准": "870", "农村低保标准": "690", "低保金额": "19000"}, {}),
    # 余 and numbers in characters are listed, never dropped
    "approximate": ({"低保户数": "310"}, {"两百余": "汉字", "三": "汉字", "60": "约数"}),
    # the text before the first heading is read
    "opening": ({"救助资金": "13500", "新建助餐场所数": "12"}, {}),
    # the flows of a half-year report carry their period (see the init test below)
    "half_year": (
        {"城市低保户数": "1200", "城市低保人数": "2100", "城市低保金额": "350", "特困供养金额": "88"},
        {},
    ),
    # 城镇 is 城市, 调出 is 退出, 新增 cases are 新纳入
    "intakes": (
        {
            "农村低保户数": "150",
            "农村低保人数": "260",
            "城市低保户数": "12",
            "城市低保人数": "20",
            "退出低保户数": "18",
            "退出低保人数": "30",
            "新纳入低保户数": "9",
            "新纳入低保人数": "16",
        },
        {},
    ),
    # Traditional script, and the lead-in before 「：」 says these are totals of the whole town
    "traditional": (
        {"城市低保人数": "820", "城市低保户数": "390", "农村低保人数": "1530", "农村低保户数": "760"},
        {},
    ),
    # a plan alone: its numbers are the plan's, not last year's figures
    "plan_only": ({}, {}),
}


def _read(name: str) -> lastyear.LastYear:
    return lastyear.read(LAYOUTS / f"figures_{name}.txt", templateset.load(None).phrases)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_layout_places_and_lists_its_numbers(name: str) -> None:
    placed, listed = CASES[name]
    report = _read(name)
    got = {p.figure.key: p.standard_value for p in report.figures() if p.figure is not None}
    assert got == {k: Decimal(v).normalize() for k, v in placed.items()}
    why = {p.fact.text.strip(): p.why for p in report.unplaced()}
    for number, word in listed.items():
        assert word in why.get(number, ""), (number, why)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_number_is_dropped_silently(name: str) -> None:
    report = _read(name)
    written = sum(
        1 for _, text in report.all_lines for _ in numbertally.numbers(normalize(script.reading(text)))
    )
    assert written == len(report.placed) + sum(report.counts.values()), report.counts
    assert all(p.why for p in report.unplaced()), "every listed number says why"


def test_flows_of_part_of_a_year_carry_the_period() -> None:
    report = _read("half_year")
    periods = {p.figure.key: p.period for p in report.figures() if p.figure is not None}
    assert periods == {
        "城市低保户数": None,
        "城市低保人数": None,
        "城市低保金额": "上半年",
        "特困供养金额": "上半年",
    }
    cumulative = {p.figure.key: p.period for p in _read("cumulative").figures() if p.figure is not None}
    assert cumulative["城市低保金额"] == "1-10月" and cumulative["城市低保人次"] == "1-10月"


def test_init_flags_a_half_year_flow_instead_of_writing_it_as_last_year(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    result = run_cli(
        "init", "某县", "2025", "--从", LAYOUTS / "figures_half_year.txt", "-o", target, maintainer=True
    )
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    figures = yaml.safe_load(text)["总结"]["社会救助"]["指标"]
    assert figures["城市低保人数"] == {"本年": None, "上年": 2100}
    assert figures["城市低保金额"] == {"本年": None, "上年": None}
    assert "去年报告的350万元只是上半年的数，不是全年的，没有写作上年" in text
    assert "上年: 2100  # 去年的报告只写到上半年，这是那时的数，不是年末的" in text
    assert "2个只是半年或几个月的数，没有写作上年" in result.out
    assert run_cli("validate", target, maintainer=True).code == 0


def test_init_turns_a_plan_only_document_into_the_checklist(run_cli, tmp_path: Path) -> None:
    source = LAYOUTS / "figures_plan_only.txt"
    target = tmp_path / "new.yaml"
    result = run_cli("init", "某县", "2025", "--从", source, "-o", target, maintainer=True)
    assert result.code == 0, result.err
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["总结"]["社会救助"]["去年计划"] == ["提高城乡低保标准。城市低保标准提高到每人每月800元。"]
    assert data["总结"]["养老服务"]["去年计划"] == ["建设老年助餐点。新建老年助餐点10个。"]
    assert "指标" not in data["总结"]["社会救助"], "a plan's numbers are no 上年"
    assert "2条去年计划" in result.out
    # the plan of 2025 is what the 2025 summary answers to, not the 2026 one
    wrong = run_cli("init", "某县", "2026", "--从", source, "-o", tmp_path / "b.yaml", maintainer=True)
    assert wrong.code == 2 and "这是2025年的工作计划（要点）" in wrong.err
    assert not (tmp_path / "b.yaml").exists()
