"""This year's county data file written from last year's report (`generator init … --从 去年报告`).

What it carries: 单位, 地区, 年度, 主送机关, the report's structure (结构) and headings (标题), and last
year's figures as 上年 with the sentence each came from, and last year's plan items as a 「去年计划:」 list
under this year's summary topics (drafted only as 参考表述, marked for checking, where this year's plan
says nothing of the topic). What it does not: last year's summary text. That stays in comments (「# 去年原文：」,
numbers that fit no figure as a list), so that nothing old passes as this year's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from generator.data import catalogue
from generator.data.numbers import plain
from generator.draft.prose import Phrasebook
from generator.errors import InputError
from generator.tools.figuremap import Placed
from generator.tools.lastyear import LastYear, Shape, plan_items, read, shape
from generator.tools.scaffold import SCHEMA_FILE, scalar

_YEAR = re.compile(r"(19|20)\d{2}")
_MAX_QUOTE = 200  # characters of a quoted sentence; longer ones are cut with …


def _comment(text: str) -> str:
    return " ".join(text.split())


def _quote(sentence: str) -> str:
    text = _comment(sentence)
    return f"「{text[:_MAX_QUOTE]}…」" if len(text) > _MAX_QUOTE else f"「{text}」"


def _next_year(text: str) -> str:
    """A header of last year's with every year one later: 2024年工作情况 -> 2025年工作情况."""
    return _YEAR.sub(lambda m: str(int(m.group()) + 1), text)


def _unit(report: LastYear, region: str) -> tuple[str, str]:
    """The issuing body and where it came from: the report's (when it names the region), else the usual."""
    stem = region[:-1] if len(region) > 2 and region[-1] in "市县区旗" else region
    if report.unit and stem in report.unit:
        return report.unit, "去年报告的落款" if report.outline.signature else "去年报告的标题"
    return f"{region}民政局", "去年报告没有落款，请核对"


def _value(placed: Placed) -> str:
    assert placed.value is not None
    return plain(Decimal(placed.value)) + (placed.unit or "")


def _layout(shapes: dict[str, Shape]) -> list[str]:
    lines = ["结构:"]
    for part, s in shapes.items():
        lines.append(f"  {part}:")
        if s.header:
            lines.append(f"    部分标题: {scalar(_next_year(s.header))}")
        if s.order:
            lines.append(f"    顺序: [{', '.join(s.order)}]")
        if s.groups:
            lines.append("    分组:")
            for title, topics in s.groups:
                lines += [f"    - 标题: {scalar(title)}", f"      专题: [{', '.join(topics)}]"]
        else:
            lines.append("    分组: []  # 去年的报告没有分组")
    return lines


