"""The models of topic sections and 指标 blocks are built when a county file needs them (only the figures
it gives): a file validates as it would with the whole models, and a batch keeps few models."""

from __future__ import annotations

from pathlib import Path

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
