"""Read the county files of a folder one at a time, each validated as `validate` does, and keep of each
only what a roll-up needs (its figures with their lines, its own figures and its work items as text):
never the validated models of all of them at once (combine stores each in generator.rollup.store)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.data import catalogue, yamlsource
from generator.data.loader import load_source
from generator.data.numbers import as_written, shown
from generator.data.schema import REFERENCE, CustomFigure, FigureData, Report, figure_values
from generator.errors import UserError

MARKER = "# 市级汇总"  # the first line of a city file this command wrote


@dataclass(frozen=True, slots=True)
class Style:
    """How a clerk typed a figure: its unit, 万/亿 written with the number, and whether a unit was written."""

    unit: str
    scale: str | None
    written: bool


@dataclass(frozen=True, slots=True)
class Value:
    """One county's figure: in its unit group's base unit (exact), with where and how it was typed."""

    region: str
    path: Path
    line: int
    base: Decimal
    prev_base: Decimal | None
    style: Style
    text: str  # as the county's draft shows it
    prev_text: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A line of the county's own (a 自定指标, a work item, a goal), to be carried as a comment."""

    part: str
    topic: str
    kind: str  # 自定指标 / 工作 / 目标 / 指标
    text: str
    line: int


@dataclass
class County:
    """What the roll-up keeps of one valid county file."""

    path: Path
    region: str
    timing: tuple[int, str, str]  # 年度, 报告期, 统计截止 (as a date text)
    timing_line: int
    region_line: int
    figures: dict[str, Value] = field(default_factory=dict)  # 总结's catalogue figures by key
    notes: list[Note] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # a figure given twice with different values


def period_words(timing: tuple[int, str, str]) -> str:
    year, period, cutoff = timing
    return f"{year}年{period}（统计截止{cutoff}）"


@dataclass(frozen=True)
class Broken:
    """A county file that does not validate: listed and skipped, never half-counted."""

    path: Path
    problem: str  # the first
    more: int  # how many others


@dataclass(frozen=True)
class Ours:
    """A city file this command wrote, found in the folder (an earlier run's -o inside it)."""

    path: Path


def is_ours(path: Path) -> bool:
    """Whether ``path`` begins as a city file written by `generator 汇总` does."""
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            return f.readline().startswith(MARKER)
    except OSError:
        return False


def counties(paths: Iterable[Path]) -> Iterator[County | Broken | Ours]:
    """Each file read, validated, boiled down and let go before the next is read."""
    for path in paths:
        if is_ours(path):
            yield Ours(path)
            continue
        try:
            source, report = load_source(path)
        except UserError as e:
            yield Broken(path, e.problems[0] if e.problems else str(e), max(len(e.problems) - 1, 0))
            continue
        yield _county(path, source, report)


def _county(path: Path, source: yamlsource.Source, report: Report) -> County:
    timing = report.timing
    where = next((k for k in ("统计截止", "报告期") if _has(source.data, (k,))), "年度")
    county = County(
        path,
        report.region,
        (timing.year, timing.period.label, timing.cutoff.isoformat()),
        source.locate((where,))[0],
        source.locate(("地区",))[0],
    )
    for part in catalogue.PARTS:
        for topic in catalogue.topics():
            section = report.section(part, topic.key)
            if section is not None:
                _section(county, source, part, topic.key, section)
    return county


def _has(data: Any, loc: tuple[str | int, ...]) -> bool:
    for step in loc:
        inside = (isinstance(data, dict) and step in data) or (
            isinstance(data, list) and isinstance(step, int) and step < len(data)
        )
        if not inside:
            return False
        data = data[step]
    return True


def _written_key(source: yamlsource.Source, block: tuple[str | int, ...], figure: catalogue.Figure) -> str:
    """The key the file gives ``figure`` under (its old name, perhaps)."""
    return next((k for k in (figure.key, *figure.old) if _has(source.data, (*block, k))), figure.key)


def _section(county: County, source: yamlsource.Source, part: str, topic: str, section: Any) -> None:
    blocks: list[tuple[tuple[str | int, ...], Any]] = [((part, topic, "指标"), section)]
    blocks += [((part, topic, "工作", i, "指标"), w) for i, w in enumerate(section.work)]
    words: dict[str, tuple[str, str, str | None]] = {}  # {名称}: (shown, number, last year's)
    for block, holder in blocks:
        for key, data in figure_values(holder).items():
            figure = catalogue.figures()[key]
            line = source.locate((*block, _written_key(source, block, figure)))[0]
            value = _value(county, figure, data, line)
            words[key] = (value.text, _number(data, figure), value.prev_text)
            if part == "总结":
                _keep(county, key, value)
            else:
                county.notes.append(Note(part, topic, "指标", f"{key}：{value.text}", line))
    for name, custom in section.custom.items():
        text = _custom_text(custom)
        words[name] = (text, as_written(custom.value, "", custom.scale), None)
        line = source.locate((part, topic, "自定指标", name))[0]
        county.notes.append(Note(part, topic, "自定指标", f"{name}：{text}", line))
    for i, work in enumerate(section.work):
        text = "：".join(t for t in (work.title, work.content) if t)
        if text:
            line = source.locate((part, topic, "工作", i))[0]
            county.notes.append(Note(part, topic, "工作", _resolved(text, words), line))
    for i, goal in enumerate(getattr(section, "goals", [])):
        line = source.locate((part, topic, "目标", i))[0]
        county.notes.append(Note(part, topic, "目标", _resolved(goal, words), line))


def _keep(county: County, key: str, value: Value) -> None:
    """A figure of 总结 (given once; given again in another topic's work item, the first is kept)."""
    kept = county.figures.setdefault(key, value)
    if kept is not value and kept.base != value.base:
        county.duplicates.append(
            f"{county.path}:{value.line}: {key}（{value.text}）在第{kept.line}行已填写为{kept.text}；汇总采用第{kept.line}行的"
        )


def _value(county: County, figure: catalogue.Figure, data: FigureData, line: int) -> Value:
    unit = data.unit_of(figure)
    prev = None if data.prev is None else data.in_base(figure, data.prev)
    return Value(
        county.region,
        county.path,
        line,
        data.in_base(figure),
        prev,
        Style(unit, data.scale, data.written),
        shown(data.value, unit, data.scale, data.written),
        None if data.prev is None else shown(data.prev, unit, None, data.written),
    )


def _number(data: FigureData, figure: catalogue.Figure) -> str:
    text = as_written(data.value, data.unit_of(figure), data.scale)
    return re.sub(r"[^\d.万亿]+$", "", text)


def _custom_text(custom: CustomFigure) -> str:
    text = as_written(custom.value, custom.unit, custom.scale)
    return text if custom.prev is None else f"{text}（上年{as_written(custom.prev, custom.unit, None)}）"


def _resolved(text: str, words: dict[str, tuple[str, str, str | None]]) -> str:
    """The county's text with its {名称} references written out, so that the city's clerk reads its numbers."""

    def one(match: re.Match[str]) -> str:
        name, tail = match.group(1), match.group(2)
        if name not in words:
            return match.group()
        full, number, prev = words[name]
        if tail == ".数值":
            return number
        if tail.startswith(".上年") and prev is not None:
            return prev
        return full if not tail else match.group()

    return " ".join(REFERENCE.sub(one, text).split())
