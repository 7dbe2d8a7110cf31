"""Numbering by level, applied when the document is built so that left-out topics leave no gap.

Also the two ways real reports write headings that do not stand alone: a level with a single child is not
numbered (a lone 「1.」 under a （一） reads as a slip), and third and fourth level headings are usually
written run-in, 「1.及时调整公布社会救助标准。2024年全市城市低保标准…」.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from generator.data.numbers import chinese
from generator.draft.markup import Block

MAX_LEVEL = 4
# A lone (1) is left numbered for now: `generator compare` finds a grouped topic's section by that heading.
LONE_MAX_LEVEL = 3
STANDALONE, RUN_IN = "单独成段", "段首"


def label(pattern: str, n: int) -> str:
    """Fill a numbering pattern: "{一}、" -> "三、", "（{1}）" -> "（3）"."""
    return pattern.replace("{一}", chinese(n)).replace("{1}", str(n))


def _scope_end(blocks: list[Block], i: int) -> int:
    """Index just past the blocks under the heading at ``i``."""
    level = blocks[i].level
    end = i + 1
    while end < len(blocks) and not (blocks[end].kind == "heading" and blocks[end].level <= level):
        end += 1
    return end


def _lone_child(blocks: list[Block]) -> int | None:
    """The first heading (below the parts) that is the only one of its level under its parent."""
    for i, block in enumerate(blocks):
        if block.kind != "heading" or block.level < 2 or block.level > LONE_MAX_LEVEL:
            continue
        parent = next((j for j in range(i - 1, -1, -1) if blocks[j].kind == "heading"), None)
        if parent is None or blocks[parent].level >= block.level:
            continue  # not the first child of its parent
        siblings = [
            b
            for b in blocks[i + 1 : _scope_end(blocks, parent)]
            if b.kind == "heading" and b.level == block.level
        ]
        if not siblings:
            return i
    return None


def _sentence(text: str) -> str:
    return text.rstrip("。；;，,") + "。"


def drop_lone_children(blocks: list[Block]) -> list[Block]:
    """Write each heading that has no sibling as the lead sentence of its first paragraph, unnumbered.

    The headings under it move up a level, so that numbering stays a strict hierarchy.
    """
    blocks = list(blocks)
    while (i := _lone_child(blocks)) is not None:
        end = _scope_end(blocks, i)
        for j in range(i + 1, end):
            if blocks[j].kind == "heading":
                blocks[j] = replace(blocks[j], level=blocks[j].level - 1)
        parent = next(j for j in range(i - 1, -1, -1) if blocks[j].kind == "heading")
        same = blocks[i].text.rstrip("。") == blocks[parent].text.rstrip("。")
        lead = "" if same else _sentence(blocks[i].text)  # a child that repeats its parent says nothing
        following = blocks[i + 1] if i + 1 < end else None
        if following is not None and following.kind == "paragraph" and not following.lead:
            blocks[i : i + 2] = [Block("paragraph", lead + following.text, lead="")]
        elif lead:
            blocks[i] = Block("paragraph", lead)
        else:
            del blocks[i]
    return blocks


def number(blocks: list[Block], patterns: list[str], item_pattern: str = "{一}是") -> list[Block]:
    """Prefix headings with their level's number and items with 一是/二是.

    Headings deeper than ``MAX_LEVEL`` become items: GB/T 9704 has four heading levels.
    """
    counters = [0] * (MAX_LEVEL + 1)
    items = 0
    result = []
    for block in blocks:
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
            own = label(item_pattern, items)
            # The county's text may already say 一是 (its own sequence): never 「一是一是」.
            result.append(Block("item", text if text.startswith(own) else own + text))
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
