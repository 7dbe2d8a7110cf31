"""Numbering by level, applied when the document is built so that left-out topics leave no gap.

Also the two ways real reports write headings that do not stand alone: a level with a single child is not
numbered (a lone 「1.」 under a （一） reads as a slip), and third and fourth level headings are usually
written run-in, 「1.及时调整公布社会救助标准。2024年全市城市低保标准…」. Items follow the same rule: a
single item is not numbered (a lone 「一是」), nor one whose text opens with a sequence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from generator.data.numbers import chinese
from generator.draft.markup import Block

MAX_LEVEL = 4
STANDALONE, RUN_IN = "单独成段", "段首"
_CN = "一二三四五六七八九十"
# Text that opens with its own place in a sequence: 一是 / 一方面 / 首先 / 第一 / 其一 / （一） / 一、 / 1. / (1)
OWN_ORDINAL = re.compile(
    rf"^(?:[{_CN}]+是|一方面|另一方面|首先|其次|第[{_CN}]+[，,、:：]|其[{_CN}]+[，,、:：]|[（(][{_CN}\d]+[）)]"
    rf"|[{_CN}]+、|\d+[.．、](?!\d))"
)


def label(pattern: str, n: int) -> str:
    """Fill a numbering pattern: "{一}、" -> "三、", "（{1}）" -> "（3）"."""
    return pattern.replace("{一}", chinese(n)).replace("{1}", str(n))


@dataclass
class _Node:
    """A heading with the blocks written before its first sub-heading, and its sub-headings."""

    heading: Block
    body: list[Block] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    topic: str = ""  # the heading's own topic, or the one of the section it is written in


def _tree(blocks: list[Block]) -> _Node:
    """The headings as a tree under a document node: a heading's parent is the nearest heading before it
    of a higher level."""
    document = _Node(Block("heading", "", level=0))
    path = [document]
    for block in blocks:
        if block.kind != "heading":
            path[-1].body.append(block)
            continue
        while path[-1].heading.level >= block.level:
            path.pop()
        node = _Node(block, topic=block.topic or path[-1].topic)
        path[-1].children.append(node)
        path.append(node)
    return document


def _sentence(text: str) -> str:
    return text.rstrip("。；;，,") + "。"


def _lead(parent: Block, child: Block) -> str:
    """The lone ``child`` heading as a sentence; nothing when it only repeats its parent (or has no words)."""
    same = child.text.rstrip("。") == parent.text.rstrip("。")
    return "" if same or not child.text.strip() else _sentence(child.text)


def _led(lead: str, body: list[Block]) -> list[Block]:
    """``body`` with ``lead`` opening its first paragraph (or as a paragraph of its own before it)."""
    if body and body[0].kind == "paragraph" and not body[0].lead:
        return [Block("paragraph", lead + body[0].text, lead=""), *body[1:]]
    return [Block("paragraph", lead), *body] if lead else body


# A lone heading with no text of its own, right before its sub-headings: as a bare sentence it reads as a
# heading that lost its number, so it introduces them.
_INTRODUCES = {"总结": "在{}方面，主要做了以下工作：", "计划": "在{}方面，重点做好以下工作："}


def _introducing(lead: str, part: str) -> str:
    """``lead`` (one sentence) as the words that introduce the sub-headings after it."""
    words = lead.removesuffix("。")
    if not words or "。" in words:
        return lead
    return _INTRODUCES.get(part, _INTRODUCES["总结"]).format(words)


def _same_topic(parent: _Node, child: _Node) -> bool:
    """Whether ``child`` may be folded into ``parent``: a heading that heads no topic (a part) takes any."""
    return not parent.topic or parent.topic == child.topic


def drop_lone_children(blocks: list[Block], parts: Mapping[str, str] | None = None) -> list[Block]:
    """Write each heading that has no sibling as the lead sentence of its first paragraph, unnumbered.

    The headings under it move up a level, so that numbering stays a strict hierarchy (and a single one of
    those, in turn, is folded too). The top level (the parts: ``parts`` maps their titles to 总结/计划) is
    left as it is, and a heading of one topic is never folded into a heading of another. One walk over
    the blocks.
    """
    document = _tree(blocks)
    result = list(document.body)
    keys = parts or {}
    # (node, how many of its ancestors were folded away: its headings move up that many levels, its part)
    stack = [(node, 0, keys.get(node.heading.text, "")) for node in reversed(document.children)]
    while stack:
        node, up, part = stack.pop()
        result.append(replace(node.heading, level=node.heading.level - up))
        result.extend(node.body)
        children, lead = node.children, ""
        while len(children) == 1 and _same_topic(node, children[0]):
            child = children[0]
            lead += _lead(node.heading, child.heading)
            children = child.children
            up += 1
            if child.body or len(children) != 1:  # else the next lone heading's paragraph takes this lead
                if not child.body and children:
                    lead = _introducing(lead, part)
                result.extend(_led(lead, child.body))
                lead = ""
        stack.extend((child, up, part) for child in reversed(children))
    return result


def _item_counts(blocks: list[Block]) -> list[int]:
    """For each block, how many items share its run (the blocks between two numbered headings)."""
    counts, start, items = [0] * len(blocks), 0, 0
    for i, block in enumerate([*blocks, Block("heading", "", level=1)]):
        if block.kind == "heading" and block.level <= MAX_LEVEL:
            counts[start:i] = [items] * (i - start)
            start, items = i + 1, 0
        elif block.kind in ("item", "heading"):
            items += 1
    return counts


def number(blocks: list[Block], patterns: list[str], item_pattern: str = "{一}是") -> list[Block]:
    """Prefix headings with their level's number and items with 一是/二是.

    Headings deeper than ``MAX_LEVEL`` become items: GB/T 9704 has four heading levels. An item alone in its
    run is a plain paragraph (a lone 一是 promises a 二是), and one whose text opens with its own sequence
    word (一方面, 首先, 一是…) keeps it rather than stacking 一是 on it.
    """
    counters = [0] * (MAX_LEVEL + 1)
    items = 0
    result = []
    for block, run in zip(blocks, _item_counts(blocks), strict=True):
        if block.kind == "heading" and block.level <= MAX_LEVEL:
            counters[block.level] += 1
            for deeper in range(block.level + 1, MAX_LEVEL + 1):
                counters[deeper] = 0
            items = 0
            prefix = label(patterns[block.level - 1], counters[block.level])
            result.append(replace(block, text=prefix + block.text))
        elif block.kind == "item" or block.kind == "heading":
            items += 1
            text = block.text if block.kind == "item" else block.text.rstrip("。") + "。"
            if run == 1:
                result.append(Block("paragraph", text))
            elif OWN_ORDINAL.match(text):
                result.append(Block("item", text))
            else:
                result.append(Block("item", label(item_pattern, items) + text))
        else:
            result.append(block)
    return result


def run_in(blocks: list[Block], layout: Sequence[str]) -> list[Block]:
    """Write the headings of each level laid out 段首 at the start of the paragraph that follows them.

    ``layout[n]`` is 单独成段 or 段首 for level n+1. The heading becomes ``lead`` of a body paragraph (ended
    with 。); a heading with no paragraph after it is a paragraph of its own, still 段首-styled.
    """
    result: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading" and block.level <= len(layout) and layout[block.level - 1] == RUN_IN:
            lead = _sentence(block.text)
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is not None and following.kind == "paragraph" and not following.lead:
                result.append(Block("paragraph", lead + following.text, level=block.level, lead=lead))
                i += 2
                continue
            result.append(Block("paragraph", lead, level=block.level, lead=lead))
        else:
            result.append(block)
        i += 1
    return result
