"""The city file (ruamel.yaml, with comments for the clerk) and its trace: every number in it names the
county files and lines it was added up from."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.representer import RoundTripRepresenter

from generator.data import catalogue
from generator.data.numbers import in_scale, plain, shown
from generator.data.period import month_end
from generator.data.yamlsource import MAX_BYTES
from generator.rollup.combine import Rollup
from generator.rollup.read import MARKER, Value
from generator.rollup.totals import Total

INLINE = 12  # up to this many counties, a total's comment lists each county's value (or its missing ones)
SHOWN_FINDINGS = 50  # findings, and files not counted, the header lists
SHOWN_COUNTIES = 50  # counted counties the header names


@dataclass(frozen=True)
class Options:
    """What the clerk asked for."""

    unit: str
    region: str
    partial: bool = False  # write a figure some counties left out, worded as theirs only (--部分县区)
    detail: int = 2  # the counties' texts in full (2), cut short (1), or left out (0): see city_file


class _Representer(RoundTripRepresenter):
    """Numbers as their exact digits (Decimal, never a float's approximation)."""


def _decimal(representer: RoundTripRepresenter, number: Decimal) -> Any:
    tag = "int" if number == number.to_integral_value() else "float"
    return representer.represent_scalar(f"tag:yaml.org,2002:{tag}", plain(number))


_Representer.add_representer(Decimal, _decimal)


def city_file(rollup: Rollup, options: Options, phrase: Callable[[str, str], str]) -> str:
    """The city's county file; ``phrase`` gives a figure's clause (句式, with {值}) by topic and key.

    The counties' work items are carried in full while the file stays well under the size a data file may
    have (yamlsource.MAX_BYTES); a folder of hundreds of counties gets each item's beginning, then none.
    A detail whose texts alone would not fit is not tried (the file is never built that big), and every
    list of counties is cut short past a few dozen, so the file stops growing with the counties.
    """
    limit = MAX_BYTES * 0.9
    for detail in range(options.detail, -1, -1):
        if detail and rollup.store.note_size(None if detail == 2 else SHORT) >= limit:
            continue
        text = _city_file(rollup, replace(options, detail=detail), phrase)
        if len(text.encode("utf-8")) < limit:
            break
    return text


def listed(names: Iterable[str], count: int, limit: int = INLINE) -> str:
    """``names`` joined with 、, past ``limit`` the first few and 「等N个县区」 (``count``: how many there are)."""
    shown = "、".join(itertools.islice(names, limit))
    return shown if count <= limit else f"{shown}等{count}个县区"


def _city_file(rollup: Rollup, options: Options, phrase: Callable[[str, str], str]) -> str:
    root = CommentedMap()
    root["单位"] = options.unit
    root["地区"] = options.region
    year, period, cutoff = rollup.timing
    root["年度"] = year
    if period != "全年":
        root["报告期"] = period
    end = dt.date.fromisoformat(cutoff)
    if (period == "全年" and end != month_end(year, 12)) or (
        period != "全年" and end != month_end(year, end.month)
    ):
        root["统计截止"] = end
    root.yaml_set_start_comment(_header(rollup))
    summary = _summary(rollup, options, phrase)
    if summary:
        root["总结"] = summary
    plan = _plan(rollup, options.detail)
    if plan:
        root["计划"] = plan
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.width = 4096  # a comment or a work item stays on its line
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def _header(rollup: Rollup) -> str:
    counted = rollup.counted_count
    names = listed((c.region for c in rollup.counted()), counted, SHOWN_COUNTIES)
    lines = [
        f"{MARKER}：由 generator 汇总 据 {rollup.folder} 中的{rollup.files}个数据文件写出，"
        + f"合计的是{counted}个县区的数字",
        f"计入合计的县区（{counted}个）：{names}"
        + ("（全部县区见 --trace 写出的 .trace.json）" if counted > SHOWN_COUNTIES else ""),
    ]
    not_counted = itertools.chain(
        (f"{b.path.name}（文件有误：{b.problem}）" for b in rollup.broken_files()),
        (f"{left.path.name}（{left.finding.message}）" for left in rollup.left_files()),
    )
    out = rollup.broken_count + rollup.left_count
    if out:
        lines.append(f"未计入的文件（{out}个）：")
        lines += [f"  {n}" for n in itertools.islice(not_counted, SHOWN_FINDINGS)]
        if out > SHOWN_FINDINGS:
            lines.append(f"  ……另有{out - SHOWN_FINDINGS}个，见运行结果")
    found = rollup.checked_count
    if found:
        lines.append(f"请核对（{found}处）：")
        lines += [f"  {f}" for f in itertools.islice(rollup.checked(), SHOWN_FINDINGS)]
        if found > SHOWN_FINDINGS:
            lines.append(f"  ……另有{found - SHOWN_FINDINGS}处，见运行结果")
    lines += [
        "每个合计数后的注释列出各县区的数；加 --trace 另写 .trace.json，列出每个数来自哪个文件的哪一行。",
        "各专题下的注释是没有合计的数（标准和比率、只有部分县区填报的数、各县区的自定指标）和各县区的工作，",
        "请据此填写本市的数、合并改写本市的工作；成文日期请补上。",
    ]
    return "\n".join(lines)


def _summary(rollup: Rollup, options: Options, phrase: Callable[[str, str], str]) -> CommentedMap:
    by_topic: dict[str, list[Total]] = {}
    for total in rollup.totals:
        by_topic.setdefault(total.figure.topic, []).append(total)
    summary = CommentedMap()
    for topic in catalogue.topic_keys():
        totals = by_topic.get(topic, [])
        figures = CommentedMap()
        lines: list[str] = []
        written = _written(totals, options)
        for total in totals:
            if total in written:
                words = None if total.complete else _partial_words(phrase(topic, total.figure.key), total)
                _figure(figures, total, words, rollup)
        levels = [_level_line(t, rollup) for t in totals if t.level]
        partial = [_partial_line(t, rollup) for t in totals if not t.level and t not in written]
        if levels:
            lines += ["标准和比率不合计，请填本市的数（各县区的范围）：", *levels]
        if partial:
            why = (
                "户数与人数在草稿中连写，未写入"
                if options.partial
                else "要写进草稿时加 --部分县区，注明是部分县区的合计"
            )
            lines += [f"只有部分县区填报，未作合计（{why}）：", *partial]
        lines += _note_lines(rollup, "总结", topic, options.detail)
        if not figures and not lines:
            continue
        section = CommentedMap()
        if figures:
            section["指标"] = figures
        _place(
            summary,
            topic,
            section,
            lines,
            "本专题没有可以合计的数字：请据以上各县区的内容写本市的（不写则本专题不起草）",
        )
    return summary


def _written(totals: list[Total], options: Options) -> list[Total]:
    """The totals the city file gives: the complete ones and, asked for, those of some counties only, but
    not a partial 户 count beside a 人 count (the draft joins them as 600户4700人, one of them partial)."""
    complete = {t.figure.key for t in totals if t.complete and not t.level}
    found = []
    for total in totals:
        if total.level or not (total.complete or options.partial):
            continue
        paired = [t for t in totals if t.figure.households == total.figure.key and not t.level]
        if not total.complete and paired and any(t.figure.key in complete for t in paired):
            continue
        found.append(total)
    return found


def _plan(rollup: Rollup, detail: int) -> CommentedMap:
    plan = CommentedMap()
    for topic in rollup.store.note_topics("计划"):
        empty = "请据以上各县区的计划写本市的（不写则按常见写法起草参考表述）"
        _place(plan, topic, CommentedMap(), _note_lines(rollup, "计划", topic, detail), empty)
    return plan


def _place(parent: CommentedMap, topic: str, section: CommentedMap, lines: list[str], empty: str) -> None:
    """``section`` under ``topic``, the comment lines above its first key (or, empty, above the topic)."""
    if section:
        parent[topic] = section
        if lines:
            section.yaml_set_comment_before_after_key(next(iter(section)), before="\n".join(lines), indent=4)
    else:
        parent[topic] = None
        lines = [*lines, empty]
        parent.yaml_set_comment_before_after_key(topic, before="\n".join(lines), indent=2)


def _figure(block: CommentedMap, total: Total, words: str | None, rollup: Rollup) -> None:
    """One total: its number as most counties typed it, 上年 when every county gave one, a comment naming
    every county's value (and, for a figure some counties left out, its 部分县区 wording)."""
    figure, style = total.figure, total.style
    amount, prev = total.amount(), total.prev_base
    number: Decimal | str = (
        f"{in_scale(amount, style.unit, style.scale)}{style.scale}" if style.scale else amount
    )
    if prev is None and words is None and style.unit == figure.unit:
        block[figure.key] = f"{plain(amount)}{style.unit}" if style.written and not style.scale else number
    else:
        pair = CommentedMap()
        pair["本年" if prev is not None else "数值"] = number
        if prev is not None:
            pair["上年"] = total.amount(prev)  # in this year's unit, as the schema reads it
        if style.written:
            pair["单位"] = style.unit
        if words is not None:
            pair["说法"] = words
        pair.fa.set_flow_style()
        block[figure.key] = pair
    block.yaml_add_eol_comment(_total_comment(total, rollup), figure.key)


def _partial_words(clause: str, total: Total) -> str:
    """The figure's clause with the counties it covers after its number: never read as the city's total."""
    return clause.replace("{值}", f"{{值}}（{total.counted}个县区中{total.given}个县区的合计）", 1)


def _missing(total: Total, rollup: Rollup) -> str:
    return listed(rollup.store.missing(total.figure.key, INLINE), total.missing)


def _total_comment(total: Total, rollup: Rollup) -> str:
    n = total.given
    head = (
        f"{n}个县区合计"
        if total.complete
        else f"部分县区的合计：{total.counted}个县区中{n}个填报（缺{_missing(total, rollup)}）"
    )
    detail = (
        "：" + "、".join(f"{v.region}{v.text}" for _, v in rollup.store.values(total.figure.key))
        if n <= INLINE
        else "（各县区的数见 --表 或 --trace）"
    )
    given = total.prev_given
    if total.prev_base is not None:
        last = "；上年为各县区上年之和"
    elif given:
        last = f"；上年只有{given}个县区填写，未合计"
    else:
        last = ""
    return head + detail + last


def _level_line(total: Total, rollup: Rollup) -> str:
    low, high = total.lowest, total.highest
    missing = f"，未填：{_missing(total, rollup)}" if total.missing else ""
    if low.base == high.base:
        return f"  {total.figure.key}：{total.given}个县区填报，均为{low.text}{missing}"
    return (
        f"  {total.figure.key}：{total.given}个县区填报，最低{low.text}（{low.region}），"
        f"最高{high.text}（{high.region}）{missing}"
    )


def _partial_line(total: Total, rollup: Rollup) -> str:
    return (
        f"  {total.figure.key}：{total.counted}个县区中{total.given}个填报，合计{total.text()}，"
        f"缺：{_missing(total, rollup)}"
    )


_KINDS = {
    "自定指标": "各县区的自定指标（含义各不相同，未合计）：",
    "指标": "各县区的计划指标（未合计）：",
    "目标": "各县区的目标：",
    "工作": "各县区的工作（请合并改写后写进本节的「工作」）：",
}


SHORT = 40  # characters of a county's text kept when a folder has too many to carry in full


def _note_lines(rollup: Rollup, part: str, topic: str, detail: int) -> list[str]:
    """The counties' texts under ``part``.``topic`` (at ``detail`` 0: how many there are)."""
    lines = []
    number = 0
    for kind, title in _KINDS.items():
        found = rollup.store.notes(part, topic, kind)
        first = next(found, None)
        if first is None:
            continue
        if detail == 0:
            number += 1 + sum(1 for _ in found)
            continue
        lines.append(title.replace("本节", "本节计划") if part == "计划" and kind == "工作" else title)
        for county, note in itertools.chain((first,), found):
            where = f"{county.region}（{county.path.name}:{note.line}）"
            lines.append(f"  {where}：{_cut(note.text) if detail == 1 else note.text}")
    if number:
        return [f"各县区的内容（{number}条）太多，未列出：请看各县区的数据文件"]
    return lines


def _cut(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT] + "……"


class Many:
    """A JSON array written as its items come (see :func:`json_chunks`)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def json_chunks(value: Any, depth: int = 0) -> Iterator[str]:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it, a piece at a time;
    a :class:`Many` inside is read only as it is written."""
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, (dict, list, tuple)) and not _streamed(value):
        yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    elif isinstance(value, dict):
        if not value:
            yield "{}"
            return
        for i, (key, item) in enumerate(value.items()):
            yield ("{" if i == 0 else ",") + pad + json.dumps(key, ensure_ascii=False) + ": "
            yield from json_chunks(item, depth + 1)
        yield "\n" + "  " * depth + "}"
    elif isinstance(value, (list, tuple, Many)):
        empty = True
        for item in value.items if isinstance(value, Many) else value:
            yield ("[" if empty else ",") + pad
            yield from json_chunks(item, depth + 1)
            empty = False
        yield "[]" if empty else "\n" + "  " * depth + "]"
    else:
        yield json.dumps(value, ensure_ascii=False)


