"""No figure lost: every figure a county file provides is written in the draft, or the run says which
one was not and why. Checked mechanically after every render, by comparing the figure marks of the
rendered text with the figures the file provides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.data import catalogue, numbers
from generator.data.schema import Report, figure_values
from generator.draft.compose import template_name
from generator.draft.context import figure_source
from generator.draft.markup import marks

if TYPE_CHECKING:
    from generator.templateset import TemplateSet


@dataclass(frozen=True)
class Provided:
    """One figure of the county file: its mark source, where it is in the file, and how it reads."""

    source: str
    where: str  # 总结.社会救助.指标.低保人数
    shown: str  # 6287人
    custom: bool = False


@dataclass(frozen=True)
class Unwritten:
    """A figure the draft does not write, and why."""

    figure: Provided
    why: str

    def __str__(self) -> str:
        return f"{self.figure.where}（{self.figure.shown}）没有写进草稿：{self.why}"


def provided(report: Report, part: str, topic_key: str) -> list[Provided]:
    """Every figure a section of the county file gives: 指标, each work item's 指标, 自定指标."""
    section = report.section(part, topic_key)
    if section is None:
        return []
    found = []
    for key, data in figure_values(section).items():
        figure = catalogue.figures()[key]
        shown = numbers.shown(data.value, data.unit_of(figure), data.scale, data.written)
        found.append(Provided(f"{part}/{topic_key}/{key}", f"{part}.{topic_key}.指标.{key}", shown))
    for i, item in enumerate(getattr(section, "work", []), 1):
        for key, data in figure_values(item).items():
            figure = catalogue.figures()[key]
            where = f"{part}.{topic_key}.工作[第{i}项].指标.{key}"
            shown = numbers.shown(data.value, data.unit_of(figure), data.scale, data.written)
            found.append(Provided(figure_source(part, topic_key, key, i), where, shown))
    for key, given in getattr(section, "custom", {}).items():
        where = f"{part}.{topic_key}.自定指标.{key}"
        shown = numbers.shown(given.value, given.unit, given.scale, True)
        found.append(Provided(f"{part}/{topic_key}/自定指标/{key}", where, shown, custom=True))
    return found


def written(text: str) -> set[str]:
    """The sources of the figures ``text`` writes (this year's values; not a comparison or last year's)."""
    return {s for source, _ in marks(text) for s in source.split("|") if "@" not in s}


def _why(figure: Provided, own_words: bool, template: str) -> str:
    key = figure.where.rsplit(".", 1)[-1]
    if figure.custom:
        return f"自定指标只在本县的文字中以{{{key}}}引用时写出；请在工作内容中引用它，或删去这一项"
    if own_words:
        return f"本专题写了「标准句式: false」，只写本县的文字；请在工作内容中以{{{key}}}引用它，或删去「标准句式: false」"
    return f"模板 {template} 没有写它（请模板维护人员运行 generator check-templates）"


def unwritten(report: Report, text: str, templates: TemplateSet) -> list[Unwritten]:
    """Every provided figure that the rendered ``text`` does not write, with the reason."""
    shown = written(text)
    missing = []
    for part in catalogue.PARTS:
        for topic in catalogue.topics():
            section = report.section(part, topic.key)
            own_words = section is not None and not getattr(section, "standard", True)
            name = template_name(templates, report, part, topic.key)
            for figure in provided(report, part, topic.key):
                if figure.source not in shown:
                    missing.append(Unwritten(figure, _why(figure, own_words, name)))
    return missing
