"""Compose the whole draft as structured text: choose the sections, render each topic, then the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from generator import catalogue
from generator.context import figure_values, report_context, section_context
from generator.render import chinese_date, render
from generator.schema import Report
from generator.structure import escape, shift

SECTION_LEVEL = 2  # parts are level 1 (一、), topics level 2 ((一)), their items level 3 (1.)


@dataclass
class Section:
    """One drafted section: a topic (or a group of topics) with its heading and rendered body."""

    topic: str
    title: str
    body: str = ""
    children: list[Section] = field(default_factory=list)

    def as_context(self) -> dict[str, Any]:
        return {
            "专题": self.topic,
            "标题": self.title,
            "正文": self.body,
            "子节": [c.as_context() for c in self.children],
        }


@dataclass
class Part:
    """The summary (总结) or plan (计划) part with its sections in drafting order."""

    key: str
    sections: list[Section]

    def as_context(self) -> dict[str, Any]:
        return {"键": self.key, "各节": [s.as_context() for s in self.sections]}


def has_content(section: Any) -> bool:
    """A topic the county gave nothing for is left out of the draft."""
    if section is None:
        return False
    return bool(section.title or figure_values(section) or section.work or getattr(section, "goals", None))


def topics_in_order(report: Report, part: str) -> list[str]:
    """The topics of ``part`` the county filled in, in drafting order."""
    return [t.key for t in catalogue.topics() if has_content(report.section(part, t.key))]


def build_part(env: SandboxedEnvironment, report: Report, part: str) -> Part:
    sections = []
    for topic_key in topics_in_order(report, part):
        section = report.section(part, topic_key)
        title = (section.title if section else None) or catalogue.topic(topic_key).heading[part]
        body = render(env, f"{part}/{topic_key}.j2", section_context(report, part, topic_key, escape(title)))
        sections.append(Section(topic_key, escape(title), shift(body, SECTION_LEVEL)))
    return Part(part, sections)


def compose(env: SandboxedEnvironment, report: Report) -> tuple[str, list[Part]]:
    """The draft's structured text, and the parts it holds (for the run summary)."""
    parts = [build_part(env, report, p) for p in catalogue.PARTS]
    context = {
        **report_context(report),
        "标题": escape(report.title or f"{report.unit}{report.year}年工作总结及{report.plan_year}年工作计划"),
        "主送机关": escape(report.addressee) if report.addressee else "",
        "导语": escape(report.opening) if report.opening else "",
        "各部分": [p.as_context() for p in parts],
        "落款": escape(report.unit),
        "日期": chinese_date(report.date),
    }
    return render(env, "report.j2", context), parts
