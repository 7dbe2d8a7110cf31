"""Numbering by level, applied when the document is built so that left-out topics leave no gap."""

from __future__ import annotations

from dataclasses import replace

from generator.data.numbers import chinese
from generator.draft.markup import Block

MAX_LEVEL = 4


def label(pattern: str, n: int) -> str:
    """Fill a numbering pattern: "{一}、" -> "三、", "（{1}）" -> "（3）"."""
    return pattern.replace("{一}", chinese(n)).replace("{1}", str(n))


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
            result.append(Block("item", label(item_pattern, items) + text))
        else:
            result.append(block)
    return result
