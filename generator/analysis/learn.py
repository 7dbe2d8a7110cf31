"""Learn the report skeleton from outlined real reports: per part, topic order, groupings and heading
phrasings. `generator learn` writes it as templates/skeleton.yaml; drafting reads it (draft/skeleton.py)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.analysis import outline as outlining
from generator.analysis.outline import Heading, Outline, strip_numbering
from generator.analysis.script import simplified
from generator.analysis.topics import GENERAL, GENERIC_HEADING
from generator.data import catalogue
from generator.draft.skeleton import PART_NAMES
from generator.errors import UserError

MIN_SECTIONS = 2  # fewer section headings than this is not a report (a notice, a news item, junk)
HEADER = "# 报告骨架：由 `generator learn seeds/` 从真实报告中学得。请勿手工修改，重新运行 learn 即可。\n"


def _sections(outline: Outline, part: str) -> list[Heading]:
    return [h for h in outline.headings if h.kind == "section" and h.part == part]


def _topic_sequence(sections: list[Heading]) -> list[str]:
    """The topics of a part in the order they first come (a 综合 heading stands for those it groups)."""
    seen: list[str] = []
    for h in sections:
        for topic in h.topics if h.topic == GENERAL else [h.topic]:
            if topic and topic != GENERAL and topic not in seen:
                seen.append(topic)
    return seen


def _year_free(text: str) -> str:
    # Also the placeholder years of sample reports on sharing sites ("20xx年", "xxxx年").
    return re.sub(r"(19|20)\d{2}|20[xX]{2}|[xX]{4}", "{年}", strip_numbering(text))


# The kind of document a title names, at its end: "…民政工作要点", "…工作计划", "…工作安排".
_TITLE_KIND = re.compile(r"工作(?:要点|计划|安排|思路|打算|重点|任务)$")
_TITLE_YEAR = re.compile(r"\{年\}年度?(?:上半年|下半年)?")


def _part_headers(outline: Outline, part: str) -> list[str]:
    """The year-free wordings that open ``part`` in ``outline``: its part headers; in a document that is one
    part throughout (a plan-only 工作要点 has no part header), the year and kind its title names."""
    headers = [
        _year_free(simplified(h.text)) for h in outline.headings if h.kind == "part" and h.part == part
    ]
    if headers or not outline.title:
        return headers
    parts = {h.part for h in outline.headings}
    if parts != {part}:
        return []
    title = _year_free(simplified(outline.title))
    year, kind = _TITLE_YEAR.search(title), _TITLE_KIND.search(title)
    if not year or not kind or kind.start() < year.end():
        return []
    return [year.group() + kind.group()]  # "{年}年全区民政工作要点" -> "{年}年工作要点"


def _group_name(text: str) -> str:
    m = GENERIC_HEADING.search(text)
    return m.group() if m else GENERAL


def _ranked(counter: Counter[str], limit: int = 8) -> list[dict[str, Any]]:
    return [
        {"写法": text, "次数": n}
        for text, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    ]


def learn(outlines: list[Outline]) -> dict[str, Any]:
    """The skeleton of ``outlines``: per part, topics in their usual order, groupings, phrasings."""
    catalogue_order = {t.key: i for i, t in enumerate(catalogue.topics())}
    skeleton: dict[str, Any] = {"来源报告数": len(outlines)}
    for part, name in PART_NAMES.items():
        positions: dict[str, list[float]] = defaultdict(list)
        before: Counter[tuple[str, str]] = Counter()
        phrasings: dict[str, Counter[str]] = defaultdict(Counter)
        headers: Counter[str] = Counter()
        groups: dict[str, dict[str, Any]] = {}
        for outline in outlines:
            headers.update(_part_headers(outline, part))
            sections = _sections(outline, part)
            sequence = _topic_sequence(sections)
            for i, topic in enumerate(sequence):
                positions[topic].append(i / max(len(sequence) - 1, 1))
                before.update((topic, later) for later in sequence[i + 1 :])
            for h in sections:
                if h.topic and h.topic != GENERAL and h.level != "item":
                    phrasings[h.topic][strip_numbering(h.text)] += 1
                if h.topic == GENERAL and len(h.topics) >= 2:
                    group = groups.setdefault(
                        _group_name(h.text), {"reports": set(), "members": Counter(), "texts": Counter()}
                    )
                    group["reports"].add(outline.file)
                    group["members"].update(set(h.topics))
                    group["texts"][strip_numbering(h.text)] += 1
        # Order by how often a topic comes before the others, summed over every report that has both:
        # a topic seen in many reports outweighs one seen once at an extreme place.
        margin = {t: sum(before[t, o] - before[o, t] for o in positions if o != t) for t in positions}
        topics = sorted(
            positions,
            key=lambda t: (
                -margin[t],
                round(sum(positions[t]) / len(positions[t]), 3),
                catalogue_order.get(t, 99),
            ),
        )
        skeleton[name] = {
            "部分标题": _ranked(headers),
            "专题": [
                {
                    "专题": t,
                    "报告数": len(positions[t]),
                    "先于其他专题": margin[t],
                    "平均位置": round(sum(positions[t]) / len(positions[t]), 3),
                    "标题写法": _ranked(phrasings[t]),
                }
                for t in topics
            ],
            "分组": [
                _group_entry(group_name, g, catalogue_order) for group_name, g in sorted(groups.items())
            ],
        }
    return skeleton


def _group_entry(name: str, group: dict[str, Any], order: dict[str, int]) -> dict[str, Any]:
    reports = len(group["reports"])
    members: Counter[str] = group["members"]
    usual = [
        t
        for t in sorted(members, key=lambda t: order.get(t, 99))
        if members[t] >= 2 and members[t] * 2 >= reports
    ]
    return {
        "名称": name,
        "报告数": reports,
        "成员": {t: members[t] for t in sorted(members, key=lambda t: (-members[t], order.get(t, 99)))},
        "常见成员": usual,
        "标题写法": _ranked(group["texts"]),
    }


def dump(skeleton: dict[str, Any]) -> str:
    """The skeleton as YAML text, byte-for-byte the same for the same reports."""
    return HEADER + yaml.safe_dump(skeleton, allow_unicode=True, sort_keys=False, width=100)


REPORT_SUFFIXES = (".txt", ".docx")


@dataclass
class Reading:
    """What `generator learn` read: the outlines it learns from and the files it skipped, with why."""

    outlines: list[Outline] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def report_files(folders: list[Path]) -> list[Path]:
    """The .txt and .docx files directly in ``folders``, in a stable order."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(
                p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
            )
        elif folder.is_file() and folder.suffix.lower() in REPORT_SUFFIXES:
            found.append(folder)
    return list(dict.fromkeys(found))


def read_reports(paths: Iterable[Path]) -> Reading:
    """Outline each report; one that cannot be read, or that has no report structure, is skipped."""
    reading = Reading()
    for path in paths:
        try:
            result = outlining.outline(path)
        except UserError as e:
            reading.skipped.append((path, e.problems[0]))
            continue
        sections = [h for h in result.headings if h.kind == "section"]
        if len(sections) < MIN_SECTIONS:
            reading.skipped.append(
                (path, f"没有找到报告的结构（只找到 {len(sections)} 个小标题），不像一份工作报告")
            )
            continue
        reading.outlines.append(result)
    return reading
