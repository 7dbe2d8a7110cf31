"""Set figures by editing the lines of a county file directly: the fallback of :mod:`roundtrip` for a file
whose indentation ruamel.yaml cannot give back unchanged (four spaces here, two there).

It only does what a line-level edit does safely: a figure's value on its own line (a bare value, or the
本年 of a {本年, 上年} pair written in block style), or a new figure line at the top of a block-style 指标.
Anything else (a flow-style mapping, a section without 指标) is reported, not written.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.data import catalogue
from generator.tools.change import Change, same

Edit = tuple[int, int, str]  # (line index, 0 replace / 1 insert before, text)


def _get(node: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _blocks(section: Node) -> list[Node]:
    found = [pair[1] for pair in [_get(section, "指标")] if pair]
    work = _get(section, "工作")
    if work and isinstance(work[1], SequenceNode):
        found += [pair[1] for item in work[1].value if (pair := _get(item, "指标"))]
    return found


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _set_line(lines: list[str], key: ScalarNode, value: str) -> Edit:
    """The key's line with ``value`` after its colon, any comment kept."""
    line = lines[key.start_mark.line]
    colon = line.index(":", key.end_mark.column)
    comment = re.search(r"\s+#.*$", line[colon + 1 :])
    return key.start_mark.line, 0, f"{line[: colon + 1]} {value}{comment.group() if comment else ''}"


def set_figures(
    text: str, figures: list[tuple[catalogue.Figure, str, str]], *, overwrite: bool
) -> tuple[str, list[Change]]:
    """``text`` with the figures set line by line, and what was done."""
    lines = text.split("\n")
    summary = _get(yaml.compose(text, Loader=yaml.SafeLoader), "总结")
    edits: list[Edit] = []
    changes: list[Change] = []
    for figure, value, where in figures:
        section = _get(summary[1], figure.topic) if summary else None
        if section is None:
            changes.append(Change(figure.topic, figure.key, value, None, "缺专题", where))
            continue
        edit, change = _one(lines, section[1], figure, value, where, overwrite)
        edits += edit
        changes.append(change)
    # Bottom up, so that line numbers hold; at one line the replacement first, then the new lines in
    # reverse, so that they stand in the sheet's order.
    order = sorted(enumerate(edits), key=lambda e: (e[1][0], -e[1][1], e[0]), reverse=True)
    for line, kind, new in (edit for _, edit in order):
        if kind == 0:
            lines[line] = new
        else:
            lines.insert(line, new)
    return "\n".join(lines), changes


def _one(
    lines: list[str], section: Node, figure: catalogue.Figure, value: str, where: str, overwrite: bool
) -> tuple[list[Edit], Change]:
    def change(action: str, old: str | None = None) -> Change:
        return Change(figure.topic, figure.key, value, old, action, where)

    found = next(
        (
            pair
            for block in _blocks(section)
            for name in (figure.key, *figure.old)
            if (pair := _get(block, name))
        ),
        None,
    )
    if found is None:
        block = _get(section, "指标")
        if block and isinstance(block[1], MappingNode) and block[1].value and not block[1].flow_style:
            first = block[1].value[0][0]
            return [
                (first.start_mark.line, 1, f"{' ' * first.start_mark.column}{figure.key}: {value}")
            ], change("新增")
        return [], change("未填入")
    key, node = found
    if isinstance(node, MappingNode):
        slot = _get(node, "本年") or _get(node, "数值")
        if slot is None:
            return [], change("未填入")
        key, node = slot
    if _is_null(node):
        flow = key.start_mark.line != key.end_mark.line or "{" in lines[key.start_mark.line]
        return ([], change("未填入")) if flow else ([_set_line(lines, key, value)], change("填入"))
    old = node.value if isinstance(node, ScalarNode) else None
    if old is None:
        return [], change("未填入")
    if same(old, value):
        return [], change("相同", old)
    if not overwrite:
        return [], change("保留", old)
    if node.start_mark.line != node.end_mark.line:
        return [], change("未填入", old)
    return [_replace(lines, node, value)], change("替换", old)


def _replace(lines: list[str], node: Node, value: str) -> Edit:
    """The line with the value's own characters replaced (block or flow style alike)."""
    line = lines[node.start_mark.line]
    start, end = node.start_mark.column, node.end_mark.column
    return node.start_mark.line, 0, line[:start] + value + line[end:]
