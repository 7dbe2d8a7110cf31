"""Compose the whole draft as structured text: choose and order the sections (by the learned skeleton,
unless the county says otherwise), render each topic, then the report."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from generator.data import catalogue
from generator.data.schema import Report, figure_values, pending_values
from generator.draft import reference
from generator.draft.context import report_context, section_context
from generator.draft.filters import chinese_date
from generator.draft.markup import REF_OPEN, escape, full_width, parse, shift, with_topic
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
    merged: list[str] = field(default_factory=list)  # topics written in ``body`` with no heading of their own

    def as_context(self) -> dict[str, Any]:
        return {
            "专题": self.topic,
            "标题": with_topic(self.topic, self.title),
            "正文": self.body,
            "子节": [c.as_context() for c in self.children],
        }

    def topics(self) -> list[str]:
        return self.merged or ([c.topic for c in self.children] if self.children else [self.topic])


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
    """The topics of ``part`` the county filled in: its own order first, then the skeleton's, then the catalogue's."""
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
        and (
            reference.last_plan(report, t)
            or (has_content(report.section("总结", t)) and book.usual(t, report.plan_year))
        )
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


@dataclass
class _Drafted:
    """A topic as its template wrote it, before it is placed: whose heading it has and whose text."""

    topic: str
    title: str
    body: str  # unshifted: its headings start at #
    own_title: bool  # the county titled the section (else the catalogue's heading is the template's)
    county_only: bool  # every line is the county's own text: the template wrote nothing of its own
    items: str = ""  # the body with every work item as written, when ``title`` is the county's single item's
    standard_title: bool = False  # ``title`` is the catalogue's heading of the topic

    @property
    def headless(self) -> str:
        """The text to write when a heading above it (a group's) heads the topic."""
        return self.items or self.body


def _pieces(text: str) -> list[str]:
    return [b.text.strip() for b in parse(text) if b.text.strip()]


def _county_only(body: str, context: dict[str, Any]) -> bool:
    """Whether ``body`` holds nothing but the county's work items and goals, however the template joined
    them (「标题。内容」 or a heading and a paragraph)."""
    texts = [w[k] for w in context["工作"] for k in ("标题", "内容") if w[k]] + list(context["目标"])
    written = _pieces(body)
    rest = "\n".join(written)
    for piece in sorted({p for t in texts for p in _pieces(t)}, key=len, reverse=True):
        rest = rest.replace(piece, "")
    return bool(texts and written) and not rest.strip("。 \n")


def _same_words(a: str, b: str) -> bool:
    return a.strip("。；; ") == b.strip("。；; ")


def _draft_topic(
    templates: TemplateSet, report: Report, part: str, topic_key: str, position: int, references: bool
) -> _Drafted:
    section = report.section(part, topic_key)
    own = full_width(section.title) if section and section.title else ""
    title = escape(own or full_width(catalogue.topic(topic_key).heading[part]))
    name = template_name(templates, report, part, topic_key)
    context = section_context(report, part, topic_key, title, templates.phrases, position)
    if part == "计划":
        context |= reference.context(
            report, topic_key, templates.references, region=context["全域"], title=title, on=references
        )
    body = render(templates.env, name, context)
    county_only = _county_only(body, context)
    work = context["工作"]
    if len(work) == 1 and work[0]["标题"] and work[0]["内容"]:
        # A single titled item: its title is said once. Under the county's own title that it restates, it
        # is dropped; under the template's heading, it becomes the section's heading in the catalogue's place.
        alone = {**context, "工作": [{**work[0], "标题": ""}]}
        if own and _same_words(work[0]["标题"], title):
            body = render(templates.env, name, alone)
        elif not own and county_only:
            single = render(templates.env, name, alone)
            if _county_only(single, alone):
                return _Drafted(topic_key, work[0]["标题"], single, False, True, items=body)
    return _Drafted(topic_key, title, body, bool(own), county_only, standard_title=not own)


def _one_sentence(body: str) -> bool:
    """Whether a section's text is a single sentence, with no heading under it."""
    blocks = parse(body)
    sentences = sum(len([s for s in b.text.split("。") if s.strip()]) for b in blocks if b.kind != "heading")
    return sentences <= 1 and not any(b.kind == "heading" for b in blocks)


def _plain_headings(drafted: dict[str, _Drafted]) -> dict[str, _Drafted]:
    """A summary's catalogue headings as plain ones (「养老服务工作」) when one of them would head a single sentence
    (「全面加强党的建设」 over 「开展集中学习7次。」 claims more than the section says); all of them, so that the
    headings of a part stay parallel. The county's own headings and 综合's are kept (and a group's members,
    whose headings run into their text, are not given here)."""
    standard = [t for t, d in drafted.items() if d.standard_title and t != catalogue.GENERAL]
    if not any(_one_sentence(drafted[t].body) for t in standard):
        return drafted
    return {t: replace(d, title=escape(plain_heading(t))) if t in standard else d for t, d in drafted.items()}


def _county_text(report: Report, topic_key: str) -> bool:
    """Whether the county wrote any words of its own for the topic's summary (work items or goals)."""
    section = report.section("总结", topic_key)
    return bool(section is not None and (section.work or getattr(section, "goals", None)))


def plain_heading(topic_key: str) -> str:
    """The topic's heading that claims nothing: 「养老服务工作」, the catalogue's 平实 where the name reads
    otherwise (党建工作, 救助管理工作)."""
    return catalogue.topic(topic_key).heading.get("平实", f"{topic_key}工作")


def _split(drafted: _Drafted) -> list[tuple[str, str]]:
    """(title, body) of the sections a drafted topic is written as.

    One, except when the county titled the section, wrote text of its own under that title and then a
    single titled item: that item is a heading the county gave beside the section's, not a sub-heading of
    a lone child to be folded into the middle of the section's text, so it becomes a section of its own.
    """
    lines = [line.strip() for line in drafted.body.split("\n")]
    headings = [i for i, line in enumerate(lines) if line.startswith("# ")]
    if not (drafted.own_title and drafted.county_only and len(headings) == 1):
        return [(drafted.title, drafted.body)]
    at = headings[0]
    before, after = "\n".join(lines[:at]), "\n".join(lines[at + 1 :])
    if not before.strip() or not after.strip() or any(b.kind == "heading" for b in parse(after)):
        return [(drafted.title, drafted.body)]
    return [(drafted.title, before), (lines[at][2:].strip(), after)]


def _sections(drafted: _Drafted, level: int) -> list[Section]:
    return [Section(drafted.topic, t, shift(b, level)) for t, b in _split(drafted)]


def _merged(group: Group, members: list[_Drafted]) -> Section | None:
    """The group as one section when no member has a heading the county gave or text the template wrote:
    a catalogue heading there would stack on the county's own items, which the group's title already
    heads (their numbering runs on across the group, as the county wrote them)."""
    if any(m.own_title or not m.county_only for m in members):
        return None
    # A member opening with a paragraph would be read as the text of the item before it.
    if any(parse(m.headless)[0].kind == "paragraph" for m in members[1:]):
        return None
    body = "\n".join(shift(m.headless, SECTION_LEVEL) for m in members)
    return Section(catalogue.GENERAL, group.title, body, merged=[m.topic for m in members])


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
    drafted = {t: _draft_topic(templates, report, part, t, i, references) for i, t in enumerate(order)}
    # A part of one section has its heading folded into its text (numbering.drop_lone_children): no
    # heading stands there to claim anything, and the catalogue's reads as its lead sentence.
    tops = {member_of.get(t, t) for t in order}
    if part == "总结" and len(tops) > 1:
        drafted |= _plain_headings({t: d for t, d in drafted.items() if t not in member_of})
    elif (
        part == "总结"
        and len(order) == 1
        and drafted[order[0]].standard_title
        and not _county_text(report, order[0])
    ):
        # ... but over figures alone, 「健全分层分类的社会救助体系。截至年底，……」 claims what the figures do not
        # say: the part's text opens with them.
        drafted[order[0]] = replace(drafted[order[0]], title="")
    sections: list[Section] = []
    placed: set[Group] = set()
    for topic_key in order:
        grouped = member_of.get(topic_key)
        if grouped is None:
            sections += _sections(drafted[topic_key], SECTION_LEVEL)
            continue
        if grouped in placed:
            continue
        placed.add(grouped)
        together = [drafted[t] for t in order if member_of.get(t) == grouped]
        merged = _merged(grouped, together)
        if merged is None:
            children = [s for m in together for s in _sections(m, GROUPED_LEVEL)]
            merged = Section(catalogue.GENERAL, grouped.title, children=children)
        sections.append(merged)
    intro = report.part_layout(part).intro
    return Part(
        part,
        part_title(report, part, templates.skeleton),
        sections,
        escape(full_width(intro)) if intro else "",
        [t for t in order if REF_OPEN in drafted[t].body],
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
