"""Structural golden tests of the whole pipeline: style and text of every paragraph of a draft.

天门市2024 is a seed redrafted; the two examples under golden/inputs/ are the report's period at work:
a year's report whose figures stop at 10月底, and a half-year report (上半年工作总结和下半年工作计划).
After an intended change of wording or layout, refresh them with:  UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import TIANMEN, paragraphs

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "天门市2024": TIANMEN,
    "示例县2024年1-10月": GOLDEN / "inputs" / "示例县2024年1-10月.yaml",
    "示例县2024年上半年": GOLDEN / "inputs" / "示例县2024年上半年.yaml",
}


def drafted(name: str, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / f"{name}.docx"
    pipeline.build(CASES[name], out=out)
    return [list(p) for p in paragraphs(out)]


@pytest.mark.parametrize("name", list(CASES))
def test_draft_matches_golden(tmp_path: Path, name: str) -> None:
    actual = drafted(name, tmp_path)
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def _body(name: str, tmp_path: Path) -> tuple[str, list[str]]:
    texts = [text for _, text in drafted(name, tmp_path)]
    return "\n".join(texts), texts


def test_ten_months_say_so_throughout(tmp_path: Path) -> None:
    text, texts = _body("示例县2024年1-10月", tmp_path)
    assert texts[0] == "示例县民政局2024年工作总结\n及2025年工作计划"  # still the year's report
    assert "截至10月底，全县共有城乡低保对象2035户3160人，其中城市860人、农村2300人" in text
    assert "1-10月累计发放城乡低保金1856.4万元" in text  # the period said once, in the paragraph's first flow
    assert "1-10月累计为4210名高龄老年人发放高龄津贴315.6万元" in text  # the next: the period, not the scope
    assert "现有低收入人口监测对象5210人" in text  # a work item's own figure, after its own words
    assert "年底" not in text and "全年" not in text


def test_half_year_report(tmp_path: Path) -> None:
    text, texts = _body("示例县2024年上半年", tmp_path)
    assert texts[0] == "示例县民政局2024年上半年工作总结\n和下半年工作计划"
    assert texts[1].startswith("2024年上半年，示例县民政局")
    assert texts[1].endswith("现将2024年上半年工作情况和下半年工作计划汇报如下：")  # a plan is not 总结
    assert "一、2024年上半年工作回顾" in texts and "二、下半年工作计划" in texts
    assert "截至6月底，全县共有城乡低保对象3160人" in text
    assert "截至6月底，全县共有城乡低保对象3160人" in text
    assert "上半年累计发放城乡低保金1102.3万元" in text
    assert "累计火化遗体486具" in text
    assert "年底" not in text.replace("年底前再建成", "") and "全年" not in text
    assert "2025" not in text  # the plan is for the second half of the same year


def test_a_period_counted_from_the_start_of_the_year_is_a_clause_of_its_own(tmp_path: Path) -> None:
    """「今年以来，累计……」 (天门, written before the year ends), as 「2024年累计」「1-10月累计」 stay one phrase."""
    out = tmp_path / "天门.docx"
    pipeline.build(TIANMEN, out=out)
    text = "\n".join(text for _, text in paragraphs(out))
    assert "今年以来，累计发放各类救助资金2.37亿元" in text and "今年以来累计" not in text
