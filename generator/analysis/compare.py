"""`generator compare`: a draft against the original report — topics, numeric facts, invented numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.analysis.outline import Outline, outline
from generator.analysis.reading import read_lines
from generator.analysis.topics import GENERAL
from generator.data.facts import facts
from generator.write.trace import trace_path


def topics_of(result: Outline) -> set[str]:
    """The canonical topics a report's section headings are about (a 综合 heading counts its members)."""
    found: set[str] = set()
    for h in result.headings:
        if h.kind != "section" or h.part == "other":
            continue
        found.update(t for t in (h.topics if h.topic == GENERAL else [h.topic]) if t and t != GENERAL)
    return found


def _body_facts(path: Path, result: Outline) -> list[Any]:
    skip = set(result.noise)
    lines = read_lines(path)
    texts = [
        ln.text
        for ln in lines
        if ln.number not in skip and ln.text.strip() not in (result.title, result.date)
    ]
    return [f for text in texts for f in facts(text)]


def compare(draft: Path, original: Path) -> dict[str, Any]:
    """How well ``draft`` (a .docx made by generate) carries ``original`` (a report .txt/.docx)."""
    draft_outline, original_outline = outline(draft), outline(original)
    want, have = topics_of(original_outline), topics_of(draft_outline)
    original_facts = _body_facts(original, original_outline)
    draft_facts = _body_facts(draft, draft_outline)
    original_keys = {f.key for f in original_facts}
    draft_keys = {f.key for f in draft_facts}
    found = sorted({f.text for f in original_facts if f.key in draft_keys})
    missed = sorted({f.text for f in original_facts if f.key not in draft_keys})
    traced = trace_path(draft)
    computed: set[Any] = set()
    summary = None
    if traced.is_file():
        data = json.loads(traced.read_text(encoding="utf-8"))
        summary = data["summary"]
        computed = {
            f.key for e in data["figures"] if e["kind"] == "计算" for text in e["facts"] for f in facts(text)
        }
    invented = sorted({f.text for f in draft_facts if f.key not in original_keys and f.key not in computed})
    unique = len({f.key for f in original_facts})
    return {
        "draft": str(draft),
        "original": str(original),
        "topics": {
            "original": sorted(want),
            "covered": sorted(want & have),
            "missing": sorted(want - have),
            "coverage": round(len(want & have) / len(want), 4) if want else 1.0,
        },
        "facts": {
            "original": unique,
            "found": len({f.key for f in original_facts if f.key in draft_keys}),
            "recall": round(len({f.key for f in original_facts if f.key in draft_keys}) / unique, 4)
            if unique
            else 1.0,
            "missing": missed,
            "found_examples": found[:10],
        },
        "invented": invented,
        "typed": summary,
    }


def render_plain(result: dict[str, Any]) -> str:
    t, f = result["topics"], result["facts"]
    lines = [
        f"草稿: {result['draft']}",
        f"原文: {result['original']}",
        f"专题覆盖: {len(t['covered'])}/{len(t['original'])}({t['coverage']:.0%})"
        + (f"，缺: {'、'.join(t['missing'])}" if t["missing"] else ""),
        f"数字召回: {f['found']}/{f['original']}({f['recall']:.1%})"
        + (f"，未见: {'、'.join(f['missing'][:20])}" if f["missing"] else ""),
        "草稿中原文没有、也不是计算所得的数字: "
        + ("、".join(result["invented"]) if result["invented"] else "无"),
    ]
    if result["typed"]:
        counts = result["typed"]["counts"]
        lines.append(
            f"来自结构化指标的数字占比: {result['typed']['typed_share']:.1%}"
            f"（标准指标 {counts['指标']}，自定指标 {counts['自定指标']}，文字 {counts['文字']}，计算 {counts['计算']}）"
        )
    else:
        lines.append(
            "（没有找到追踪文件 <草稿>.trace.json；用 generate --trace 生成草稿后可统计结构化指标占比）"
        )
    return "\n".join(lines)
