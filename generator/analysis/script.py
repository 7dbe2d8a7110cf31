"""The reading form of a line: Traditional script read as Simplified, a mirror's pinyin notes dropped, and the
stray spaces of text copied out of a PDF dropped, so that every rule reads one script and one spacing.

The outline still shows text as written: :func:`as_written` maps a piece of the reading form back to the
characters it came from. Traditional characters are converted with OpenCC's dictionaries (the
``opencc-python-reimplemented`` package), phrase by phrase where that keeps the length, else character by
character, so that positions stay comparable.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

_CJK = "\u4e00-\u9fff"
# A mirror site's pinyin after a character: 發(fā), 區(qū) (lower-case letters with tone marks only).
_PINYIN = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[）)]")
# Spaces a PDF's line breaks or its Latin/CJK spacing leave: between a number and the word after it
# (「2024 年」, 「43072 户」), between a word and a number that is not a heading's (「今年 4月」), and before
# punctuation (「7.14 万元 ,」).
_AFTER_NUMBER = re.compile(rf"(?<=\d)[ \u00a0]+(?=[{_CJK}])")
_BEFORE_NUMBER = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+(?=\d+(?:\.\d+)?(?![\d.．、]*[.．、](?!\d)))")
_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \u00a0]+(?=[，,。；;：:、）)”」])")
# Between two characters: stray only where a line has many of them, far apart (a PDF's broken lines), not
# the one space that ends a heading run into its body (「一、加大投入 今年，…」).
_BETWEEN = re.compile(rf"(?<=[{_CJK}])[ \u00a0](?=[{_CJK}])")
MIN_STRAY = 3  # spaces between characters in one line before they are taken as a PDF's line breaks
MIN_STRAY_GAP = 12  # characters between two of them on average (a PDF line holds 20-40)
# A PDF breaks every line, so its stray spaces come every line or every few lines. A space with no other
# within a few lines' width on either side is the writer's: the one that ends a heading run into its body
# in a flattened page (「二、完善工作机制 今年来，…」), far from the PDF-like spaces earlier in the line.
MAX_STRAY_GAP = 160  # characters: four lines of 40


@cache
def _converter() -> tuple[object, frozenset[str]]:
    """OpenCC's Traditional-to-Simplified converter and the characters it changes."""
    import opencc  # a kept library: OpenCC's dictionaries, reimplemented in Python

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    changed = set()
    for row in table.read_text(encoding="utf-8").splitlines():
        key, _, values = row.partition("\t")
        if key and values.split(" ")[0] != key:
            changed.add(key)
    return opencc.OpenCC("t2s"), frozenset(changed)


def simplified(text: str) -> str:
    """``text`` with Traditional characters as Simplified, the length kept."""
    converter, changed = _converter()
    if changed.isdisjoint(text):
        return text
    whole: str = converter.convert(text)  # type: ignore[attr-defined]
    if len(whole) == len(text):
        return whole
    return "".join(c if c not in changed else converter.convert(c) or c for c in text)  # type: ignore[attr-defined]


# What one of the patterns above needs to match: a line with none of these is only converted.
_MARKS = re.compile("[(（ \u00a0]")


# A long report's line is read again and again (outlined, its headings shown as written, its numbers
# placed), and a pasted-together report repeats its lines: the last few thousand are kept.
_KEPT = 4096


def reading_form(text: str) -> tuple[str, list[int]]:
    """The reading form of ``text`` and, for each of its characters, the index it came from in ``text``."""
    form, index = _reading_form(text)
    return form, list(index)


@lru_cache(maxsize=_KEPT)
def _reading_form(text: str) -> tuple[str, tuple[int, ...]]:
    index = range(len(text))
    if not _MARKS.search(text):
        return simplified(text), tuple(index)
    drop: set[int] = set()
    for m in _PINYIN.finditer(text):
        if m.start() and re.match(rf"[{_CJK}]", text[m.start() - 1]):
            drop.update(range(m.start(), m.end()))
    for pattern in (_AFTER_NUMBER, _BEFORE_NUMBER, _BEFORE_PUNCT):
        for m in pattern.finditer(text):
            drop.update(range(m.start(), m.end()))
    between = [m.start() for m in _BETWEEN.finditer(text)]
    if len(between) >= MIN_STRAY and (between[-1] - between[0]) >= MIN_STRAY_GAP * (len(between) - 1):
        drop.update(_with_neighbour(between))
    if not drop:
        return simplified(text), tuple(index)
    kept = tuple(i for i in index if i not in drop)
    return simplified("".join([text[i] for i in kept])), kept


def _with_neighbour(spaces: list[int]) -> list[int]:
    """The spaces with another within :data:`MAX_STRAY_GAP` characters before or after them."""
    return [
        at
        for n, at in enumerate(spaces)
        if (n and at - spaces[n - 1] <= MAX_STRAY_GAP)
        or (n + 1 < len(spaces) and spaces[n + 1] - at <= MAX_STRAY_GAP)
    ]


def reading(text: str) -> str:
    """Just the reading form of ``text``."""
    return _reading_form(text)[0]


def as_written(piece: str, written: str) -> str:
    """The characters of ``written`` that ``piece`` (a part of its reading form) came from; ``piece`` itself
    when it is not one."""
    form, index = _reading_form(written)
    start = form.find(piece)
    if not piece or start < 0:
        return piece
    return written[index[start] : index[start + len(piece) - 1] + 1]
