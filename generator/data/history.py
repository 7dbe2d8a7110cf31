"""Last year's figures from a second file (`--上年 last-year.yaml`), merged into this year's report."""

from __future__ import annotations

from pathlib import Path

from generator.data import catalogue
from generator.data.loader import load_report
from generator.data.numbers import scaled
from generator.data.schema import FigureData, Report, figure_values


def merge_previous(report: Report, previous_path: Path) -> list[str]:
    """Give this year's figures last year's values from ``previous_path``'s 总结.

    A figure written inline as {本年, 上年} keeps its own 上年; when the two files disagree, a note says so.
    """
    previous = load_report(previous_path)
    notes = []
    if previous.year != report.year - 1:
        notes.append(f"{previous_path} 的年度是 {previous.year},不是 {report.year - 1};仍按上年数据比较")
    for topic in catalogue.topics():
        section = report.section("总结", topic.key)
        last = figure_values(previous.section("总结", topic.key))
        if section is None or section.figures is None or not last:
            continue
        for figure in topic.figures:
            current = getattr(section.figures, figure.name)
            if not isinstance(current, FigureData) or figure.key not in last:
                continue
            old = last[figure.key].value
            if current.prev is None:
                setattr(section.figures, figure.name, FigureData(value=current.value, prev=old))
            elif current.prev != old:
                notes.append(
                    f"总结.{topic.key}.指标.{figure.key}: 数据文件中写的上年为{scaled(current.prev, figure.unit)},"
                    f"上年文件中为{scaled(old, figure.unit)};采用数据文件中的"
                )
    return notes
