"""The models of topic sections and 指标 blocks are built when a county file needs them (only the figures
it gives): a file validates as it would with the whole models, and a batch keeps few models."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.data import catalogue, schema
from generator.data.schema import LazyFigures


def _given(block: object) -> dict[str, object]:
    holder = type("Section", (), {"figures": block})()
    return schema.figure_values(holder)


def test_any_set_of_figures_reads_as_with_the_whole_model() -> None:
    figures = catalogue.topic("社会救助").figures
    whole = schema.figures_model("社会救助")
    lazy = LazyFigures("社会救助")
    for start in range(len(figures)):
        block = {f.key: f"{start + n + 1}" for n, f in enumerate(figures[start : start + 3])}
        assert _given(lazy(block)) == _given(whole.model_validate(block))
    assert schema._sets_modelled["社会救助"] <= schema._SETS_MODELLED  # then the whole model serves


def test_a_mistyped_figure_gets_the_whole_models_suggestion(county, run_cli) -> None:
    path: Path = county(
        """
        总结:
          社会救助:
            指标:
              城市低保标砖: 700
            工作:
              - 内容: 开展监测
                指标:
                  结婚登记对数: 3
                  城市低保人数砖: 5
        """
    )
    result = run_cli("validate", path, maintainer=True)
    assert result.code == 2
    assert "指标.城市低保标砖: 未知的键「城市低保标砖」，是否想写：城市低保标准？" in result.err
    assert "工作[第1项].指标.城市低保人数砖: 未知的键「城市低保人数砖」" in result.err


def test_the_report_validator_holds_no_part_model() -> None:
    """总结/计划 are validated by their own models, built on first use, not inside Report's validator (which
    would build all 34 topics of both parts at every start)."""
    report = schema.Report.model_validate(
        {"单位": "测试县民政局", "地区": "测试县", "年度": 2024, "总结": {"社会救助": {"工作": ["开展监测"]}}}
    )
    assert type(report.summary) is schema.part_model("总结")
    assert report.section("总结", "社会救助") is not None
    assert "social_assistance" not in repr(schema.Report.__pydantic_core_schema__)


def test_a_part_not_given_is_empty_and_a_mistyped_topic_gets_the_suggestion(county, run_cli) -> None:
    report = schema.Report.model_validate({"单位": "测试县民政局", "地区": "测试县", "年度": 2024})
    assert report.section("总结", "社会救助") is None and report.section("计划", "养老服务") is None
    result = run_cli("validate", county("总结:\n  养老服物:\n    工作: []\n"), maintainer=True)
    assert result.code == 2
    assert "总结.养老服物: 未知的键「养老服物」，是否想写：养老服务？" in result.err
    result = run_cli("validate", county("计划:\n"), maintainer=True)
    assert result.code == 2 and "计划: 应为「键: 值」的形式（在下一行缩进书写），实际为 None" in result.err


def test_every_topic_reads_through_the_one_section_model_as_through_its_own() -> None:
    for part in ("总结", "计划"):
        for topic in catalogue.topics():
            figure = topic.figures[0].key if topic.figures else None
            given: dict[str, object] = {
                "标题": "做好这项工作",
                "工作": [{"内容": "开展{试点数}项试点"}],
                "自定指标": {"试点数": "3个"},
                **({"指标": {figure: 5}} if figure else {}),
            }
            lazy = schema.LazySection(part, topic.key)
            read, own = lazy(given), lazy.model().model_validate(given)
            assert read.model_dump() == own.model_dump(), (part, topic.key)
            wrong = {**given, "工作": [{"内容": "开展{试点数目}项试点"}]}
            for validate in (lazy, lazy.model().model_validate):
                with pytest.raises(
                    ValidationError, match=re.escape("引用了「{试点数目}」，但本专题没有这个指标")
                ):
                    validate(wrong)