def _streamed(value: dict[str, Any] | list[Any] | tuple[Any, ...]) -> bool:
    """Whether ``value`` holds a :class:`Many` (at any depth)."""
    items = value.values() if isinstance(value, dict) else value
    return any(
        isinstance(item, Many) or (isinstance(item, (dict, list, tuple)) and _streamed(item))
        for item in items
    )


def trace(rollup: Rollup, city: Path) -> dict[str, Any]:
    """Every number of the city file with the county values (file, line, as typed) it was added from:
    its lists of counties are :class:`Many`, read from the store as :func:`json_chunks` writes them."""

    def county(v: Value) -> dict[str, Any]:
        return {"地区": v.region, "文件": str(v.path), "行": v.line, "数值": v.text, "上年": v.prev_text}

    def figure(total: Total) -> dict[str, Any]:
        style = total.style
        key = total.figure.key
        entry: dict[str, Any] = {
            "指标": f"总结.{total.figure.topic}.指标.{key}",
            "类型": total.figure.period,
            "县区": Many(county(v) for _, v in rollup.store.values(key)),
            "缺": Many(rollup.store.missing(key)),
        }
        if not total.level:
            entry["合计"] = total.text()
            entry["合计（精确值）"] = f"{plain(total.amount())}{style.unit}"
            prev = total.prev_base
            entry["上年合计"] = None if prev is None else shown(total.amount(prev), style.unit, None, True)
            entry["写入"] = total.complete
        return entry

    return {
        "文件": str(city),
        "县区": Many(str(c.path) for c in rollup.counted()),
        "指标": Many(figure(t) for t in rollup.totals),
    }


def save_trace(rollup: Rollup, city: Path, out: IO[bytes]) -> None:
    """The trace written to ``out`` as it is read from the store."""
    buffer: list[str] = []
    size = 0
    for chunk in itertools.chain(json_chunks(trace(rollup, city)), ("\n",)):
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 13:
            out.write("".join(buffer).encode("utf-8"))
            buffer, size = [], 0
    out.write("".join(buffer).encode("utf-8"))


def trace_text(rollup: Rollup, city: Path) -> str:
    out = io.BytesIO()
    save_trace(rollup, city, out)
    return out.getvalue().decode("utf-8")