def render(report: LastYear, region: str, year: int, source: Path) -> str:
    """The data file's text: it validates and drafts as written (every figure's 本年 is still to fill)."""
    items = plan_items(report)
    shapes = {"总结": shape(report, "总结"), "计划": shape(report, "计划", items)}
    unit, unit_from = _unit(report, region)
    last = year - 1
    figures: dict[str, list[Placed]] = defaultdict(list)
    for p in report.figures():
        assert p.figure is not None
        figures[p.figure.topic].append(p)
    unplaced: dict[str | None, list[Placed]] = defaultdict(list)
    for p in report.unplaced():
        unplaced[p.topic].append(p)
    plans: dict[str, list[str]] = defaultdict(list)
    for topic, item in items:
        plans[topic].append(item)
    texts = _summary_texts(report)
    summary_topics = list(
        dict.fromkeys([*shapes["总结"].order, *figures, *plans, *(t for t in unplaced if t), *texts])
    )
    summary_topics = [t for t in summary_topics if t in catalogue.topic_keys() and t != catalogue.GENERAL]
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# {region}{year}年工作总结及{year + 1}年工作计划的数据文件，由 generator init 据去年的报告 {source.name} 生成。",
        f"# 「上年」是去年报告中的数字（其上的注释引了原句）；{year}年的数字写在「本年:」后面，没写的在草稿中以【待补充】标出。",
        (
            "# 「# 去年原文：」是去年的总结，只是注释，不会写进草稿；「去年计划」是去年定下的计划（请逐条写明完成情况），"
            "计划部分没有写的专题，草稿按它起草计划，以参考表述标出。"
        ),
        "# 检查：generator validate 本文件；起草：generate 本文件。",
        f"单位: {scalar(unit)}  # {unit_from}",
        f"地区: {scalar(region)}",
        f"年度: {year}",
        f"# 成文日期: {year}-12-31  # 请写实际成文日期；不写则草稿中以【待补充】标出",
    ]
    if report.outline.addressee:
        lines.append(f"主送机关: {scalar(report.outline.addressee)}")
    if _uses_items(report):
        lines.append("条目样式: 一是  # 去年的报告用「一是、二是」写工作条目")
    opening = _opening(report)
    if opening:
        lines.append(f"# 导语: 不写则用标准导语。去年的导语：{_quote(opening)}")
    lines += _layout(shapes)
    lines += ["", "总结:"]
    if not summary_topics:
        lines[-1] = "总结: {}"
    for topic in summary_topics:
        lines += _summary_section(
            topic, shapes["总结"], figures[topic], unplaced[topic], plans[topic], texts, last, report.period
        )
    if unplaced[None]:
        lines += ["", f"# 去年报告中其他没有对应到标准指标的数字（{last}年）："]
        lines += [f"#   - {line}" for line in _unplaced_lines(unplaced[None])]
    plan_topics = [t for t in shapes["计划"].order if t != catalogue.GENERAL]
    lines += ["", "计划:" if plan_topics else "计划: {}"]
    for topic in plan_topics:
        title = shapes["计划"].titles.get(topic)
        lines.append(f"  {topic}:")
        if title:
            lines.append(f"    标题: {scalar(title)}  # 去年计划中这一节的标题，可改")
        lines += ["    目标: []  # 每条一句，如「- 新建老年食堂5个。」", "    工作: []"]
    return "\n".join(lines) + "\n"


def _summary_section(
    topic: str,
    layout: Shape,
    figures: list[Placed],
    unplaced: list[Placed],
    plans: list[str],
    texts: dict[str, list[str]],
    last: int,
    report_period: str | None = None,
) -> list[str]:
    lines = ["", f"  {topic}:"]
    body = False
    title = layout.titles.get(topic)
    if title:
        lines.append(f"    标题: {scalar(title)}  # 去年这一节的标题，可改")
        body = True
    if plans:
        lines.append(
            "    去年计划:  # 去年定下的这一专题的计划：请对照写明今年的完成情况。计划部分没有写这一专题时，"
            "草稿的计划部分先写这几条（以参考表述标出，须核实）；明年不再做的删去"
        )
        lines += [f"      - {scalar(_comment(item))}" for item in plans]
    if figures:
        lines.append(f"    指标:  # 上年：{last}年报告中的数字；本年：请填写")
        body = True
        quoted = None
        for p in figures:
            assert p.figure is not None
            if (p.line, p.sentence) != quoted:
                lines.append(f"      # 去年报告第{p.line}行：{_quote(p.sentence)}")
                quoted = (p.line, p.sentence)
            if p.period:
                # a flow of part of a year is no 上年: set against this year's whole year it would mislead
                said = f"{_value(p)}{'' if p.unit else p.figure.unit}"
                flag = f"去年报告的{said}只是{p.period}的数，不是全年的，没有写作上年（草稿不拿它与全年比较）"
                lines += [
                    f"      {p.figure.key}:",
                    "        本年:",
                    f"        上年:  # {flag}；有全年的数请写在这里",
                ]
                continue
            midway = ""
            if report_period and p.figure.period == "存量":
                midway = (
                    f"  # 去年的报告只写到{report_period}，这是那时的数，不是年末的；与年末的数比较前请核对"
                )
            lines += [f"      {p.figure.key}:", "        本年:", f"        上年: {_value(p)}{midway}"]
    if unplaced:
        lines.append(
            f"    # 去年报告中没有对应到标准指标的数字（{last}年），需要时写进「自定指标」，在工作内容中以 {{名称}} 引用："
        )
        lines += [f"    #   - {line}" for line in _unplaced_lines(unplaced)]
    for text in texts.get(topic, []):
        lines.append(f"    # 去年原文：{_comment(text)}")
    if not body:
        lines.append("    工作: []  # 每条写成「- 标题: …」和「  内容: …」，或一句话")
    else:
        lines.append("    工作: []  # 今年的工作：每条写成「- 标题: …」和「  内容: …」，或一句话")
    return lines


