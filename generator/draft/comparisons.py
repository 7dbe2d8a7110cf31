"""References to last year's figure ({键.同比}, {键.上年}) that cannot be written: the county gave no 上年.

They print nothing, and the clerk would see a sentence that stops short; the run names each one, where it
is, and what to write (the figure with its 上年, or the previous year's file)."""

from __future__ import annotations

from typing import Any

from generator.data import catalogue, numbers
from generator.data.schema import REFERENCE, Report, figure_values


def _last_years(section: Any) -> dict[str, tuple[bool, str]]:
    """Per name the county can reference: whether last year's value is known, and how to write it with one."""
    known: dict[str, tuple[bool, str]] = {}
    for block in [section, *getattr(section, "work", [])]:
        for key, data in figure_values(block).items():
            figure = catalogue.figures()[key]
            # as the clerk typed it: a bare number stays bare (its unit is the key's)
            shown = (
                numbers.shown(data.value, data.unit_of(figure), data.scale, True)
                if data.written
                else numbers.plain(data.value)
            )
            pair = f"{key}: {{本年: {shown}, 上年: 上年的数}}，或运行时加 --上年 上年的数据文件"
            known[key] = (data.prev is not None, pair)
    for key, given in getattr(section, "custom", {}).items():
        pair = f"{key}: {{本年: {numbers.plain(given.value)}, 上年: 上年的数, 单位: {given.unit}}}"
        known[key] = (given.prev is not None, pair)
    return known


def _texts(section: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """(where in the file, text) of each work item's 标题 and 内容 and each 目标."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, work in enumerate(getattr(section, "work", [])):
        found += [(("工作", i, "标题"), work.title or ""), (("工作", i, "内容"), work.content or "")]
    found += [(("目标", i), goal) for i, goal in enumerate(getattr(section, "goals", []))]
    return found


def without_last_year(report: Report, source: Any) -> list[str]:
    """A note for each {键.同比} / {键.上年} whose figure has no 上年: file:line and what to write.

    ``source`` is the parsed file (:class:`generator.data.yamlsource.Source`)."""
    notes = []
    for part in catalogue.PARTS:
        for topic in catalogue.topics():
            section = report.section(part, topic.key)
            if section is None:
                continue
            texts = [(loc, text) for loc, text in _texts(section) if ".同比}" in text or ".上年" in text]
            if not texts:
                continue
            known = _last_years(section)
            for loc, text in texts:
                for m in REFERENCE.finditer(text):
                    name, attributes = m.groups()
                    figure = catalogue.figure(name)
                    key = figure.key if figure is not None and name not in known else name
                    if not ({".同比", ".上年"} & set(attributes.replace(".", " .").split())):
                        continue
                    if key not in known or known[key][0]:
                        continue
                    line = source.locate((part, topic.key, *loc))[0]
                    notes.append(
                        f"{source.path}:{line}: 「{m.group(0)}」没有写出：数据文件没有「{name}」上年的数。"
                        f"要写与上年的比较，把它写成 {known[key][1]}；不比较就删去「{m.group(0)}」"
                    )
    return notes
