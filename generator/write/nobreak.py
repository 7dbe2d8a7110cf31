"""A number kept on one line with its unit: 「749万元」, 「521元/人·月」, 「2024年」 never split at a line end.

Word processors break Chinese text between any two characters, so a line may end in 「749」 and the next
begin with 「万元」. The builder writes each number with its unit as a run of its own whose characters are
joined by U+2060 WORD JOINER (Unicode's zero-width no-break, UAX #14 rule LB11) and whose East Asian
language is ``x-none``:
- LibreOffice 7.4 hands Chinese-language text to its CJK break iterator, which ignores word joiners and
  allows a break anywhere its forbidden-character lists allow (and it does not import a .docx's
  w:noLineBreaksBefore/After lists); text in another language goes to the ICU-based iterator, which
  honours U+2060. Newer LibreOffice honours U+2060 in Chinese text too.
- ``x-none`` is the language Word itself writes for text without one: it only turns proofing off.
- Word and WPS are expected to honour U+2060 as Unicode defines it; neither has been tried (neither runs
  where this is built and tested). If one does not, the next step is the document's own kinsoku lists
  (w:noLineBreaksAfter), which replace the word processor's Chinese defaults.
The joiners are invisible and have no width; the text a reader sees is unchanged, but it travels with copied
text, and a search for 「13个」 in Word may need 「13」 instead.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from generator.data import catalogue

WORD_JOINER = "\u2060"
NO_LANGUAGE = "x-none"
_NUMBER = r"\d+(?:[.,]\d+)*"
_IDEOGRAPH = "[\u4e00-\u9fff]"


@cache
def _token() -> re.Pattern[str]:
    """A number with what it counts: a percent sign, or 万/亿 and a unit (the longest the catalogue
    knows, else the one character that follows, a measure word such as 次 or 个)."""
    units = {f.unit for t in catalogue.topics() for f in t.figures} | {"个百分点"}
    longer = sorted((u for u in units if len(u) > 1 and not u.isascii()), key=len, reverse=True)
    unit = "|".join([*(re.escape(u) for u in longer), _IDEOGRAPH])
    return re.compile(rf"{_NUMBER}(?:%|[万亿]?(?:{unit}))")


def pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is a number with its unit), in order."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _token().finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((match.group(), True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def joined(token: str) -> str:
    """``token`` with a word joiner wherever a line could otherwise break (not inside 2.37 or 53.5%)."""
    out = [token[0]]
    for before, char in itertools.pairwise(token):
        if not (before.isascii() and char.isascii()):
            out.append(WORD_JOINER)
        out.append(char)
    return "".join(out)


def visible(text: str) -> str:
    """``text`` without the joiners: what a reader sees."""
    return text.replace(WORD_JOINER, "")
