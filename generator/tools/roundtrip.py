"""Set figures in a county data file in place: every comment, blank line and word of the clerk's stays.

ruamel.yaml's round-trip mode keeps comments and key order. It re-emits the whole document, though, so
the file is first dumped unchanged under a few indentation settings and the one that gives the file back
byte for byte is used; after the edit, a line-by-line comparison checks that only the lines of the
figures set (or added) differ. A file that cannot be kept that way is refused, never rewritten.
"""

from __future__ import annotations

import difflib
import io
import re
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from generator.data import catalogue
from generator.errors import InputError
from generator.tools import splice
from generator.tools.change import Change, same

_INDENTS = [(2, 2, 0), (2, 4, 2), (4, 4, 0), (4, 6, 2), (2, 4, 0), (4, 4, 2), (3, 3, 0), (3, 5, 2)]


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000  # never re-wrap a long line
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _load(text: str, shown: str) -> tuple[YAML, Any] | None:
    """The document and the settings that dump it back unchanged (None: no setting does)."""
    for indent in _INDENTS:
        y = _yaml(indent)
        try:
            data = y.load(text)
        except YAMLError as e:
            raise InputError(
                f"{shown}: 无法读取（{type(e).__name__}）；请先运行 generator validate {shown}"
            ) from None
        if _dump(y, data) == text:
            return y, data
    return None


def _scalar(text: str) -> Any:
    """A value as YAML should hold it: a number stays a number, 「14940元/人·年」 a string."""
    try:
        number = Decimal(text)
    except ArithmeticError:
        return text
    if number == number.to_integral_value():
        return int(number)
    return float(text)


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


def set_figures(
    text: str, shown: str, figures: list[tuple[catalogue.Figure, str, str]], *, overwrite: bool = False
) -> tuple[str, list[Change]]:
    """``text`` with each (figure, value, source row) set under 总结.<topic>.指标, and what was done.

    Only this year's value is set: the 本年 of a {本年, 上年} pair, or the bare value. A value the clerk
    typed is kept unless ``overwrite``.
    """
    uncommented = _uncomment(text, [(f.topic, f.key) for f, _, _ in figures])
    loaded = _load(uncommented, shown)
    if loaded is None:  # indentation ruamel cannot give back: edit the lines themselves
        spliced, done = splice.set_figures(uncommented, figures, overwrite=overwrite)
        _check(text, spliced, shown, done)
        return spliced, done
    y, data = loaded
    summary = data.get("总结") if isinstance(data, CommentedMap) else None
    changes: list[Change] = []
    for figure, value, where in figures:
        section = summary.get(figure.topic) if isinstance(summary, CommentedMap) else None
        if not isinstance(summary, CommentedMap) or figure.topic not in summary:
            changes.append(Change(figure.topic, figure.key, value, None, "缺专题", where))
            continue
        if section is None:
            section = CommentedMap()
            summary[figure.topic] = section
        changes.append(_set(section, figure, value, where, overwrite))
    result = _dump(y, data)
    _check(text, result, shown, changes)
    return result, changes


def _set(section: CommentedMap, figure: catalogue.Figure, value: str, where: str, overwrite: bool) -> Change:
    holder, key = _find(section, figure)
    new = _scalar(value)
    if holder is None:
        block = section.get("指标")
        if not isinstance(block, CommentedMap):
            block = CommentedMap()
            if "指标" in section:
                section["指标"] = block
            else:
                section.insert(_first_after(section, "标题"), "指标", block)
        block[figure.key] = new
        return Change(figure.topic, figure.key, value, None, "新增", where)
    current = holder[key]
    if isinstance(current, CommentedMap):
        slot = "本年" if "本年" in current or "数值" not in current else "数值"
        old = current.get(slot)
        if old is None:
            current[slot] = new
            return Change(figure.topic, figure.key, value, None, "填入", where)
        target, name = current, slot
    else:
        old = current
        if old is None:
            holder[key] = new
            return Change(figure.topic, figure.key, value, None, "填入", where)
        target, name = holder, key
    if same(old, value):
        return Change(figure.topic, figure.key, value, _shown(old), "相同", where)
    if not overwrite:
        return Change(figure.topic, figure.key, value, _shown(old), "保留", where)
    target[name] = new
    return Change(figure.topic, figure.key, value, _shown(old), "替换", where)


def _find(section: CommentedMap, figure: catalogue.Figure) -> tuple[CommentedMap | None, str]:
    """The mapping that holds the figure (the section's 指标 or a work item's) and the key it is under."""
    names = [figure.key, *figure.old]
    blocks = [section.get("指标")]
    work = section.get("工作")
    if isinstance(work, list):
        blocks += [w.get("指标") for w in work if isinstance(w, CommentedMap)]
    for block in blocks:
        if isinstance(block, CommentedMap):
            for name in names:
                if name in block:
                    return block, name
    return None, figure.key


def _first_after(section: CommentedMap, key: str) -> int:
    keys = list(section)
    return keys.index(key) + 1 if key in keys else 0


def _uncomment(text: str, wanted: list[tuple[str, str]]) -> str:
    """A figure line commented out in the topic's 指标 block (「      # 城市低保人数:  # …」, as `generator
    init` writes them) becomes the figure's line, so that filling it changes that one line."""
    lines = text.split("\n")
    for topic, key in wanted:
        span = _topic_lines(lines, topic)
        if span is None:
            continue
        for i in range(*span):
            m = re.match(rf"^(\s*)#\s?{re.escape(key)}:(\s.*|)$", lines[i])
            if m:
                lines[i] = f"{m.group(1)}{key}:{m.group(2)}"
                break
    return "\n".join(lines)


def _topic_lines(lines: list[str], topic: str) -> tuple[int, int] | None:
    """The lines of 总结.<topic> (after its key line, up to the next line as far left as it)."""
    start = next((i for i, line in enumerate(lines) if re.match(r"^总结:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    for i in range(start + 1, len(lines)):
        m = re.match(rf"^(\s+){re.escape(topic)}:\s*(#.*)?$", lines[i])
        if m:
            indent = len(m.group(1))
            end = next(
                (
                    j
                    for j in range(i + 1, len(lines))
                    if lines[j].strip()
                    and not lines[j].lstrip().startswith("#")
                    and len(lines[j]) - len(lines[j].lstrip()) <= indent
                ),
                len(lines),
            )
            return i + 1, end
        if lines[i] and not lines[i][0].isspace() and not lines[i].startswith("#"):
            return None
    return None


def _check(before: str, after: str, shown: str, changes: list[Change]) -> None:
    """Only the lines of the figures set may differ; anything else means the edit would touch the
    clerk's text, and nothing is written."""
    keys = {c.key for c in changes} | {"本年", "数值", "指标"}
    old, new = before.splitlines(), after.splitlines()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        touched = old[i1:i2] + new[j1:j2]
        if op == "delete" or any(_key_of(line) not in keys for line in touched):
            raise InputError(
                f"{shown}: 自动填写会改动第{i1 + 1}行附近没有变化的内容，所以没有改这个文件；"
                "请把数字手工填入，或把该处的缩进统一为两个空格后再试"
            )


def _key_of(line: str) -> str:
    return line.strip().removeprefix("#").strip().split(":", 1)[0]
