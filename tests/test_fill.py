"""`generator fill 县.yaml --季报 季报.xlsx` and `generator init` (with --季报, and without sources): the
统计季报's figures set in the county file in place, nothing else of the file touched (issue 13)."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.data import catalogue
from generator.tools import quarterly
from tests.conftest import ROOT, paragraphs
from tests.quarterly_sheets import write_sheet

TIANMEN_SEED = ROOT / "seeds" / "000_8337c2c2e93111ce.txt"
# What the test sheet's rows are, as the county file writes them.
FROM_SHEET = {
    "城市低保标准": 720,
    "农村低保标准": 540,  # 6,480.0 元/人·年
    "城市低保人数": 7512,
    "城市低保户数": 4811,
    "农村低保人数": 33120,
    "城市特困人数": 498,
    "农村特困人数": 3790,
    "临时救助人次": 2305,
    "临时救助金额": 496.25,
    "城市低保金额": 7903.1,
    "农村低保金额": 23765,
    "低保金额": 31668.1,
    "高龄津贴人数": 37200,  # 3.72 万人
    "困难残疾人生活补贴人数": 11452,
    "重度残疾人护理补贴人数": 8701,
    "乡镇级区划数": 16,
    "镇数": 10,
    "街道数": 6,
}


def changed_lines(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    """The (old lines, new lines) of every place the texts differ."""
    a, b = before.splitlines(), after.splitlines()
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]


def figures_of(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, object] = {}
    for section in (data.get("总结") or {}).values():
        for key, value in ((section or {}).get("指标") or {}).items():
            found[key] = value
    return found


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write_sheet(tmp_path / "2025年12月季报.xlsx")


def test_a_sheet_fills_a_commented_county_file_and_only_the_values_change(
    run_cli, tmp_path: Path, sheet: Path
) -> None:
    target = tmp_path / "天门市2025.yaml"
    assert run_cli("init", "天门市", "2025", "-o", target, maintainer=True).code == 0
    before = target.read_text(encoding="utf-8")
    result = run_cli("fill", target, "--季报", sheet, maintainer=True)
    assert result.code == 0, result.err
    after = target.read_text(encoding="utf-8")
    # as `git diff` would show it: the commented-out figure lines became the figures, nothing else moved
    changes = changed_lines(before, after)
    assert changes and all(len(old) == len(new) for old, new in changes)
    filled = {}
    for old, new in changes:
        for was, now in zip(old, new, strict=True):
            m = re.match(r"^(\s*)# (\S+):  # (.*)$", was)
            assert m, was
            indent, key, note = m.groups()
            value = re.match(rf"^{indent}{re.escape(key)}: (\S+) +# {re.escape(note)}$", now)
            assert value, now
            filled[key] = value.group(1)
    assert {k: Decimal(v) for k, v in filled.items()} == {k: Decimal(str(v)) for k, v in FROM_SHEET.items()}
    # what it says: each change old → new with its row, the rows it could not place
    assert "总结.社会救助.指标.城市低保人数：（空） → 7512（2025年12月季报.xlsx[季报]:" in result.out
    assert "「I 城市低保金」7,895.3万元：没有对应的标准指标" in result.out
    assert "「生活无着的流浪乞讨人员救助」0人次：是「救助流浪乞讨人员人次」，数量为0，未填入" in result.out
    assert "总结.资金.指标.民政事业费：69436.3" in result.out  # a topic the file does not have
    # the file validates and drafts with the sheet's figures
    out = tmp_path / "draft.docx"
    assert run_cli(target, "-o", out).code == 0
    body = "\n".join(text for _, text in paragraphs(out))
    assert "每人每月720元" in body and "3.72万人" in body
    # filling again changes nothing, and says so
    again = run_cli("fill", target, "--季报", sheet, maintainer=True)
    assert again.code == 0 and "没有改动" in again.out
    assert target.read_text(encoding="utf-8") == after


def test_this_years_figures_go_beside_last_years(run_cli, tmp_path: Path, sheet: Path) -> None:
    target = tmp_path / "天门市2025.yaml"
    result = run_cli("init", "天门市", "2025", "--从", TIANMEN_SEED, "-o", target, maintainer=True)
    assert result.code == 0, result.err
    before = target.read_text(encoding="utf-8")
    assert run_cli("fill", target, "--季报", sheet, maintainer=True).code == 0
    after = target.read_text(encoding="utf-8")
    figures = figures_of(target)
    assert figures["城市低保标准"] == {"本年": 720, "上年": 694}
    assert figures["农村低保人数"] == {"本年": 33120, "上年": 34100}
    assert figures["城市低保户数"] == 4811  # not in last year's report: added to 指标
    for old, new in changed_lines(before, after):
        assert all(re.fullmatch(r"\s+本年:", line) for line in old), old
        for line in new:
            key = line.strip().split(":", 1)[0]
            assert key in ("本年", "指标") or catalogue.figure(key) is not None, line
    out = tmp_path / "draft.docx"
    assert run_cli(target, "-o", out).code == 0
    body = "\n".join(text for _, text in paragraphs(out))
    assert "城市、农村低保标准分别由每人每月694元、521元提高到720元、540元" in body
    assert "农村低保对象33120人，较上年减少980人" in body


def test_init_can_take_the_sheet_at_once(run_cli, tmp_path: Path, sheet: Path) -> None:
    target = tmp_path / "new.yaml"
    result = run_cli(
        "init", "天门市", "2025", "--从", TIANMEN_SEED, "--季报", sheet, "-o", target, maintainer=True
    )
    assert result.code == 0, result.err
    assert "从季报填入" in result.out
    assert figures_of(target)["城市特困人数"] == {"本年": 498, "上年": 512}
    assert not pipeline.prepare(target).unwritten


def test_a_value_the_clerk_typed_is_kept_unless_told(run_cli, county, sheet: Path) -> None:
    target = county(
        """\
        # 我们自己核过的数
        总结:
          社会救助:
            指标:
              城市低保人数: 7500   # 民政局核定
              农村低保人数: 33120

              城市特困人数:
        """,
        base="单位: 测试县民政局\n地区: 测试县\n年度: 2025\n",
    )
    before = target.read_text(encoding="utf-8")
    result = run_cli("fill", target, "--季报", sheet, maintainer=True)
    assert result.code == 0, result.err
    assert "总结.社会救助.指标.城市低保人数：现为 7500，季报为 7512" in result.out and "--覆盖" in result.out
    figures = figures_of(target)
    assert figures["城市低保人数"] == 7500 and figures["农村低保人数"] == 33120
    assert figures["城市特困人数"] == 498
    after = target.read_text(encoding="utf-8")
    assert (
        "# 我们自己核过的数" in after
        and "7500   # 民政局核定" in after
        and "\n\n      城市特困人数: 498" in after
    )
    for old, _new in changed_lines(before, after):
        assert all("城市特困人数" in line for line in old)
    result = run_cli("fill", target, "--季报", sheet, "--覆盖", maintainer=True)
    assert result.code == 0 and "总结.社会救助.指标.城市低保人数：7500 → 7512" in result.out
    replaced = target.read_text(encoding="utf-8")
    assert [(o, n) for o, n in changed_lines(after, replaced) if any("城市低保人数" in x for x in o)] == [
        (["      城市低保人数: 7500   # 民政局核定"], ["      城市低保人数: 7512   # 民政局核定"])
    ]


def test_an_xls_is_refused_with_how_to_convert_it(run_cli, county, tmp_path: Path) -> None:
    target = county("", base="单位: 测试县民政局\n地区: 测试县\n年度: 2025\n")
    old = tmp_path / "季报.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0old excel")
    result = run_cli("fill", target, "--季报", old, maintainer=True)
    assert result.code == 2
    assert "另存为" in result.err and "soffice --headless --convert-to xlsx" in result.err
    assert "sudo apt-get install libreoffice-calc" in result.err
    assert "Traceback" not in result.err


def test_a_county_file_that_does_not_validate_is_not_touched(run_cli, county, sheet: Path) -> None:
    target = county(
        "总结:\n  社会救助:\n    指标:\n      城市低保标准: 约700\n",
        base="单位: 测试县民政局\n地区: 测试县\n年度: 2025\n",
    )
    before = target.read_bytes()
    result = run_cli("fill", target, "--季报", sheet, maintainer=True)
    assert result.code == 2 and f"{target}:7:15:" in result.err
    assert target.read_bytes() == before
    assert not list(target.parent.glob(".~minzheng-*"))


def test_a_sheet_of_another_year_is_refused(run_cli, county, tmp_path: Path) -> None:
    target = county("总结:\n  社会救助:\n", base="单位: 测试县民政局\n地区: 测试县\n年度: 2024\n")
    before = target.read_bytes()
    result = run_cli("fill", target, "--季报", write_sheet(tmp_path / "q.xlsx"), maintainer=True)
    assert result.code == 2 and "这是2025年的统计季报" in result.err and "年度是2024年" in result.err
    assert target.read_bytes() == before


def test_rows_read_by_official_name_with_their_sections_city_or_countryside(tmp_path: Path) -> None:
    rows = [
        ("二、社会工作", "", None),
        ("城市最低生活保障", "", None),  # no indents: the section row heads the rows below it
        ("最低生活保障人数", "万人", "7.1"),
        ("最低生活保障平均标准", "元/人·月", "1,245.0"),
        ("农村最低生活保障", "", None),
        ("最低生活保障人数", "万人", "3.8"),
        ("最低生活保障平均标准", "元/人、年", "14,940.0"),
        ("(1)城市低保", "", None),
        ("A、城市低保户数", "户", "4,2"),  # not a number: skipped
        ("其中:农村特困人员救助供养人数", "人", 13),
        ("4.享受综合补贴的老年人数", "人", 12.5),  # a count with decimals fits no figure
        ("(a)按单位类型分", "", None),
        ("I 农村低保金", "万元", "1"),
    ]
    found = {
        p.figure.key: p.value
        for p in quarterly.place(quarterly.read(write_sheet(tmp_path / "q.xlsx", rows)))
        if p.figure is not None
    }
    assert found == {
        "城市低保人数": "71000",
        "城市低保标准": "1245",
        "农村低保人数": "38000",
        "农村低保标准": "1245",
        "农村特困人数": "13",
    }


def test_units_convert_exactly_or_stay_as_given() -> None:
    figure = catalogue.figures()["农村低保标准"]
    row = quarterly.Row(
        "q.xlsx[季报]:9",
        "最低生活保障平均标准",
        "最低生活保障平均标准",
        "农村",
        "元/人·年",
        Decimal(6485),
        "6,485",
    )
    assert quarterly.convert(row, figure) == "6485元/人·年"  # 540.416… a month: kept as the sheet gives it
    money = catalogue.figures()["临时救助金额"]
    assert (
        quarterly.convert(quarterly.Row("w", "n", "n", None, "亿元", Decimal("1.2345"), ""), money) == "12345"
    )
    assert (
        quarterly.convert(quarterly.Row("w", "n", "n", None, "元", Decimal(4851400), ""), money) == "485.14"
    )
    assert quarterly.convert(quarterly.Row("w", "n", "n", None, "人", Decimal(5), ""), money) is None


def test_init_without_sources_writes_the_usual_topics_commented(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "某县2024.yaml"
    assert run_cli("init", "某县", "2024", "-o", target, maintainer=True).code == 0
    text = target.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    usual = set(data["总结"])
    assert {"社会救助", "养老服务", "殡葬管理", "婚姻登记"} <= usual
    assert "疫情防控" not in usual and "疫情防控" not in text
    assert len(usual) < len(catalogue.topic_keys()) - 4
    for key in usual:
        for figure in catalogue.topic(key).figures:
            assert f"      # {figure.key}:  # " in text and f"单位 {figure.unit}" in text
    assert "自定指标:" in text and "{互助照料中心}" in text and "标准句式: false" in text
    assert not pipeline.prepare(target).unwritten
    everything = tmp_path / "全部.yaml"
    assert run_cli("init", "某县", "2024", "--全部", "-o", everything, maintainer=True).code == 0
    assert "疫情防控" in yaml.safe_load(everything.read_text(encoding="utf-8"))["总结"]


def test_a_file_indented_its_own_way_is_edited_line_by_line(run_cli, county, sheet: Path) -> None:
    target = county(
        """\
        总结:
            社会救助:   # 四个空格缩进
                指标:
                    城市低保人数: 7500   # 民政局核定
                    农村低保人数:
                    城市低保标准: {本年: 700, 上年: 694}
        计划:
          养老服务:
              工作: []
        """,
        base="单位: 测试县民政局\n地区: 测试县\n年度: 2025\n",
    )
    before = target.read_text(encoding="utf-8")
    result = run_cli("fill", target, "--季报", sheet, maintainer=True)
    assert result.code == 0, result.err
    after = target.read_text(encoding="utf-8")
    assert "            农村低保人数: 33120\n" in after and "城市低保人数: 7500   # 民政局核定" in after
    assert "现为 7500，季报为 7512" in result.out and "现为 700，季报为 720" in result.out
    for old, new in changed_lines(before, after):
        assert old == ["            农村低保人数:"] or not old, (old, new)
        assert all(catalogue.figure(line.strip().split(":")[0]) is not None for line in new)
    result = run_cli("fill", target, "--季报", sheet, "--覆盖", maintainer=True)
    assert result.code == 0 and "城市低保人数: 7512   # 民政局核定" in target.read_text(encoding="utf-8")
    assert "城市低保标准：700 → 720" in result.out and "城市低保标准" in "".join(
        n for _, new in changed_lines(after, target.read_text(encoding="utf-8")) for n in new
    )


def test_a_text_with_no_report_structure_is_refused(run_cli, tmp_path: Path) -> None:
    text = tmp_path / "随手记.txt"
    text.write_text("今天开了个会，讨论了低保的事。\n", encoding="utf-8")
    result = run_cli("init", "某县", "2025", "--从", text, "-o", tmp_path / "x.yaml", maintainer=True)
    assert result.code == 2 and "不像是一份年度工作报告" in result.err and not (tmp_path / "x.yaml").exists()
