"""A figure is drafted in the unit the clerk typed it in, and a {键.数值} reference is counted in the scale
of the text around it, so that nothing reads 10,000 times too large or in a switched unit (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import paragraphs

FILE = """总结:
  社会救助:
    指标:
      临时救助金额: 84.326万元
      低保人数: 3.41万
      救助资金: 2.37亿
    自定指标:
      返还资金: 12.345万元
      服务: 1.7万人次
      大额: 1.2345亿元
      小额: 843260元
    工作:
      - 内容: "{text}"
  养老服务:
    指标:
      养老机构床位数: 0.6万
      高龄津贴人次: 0.58万
"""


def _draft(run_cli, county, tmp_path: Path, text: str) -> str:
    out = tmp_path / "d.docx"
    result = run_cli(county(FILE.replace("{text}", text)), "-o", out)
    assert result.code == 0, result.err
    return "\n".join(t for _, t in paragraphs(out))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("返还资金{返还资金.数值}万元", "返还资金12.345万元"),  # not 123450万元
        ("返还资金{返还资金.数值}元", "返还资金12.345万元"),  # the 万 goes with the number
        ("大额{大额.数值}亿元", "大额1.2345亿元"),  # not 12345万亿元
        ("大额{大额.数值}万元", "大额12345万元"),
        ("服务{服务.数值}万余人次", "服务1.7万余人次"),  # not 1.7万万余人次
        ("服务{服务.数值}人次", "服务1.7万人次"),
        ("小额{小额.数值}万元", "小额84.326万元"),  # counted in 万 when the text says 万元
        ("小额{小额.数值}余万元", "小额84.326余万元"),
        ("临时救助{临时救助金额.数值}元", "临时救助84.326万元"),
        ("低保{低保人数.数值}名", "低保3.41万名"),
        ("低保{低保人数.数值}万人", "低保3.41万人"),
        ("救助资金{救助资金.数值}亿元", "救助资金2.37亿元"),
        ("救助资金{救助资金.数值}元", "救助资金2.37亿元"),
        ("小额{小额}余元", "小额843260余元"),  # 余 written after a whole reference goes inside it
        ("返还{返还资金}余万元", "返还12.345余万元"),
    ],
)
def test_a_reference_keeps_the_text_around_it_true(run_cli, county, tmp_path: Path, text, expected) -> None:
    assert expected in _draft(run_cli, county, tmp_path, text)


def test_figures_are_drafted_in_the_unit_typed(run_cli, county, tmp_path: Path) -> None:
    text = _draft(run_cli, county, tmp_path, "{小额}")
    assert "843260元" in text  # typed in 元: not rewritten as 84.326万元
    assert "84.326万元" in text and "843260元" not in text.replace("843260元", "", 1)
    assert "0.6万张" in text and "6000张" not in text
    assert "0.58万人次" in text and "5800人次" not in text
    assert "2.37亿元" in text and "3.41万人" in text


@pytest.mark.parametrize(
    "reference", ["{返还资金.同比.数值}", "{返还资金.数值.数值}", "{返还资金.数值.上年}"]
)
def test_a_reference_of_no_documented_form_is_a_located_error(
    run_cli, county, tmp_path: Path, reference: str
) -> None:
    result = run_cli(county(FILE.replace("{text}", f"返还{reference}万元")), "-o", tmp_path / "d.docx")
    assert result.code == 2, result.err
    assert f"「{reference}」写法有误" in result.err and "county.yaml:" in result.err


@pytest.mark.parametrize("text", ["上年{大额.上年}。", "上年{大额.上年.数值}亿元。"])
def test_last_years_figure_the_county_did_not_give_is_a_gap_to_fill(
    run_cli, county, tmp_path: Path, text: str
) -> None:
    out = tmp_path / "d.docx"
    result = run_cli(county(FILE.replace("{text}", text)), "-o", out)
    assert result.code == 0, result.err
    assert "上年【待补充：大额（上年）】亿元。" in [t for _, t in paragraphs(out)]  # never 「上年亿元。」
    assert "大额（上年）" in result.out  # listed with the other gaps


def test_a_figure_still_to_fill_before_yu_keeps_one_unit(run_cli, county, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    body = FILE.replace(
        "      救助资金: 2.37亿\n", "      救助资金: 2.37亿\n      临时救助人次: {上年: 1200}\n"
    )
    result = run_cli(county(body.replace("{text}", "救助{临时救助人次}余人次。")), "-o", out)
    assert result.code == 0, result.err
    assert "救助【待补充：临时救助人次】余人次。" in [t for _, t in paragraphs(out)]  # not 「人次余人次」
