"""Last year's figures from a second file (`--上年 last-year.yaml`), merged into this year's report."""

from __future__ import annotations

from pathlib import Path

from generator.data import catalogue
from generator.data.loader import load_report
from generator.data.numbers import scaled
from generator.data.schema import FigureData, Report, convert, figure_values


def merge_previous(report: Report, previous_path: Path) -> list[str]:
    """Give this year's figures last year's values from ``previous_path``'s 总结.

    A figure written inline as {本年, 上年} keeps its own 上年; when the two files disagree, a note says so.
    """
    previous = load_report(previous_path)
    notes = []
    if previous.year != report.year - 1:
        notes.append(f"{previous_path} 的年度是 {previous.year}，不是 {report.year - 1}；仍按上年数据比较")
    for topic in catalogue.topics():
        section = report.section("总结", topic.key)
        last = figure_values(previous.section("总结", topic.key))
        if section is None or section.figures is None or not last:
            continue
        for figure in topic.figures:
            current = getattr(section.figures, figure.name, None)  # the figures given (a model of those only)
            if not isinstance(current, FigureData) or figure.key not in last:
                continue
            unit, given = current.unit_of(figure), last[figure.key]
            old = convert(
                given.value, figure, given.unit_of(figure), unit
            )  # last year's, in this year's unit
            if old is None:
                notes.append(
                    f"总结.{topic.key}.指标.{figure.key}：上年文件中为{scaled(given.value, given.unit_of(figure))}，"
                    f"不能精确换算为{unit}，不作比较"
                )
            elif current.prev is None:
                setattr(section.figures, figure.name, current.model_copy(update={"prev": old}))
            elif current.prev != old:
                notes.append(
                    f"总结.{topic.key}.指标.{figure.key}: 数据文件中写的上年为{scaled(current.prev, unit)},"
                    f"上年文件中为{scaled(old, unit)}；采用数据文件中的"
                )
    return notes
