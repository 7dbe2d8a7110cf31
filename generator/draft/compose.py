"""Compose the whole draft as structured text: choose and order the sections (by the learned skeleton,
unless the county says otherwise), render each topic, then the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.data import catalogue
from generator.data.schema import Report, figure_values, pending_values
from generator.draft import reference
from generator.draft.context import report_context, section_context
from generator.draft.filters import chinese_date
from generator.draft.markup import REF_OPEN, escape, full_width, shift
from generator.draft.opening import opening_words
from generator.draft.prose import Phrasebook
from generator.draft.render import render
from generator.draft.skeleton import Group, PartPlan, Skeleton

if TYPE_CHECKING:
    from generator.templateset import TemplateSet

SECTION_LEVEL = 2  # parts are level 1 (一、), topics level 2 ((一)), their items level 3 (1.)
GROUPED_LEVEL = 3  # a topic inside a group heading


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

    def topics(self) -> list[str]:
        return [c.topic for c in self.children] if self.children else [self.topic]


@dataclass
class Part:
    """The summary (总结) or plan (计划) part with its sections in drafting order."""

    key: str
    title: str
    sections: list[Section]

    intro: str = ""
    referenced: list[str] = field(default_factory=list)  # topics written (partly) in 参考表述

    def as_context(self) -> dict[str, Any]:
        return {
            "键": self.key,
            "标题": self.title,
            "引言": self.intro,
            "各节": [s.as_context() for s in self.sections],
        }


def has_content(section: Any) -> bool:
    """A topic the county gave nothing for is left out of the draft."""
    if section is None:
        return False
    return bool(
        section.title
        or figure_values(section)
        or pending_values(section)
        or section.work
        or getattr(section, "goals", None)
        or section.custom
    )


def template_name(templates: TemplateSet, report: Report, part: str, topic_key: str) -> str:
    """The template a topic is drafted with: its own, or 通用.j2 (无模板.yaml, or 标准句式: false)."""
    section = report.section(part, topic_key)
    own_words = section is not None and not section.standard  # the county's own text, no standard sentences
    return "通用.j2" if topic_key in templates.generic[part] or own_words else f"{part}/{topic_key}.j2"


def topic_order(report: Report, part: str, plan: PartPlan, extra: frozenset[str] = frozenset()) -> list[str]:
    """The topics of ``part`` the county filled in (and ``extra`` ones): its own order first, then the
    skeleton's, then the catalogue's."""
    preferred = [*(report.part_layout(part).order or []), *plan.order, *catalogue.topic_keys()]
    present = {t for t in catalogue.topic_keys() if has_content(report.section(part, t))} | extra
    return [t for t in dict.fromkeys(preferred) if t in present]


def reference_topics(report: Report, book: reference.ReferenceBook) -> frozenset[str]:
    """The plan topics drafted in 参考表述: those of the summary (or with last year's plan) for which the
    county gave no plan and there is something to write."""
    return frozenset(
        t
        for t in catalogue.topic_keys()
        if not reference.county_plan(report, t)
        and (reference.last_plan(report, t) or (has_content(report.section("总结", t)) and book.usual(t)))
    )


def groups_for(report: Report, part: str, plan: PartPlan) -> list[Group]:
    """The county's groups when it gave any (an empty list turns grouping off), else the skeleton's."""
    own = report.part_layout(part).groups
    if own is not None:
        return [Group(escape(full_width(g.title)), tuple(g.topics)) for g in own]
    return list(plan.groups)


def part_title(report: Report, part: str, skeleton: Skeleton) -> str:
    """The part header: the county's, else the wording most reports use, else the standard one."""
    own = report.part_layout(part).header
    if own:
        return escape(own)
    timing = report.timing
    name = timing.summary_name if part == "总结" else timing.plan_name  # 2024年 / 2024年上半年 / 下半年
    wordings = skeleton.part(part).headers
    if wordings:
        return wordings[0].text.replace("{年}年", name).replace("{年}", name.removesuffix("年"))
    return f"{name}工作情况" if part == "总结" else f"{name}工作计划"


def _render_topic(
    templates: TemplateSet,
    report: Report,
    part: str,
    topic_key: str,
    level: int,
    position: int,
    references: bool,
) -> Section:
    section = report.section(part, topic_key)
    title = full_width((section.title if section else None) or catalogue.topic(topic_key).heading[part])
    name = template_name(templates, report, part, topic_key)
    context = section_context(report, part, topic_key, escape(title), templates.phrases, position)
    if part == "计划":
        context |= reference.context(
            report, topic_key, templates.references, region=context["全域"], title=title, on=references
        )
    body = render(templates.env, name, context)
    return Section(topic_key, escape(title), shift(body, level))


def build_part(templates: TemplateSet, report: Report, part: str, references: bool = False) -> Part:
    """One part; with ``references``, the plan has a section for each summary topic the county gave no
    plan for, written in 参考表述."""
    plan = templates.plans[part]
    extra = reference_topics(report, templates.references) if part == "计划" and references else frozenset()
    order = topic_order(report, part, plan, extra)
    member_of: dict[str, Group] = {}
    for group in groups_for(report, part, plan):
        members = [t for t in order if t in group.topics and t not in member_of]
        if len(members) >= 2:  # a group of one is just that topic
            member_of.update(dict.fromkeys(members, group))
    sections: list[Section] = []
    placed: dict[Group, Section] = {}
    for position, topic_key in enumerate(order):
        grouped = member_of.get(topic_key)
        if grouped is None:
            sections.append(
                _render_topic(templates, report, part, topic_key, SECTION_LEVEL, position, references)
            )
            continue
        if grouped not in placed:
            placed[grouped] = Section(catalogue.GENERAL, grouped.title)
            sections.append(placed[grouped])
        placed[grouped].children.append(
            _render_topic(templates, report, part, topic_key, GROUPED_LEVEL, position, references)
        )
    intro = report.part_layout(part).intro
    drafted = [s for section in sections for s in (section.children or [section])]
    return Part(
        part,
        part_title(report, part, templates.skeleton),
        sections,
        escape(full_width(intro)) if intro else "",
        [s.topic for s in drafted if REF_OPEN in s.body],
    )


def document_context(report: Report, parts: list[Part], book: Phrasebook) -> dict[str, Any]:
    """Names report.j2 receives: the report's own, the opening's pieces, and the parts."""
    has_plan = not report.summary_only
    summary_topics = [t for s in parts[0].sections for t in s.topics()] if parts else []
    return {
        **report_context(report),
        **opening_words(report, summary_topics, book),
        "有计划": has_plan,
        "如下": "报告如下" if report.addressee else ("汇报如下" if has_plan else "总结如下"),
        "标题": escape(report.title or report.timing.title(report.unit, plan=has_plan)),
        "主送机关": escape(report.addressee) if report.addressee else "",
        "标记": escape(report.mark.strip("（）()")) if report.mark else "",
        # None: the standard opening; "": the county wants none (its report opens with a part header).
        "导语": None if report.opening is None else escape(full_width(report.opening)),
        "各部分": [p.as_context() for p in parts],
        "落款": escape(report.unit),
        "日期": chinese_date(report.date) if report.date else "【待补充：成文日期】",
    }


def compose(templates: TemplateSet, report: Report, *, references: bool = True) -> tuple[str, list[Part]]:
    """The draft's structured text, and the parts it holds (for the run summary). ``references``: write
    参考表述 where the county gave no plan (unless its file says 参考表述: false; never in a summary-only
    report, which has no plan part)."""
    on = reference.wanted(report, references)
    parts = [
        build_part(templates, report, p, on)
        for p in catalogue.PARTS
        if p == "总结" or not report.summary_only
    ]
    context = document_context(report, parts, templates.phrases)
    return render(templates.env, "report.j2", context), parts
