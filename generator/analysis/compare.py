"""`generator compare`: a draft against the original report — topics, numeric facts, invented numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.analysis.outline import Outline, outline
from generator.analysis.reading import read_lines
from generator.analysis.topics import GENERAL
from generator.data.facts import facts
from generator.errors import InputError, reading
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


MAX_TRACE_BYTES = 50 * 1024 * 1024  # the trace of a long draft is ~1 MB


def read_trace(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The summary and the figures of the trace file at ``path`` (written by generate --trace);
    anything else there (emptied, edited, saved in another encoding) is refused with a message."""
    shown = str(path)
    with reading(shown, "generate --trace 写出的 .trace.json 文件"):
        size = path.stat().st_size
        if size > MAX_TRACE_BYTES:
            raise InputError(
                f"{shown}: 文件有 {size / 1024 / 1024:.0f} MB，不是 generate --trace 写出的追踪文件"
            )
        raw = path.read_bytes()
    redo = "；请用 generate --trace 重新生成草稿和追踪文件，或删去（移走）它再对照"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{shown}: 追踪文件不是 UTF-8 编码（可能被另存为其他编码）{redo}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{shown}:{e.lineno}:{e.colno}: 追踪文件不是有效的 JSON{redo}") from None
    except RecursionError:
        raise InputError(f"{shown}: 追踪文件嵌套过深，不是 generate --trace 写出的文件{redo}") from None
    summary = data.get("summary") if isinstance(data, dict) else None
    figures = data.get("figures") if isinstance(data, dict) else None
    if not (_shaped_summary(summary) and isinstance(figures, list) and all(map(_shaped_figure, figures))):
        raise InputError(f"{shown}: 不是 generate --trace 写出的追踪文件（缺少或改动了其中的内容）{redo}")
    return summary, figures  # type: ignore[return-value]  # shapes checked just above


def _shaped_summary(summary: Any) -> bool:
    if not isinstance(summary, dict) or not isinstance(summary.get("counts"), dict):
        return False
    counts, share = summary["counts"], summary.get("typed_share")
    numbers = all(isinstance(counts.get(k), int) for k in ("指标", "自定指标", "文字", "计算"))
    return numbers and isinstance(share, int | float) and not isinstance(share, bool)


def _shaped_figure(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("kind"), str)
        and isinstance(entry.get("facts"), list)
        and all(isinstance(t, str) for t in entry["facts"])
    )


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
        summary, figures = read_trace(traced)
        computed = {f.key for e in figures if e["kind"] == "计算" for text in e["facts"] for f in facts(text)}
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
