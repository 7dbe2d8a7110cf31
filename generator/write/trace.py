"""`generate --trace`: every figure in the draft with the YAML key and line it came from."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from generator.data import catalogue, yamlsource
from generator.data.facts import facts
from generator.draft.markup import MARK, Block, unmark, without_marked

TYPED = ("指标", "自定指标")


def _path(loc: tuple[Any, ...]) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")


def _facts_of_mark(shown: str, following: str) -> list[str]:
    """The facts a marked figure shows; a bare number ({键.数值}名) takes the unit word written after it."""
    found = [f.text for f in facts(shown)]
    if not found and shown:
        joined = facts(shown + following)
        found = [joined[0].text] if joined and joined[0].text.startswith(shown) else []
    return found


def _location(base: str, data: yamlsource.Source) -> tuple[str, tuple[Any, ...]]:
    """The kind of a mark's source and its place in the YAML (under the old key, if the file uses it)."""
    part, topic, *rest = base.split("/")
    if rest[0] == "自定指标":
        return "自定指标", (part, topic, *rest)
    if rest[0] == "工作":
        block: tuple[Any, ...] = (part, topic, "工作", int(rest[1]) - 1, "指标")
    else:
        block = (part, topic, "指标")
    key = rest[-1]
    written = _value(data.data, block)
    figure = catalogue.figure(key)
    if isinstance(written, dict) and key not in written and figure is not None:
        key = next((old for old in figure.old if old in written), key)
    return "指标", (*block, key)


def _marked(
    source: str, shown: str, following: str, paragraph: int, data: yamlsource.Source
) -> dict[str, Any]:
    first = source.split("|")[0]  # a value several figures share (城乡 standard) is traced to the first
    base, _, derived = first.partition("@")
    kind, loc = _location(base, data)
    entry: dict[str, Any] = {"text": shown, "facts": _facts_of_mark(shown, following), "paragraph": paragraph}
    if derived == "同比":
        this, last = (*loc, "本年"), (*loc, "上年")
        entry |= {
            "kind": "计算",
            "from": [
                {"key": _path(loc) + ".本年", "line": data.locate(this)[0]},
                {"key": _path(loc) + ".上年", "line": data.locate(last)[0]},
            ],
        }
    else:
        where = (*loc, "上年") if derived == "上年" else loc
        if derived != "上年" and isinstance(_value(data.data, loc), dict):
            where = (*loc, "本年" if "本年" in _value(data.data, loc) else "数值")
        entry |= {"kind": kind, "key": _path(where), "line": data.locate(where)[0]}
    return entry


def _value(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


class _Lines:
    """The first line of the YAML text that holds a given fact's text.

    A fact begins with a digit, so the text is indexed once per fact length: every slice of that length
    that begins at a digit, with the first line it is on. A look-up is then one probe, not a scan of every
    line (which made --trace quadratic in the size of the file).
    """

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._digits = [
            (n, m.start()) for n, line in enumerate(self._lines, 1) for m in _DIGIT.finditer(line)
        ]
        self._by_length: dict[int, dict[str, int]] = {}

    def first(self, fact: str) -> int | None:
        if not _DIGIT.match(fact):
            return next((n for n, content in enumerate(self._lines, 1) if fact in content), None)
        size = len(fact)
        if size not in self._by_length:
            index: dict[str, int] = {}
            for n, start in self._digits:
                index.setdefault(self._lines[n - 1][start : start + size], n)
            self._by_length[size] = index
        return self._by_length[size].get(fact)


_DIGIT = re.compile(r"\d")


def _free(text: str, paragraph: int, lines: _Lines) -> dict[str, Any]:
    line = lines.first(text)
    kind = "文字" if line is not None else "模板"
    return {"text": text, "facts": [text], "paragraph": paragraph, "kind": kind, "line": line}


def trace(blocks: list[Block], data: yamlsource.Source) -> dict[str, Any]:
    """Where each figure of the (numbered) draft came from, and how many come from typed figures."""
    lines = _Lines(data.text)
    entries: list[dict[str, Any]] = []
    for paragraph, block in enumerate(blocks):
        for m in MARK.finditer(block.text):
            following = unmark(block.text[m.end() : m.end() + 12])
            entries.append(_marked(m.group(1), unmark(m.group(2)), following, paragraph, data))
        for fact in facts(without_marked(block.text)):
            entries.append(_free(fact.text, paragraph, lines))
    count = {
        kind: sum(len(e["facts"]) for e in entries if e["kind"] == kind)
        for kind in (*TYPED, "计算", "文字", "模板")
    }
    typed = count["指标"] + count["自定指标"]
    share = typed / (typed + count["文字"]) if typed + count["文字"] else 1.0
    return {
        "data": str(data.path),
        "figures": entries,
        "summary": {"counts": count, "typed_share": round(share, 4)},
    }


def trace_path(draft: Path) -> Path:
    """Where the trace of ``draft`` is kept: beside it, as <draft>.trace.json."""
    return draft.with_suffix(".trace.json")


def is_trace_text(text: str) -> bool:
    """Whether ``text`` is a trace this tool wrote (safe to replace with a new one)."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and {"draft", "data", "figures", "summary"} <= set(data)