def _unplaced_lines(placed: list[Placed]) -> list[str]:
    by_sentence: dict[tuple[int, str], list[Placed]] = defaultdict(list)
    for p in placed:
        by_sentence[(p.line, p.sentence)].append(p)
    lines = []
    for (line, sentence), numbers in by_sentence.items():
        listed = "；".join(f"{p.fact.text.strip()}（{p.why}）" for p in numbers)
        lines.append(f"{listed}：{_quote(sentence)}（第{line}行）")
    return lines


def _summary_texts(report: LastYear) -> dict[str, list[str]]:
    """Last year's summary text by topic, to keep as comments."""
    texts: dict[str, list[str]] = defaultdict(list)
    for p in report.paragraphs:
        bare_heading = p.heading is not None and "。" not in p.text.rstrip("。")
        if p.part == "总结" and p.topics and not bare_heading:
            texts[p.topics[0]].append(p.text)
    return texts


def _opening(report: LastYear) -> str | None:
    """The paragraph before the first heading (the 导语), if the report has one."""
    first = min((h.line for h in report.outline.headings), default=None)
    if first is None:
        return None
    skip = {
        report.outline.title,
        report.outline.addressee,
        report.outline.addressee and report.outline.addressee + "：",
    }
    for p in report.all_lines:
        if p[0] < first and p[1] and p[0] not in report.outline.noise and p[1] not in skip and len(p[1]) > 30:
            return p[1]
    return None


def _uses_items(report: LastYear) -> bool:
    """Whether last year's summary wrote its work items as 一是、二是 rather than numbered sub-headings."""
    levels = [h.level for h in report.headings("总结") if h.kind == "section"]
    return levels.count("item") > sum(1 for lv in levels if lv in (3, 4))


def from_report(source: Path, region: str, year: int, book: Phrasebook) -> tuple[str, LastYear]:
    """The text of this year's file from last year's report at ``source`` (which must be last year's)."""
    report = read(source, book)
    if not report.paragraphs:
        raise InputError(
            f"{source}: 没有找到报告的部分标题或各级标题（如「一、2024年工作情况」「（一）……」），"
            f"不像是一份年度工作报告；请确认选对了文件，或不带 --从 运行 generator init {region} {year}"
        )
    if report.plan_only:
        if report.year is not None and report.year != year:
            raise InputError(
                f"{source}: 这是{report.year}年的工作计划（要点），是{report.year}年总结要对照的计划；"
                f"请写 generator init {region} {report.year} --从 {source}"
            )
        return render(report, region, year, source), report
    if report.year is not None and report.year != year - 1:
        raise InputError(
            f"{source}: 这份报告总结的是{report.year}年，据它写的应是{report.year + 1}年的数据文件；"
            f"请写 generator init {region} {report.year + 1} --从 {source}"
        )
    return render(report, region, year, source), report


def summary_line(report: LastYear) -> str:
    """What the file took from last year's report, in one line for the clerk."""
    figures, unplaced, items = report.figures(), report.unplaced(), plan_items(report)
    part = [p for p in figures if p.period]
    counted = "，".join(f"{n}个{why}" for why, n in sorted(report.counts.items(), key=lambda kv: -kv[1]))
    return (
        f"据 {report.path.name}：{len(figures) - len(part)}个指标写了上年数（注释中引了原句）"
        + (f"，{len(part)}个只是半年或几个月的数，没有写作上年（注释中注明）" if part else "")
        + f"，{len(unplaced)}个数字没有对应的标准指标（列在各专题的注释中，附原因）"
        + (f"，另有{counted}" if counted else "")
        + f"，{len(items)}条去年计划写在各专题的「去年计划」下"
    )
