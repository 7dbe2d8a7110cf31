"""The simple structured text that templates write, and its parser.

One line per paragraph; a line's opening marker says what it is:

    @标题 文字   document title          @标记 文字   draft mark under the title, e.g. （征求意见稿）
    @主送 文字   addressee
    @落款 文字   signature (落款)         @日期 文字   date under the signature
    # 文字       heading, level 1 (## level 2 … #### level 4)
    - 文字       an item, numbered 一是、二是… by the document builder
    \\文字       a paragraph that starts with a marker character, taken literally
    文字         a body paragraph
Blank lines are ignored.

Inside any line, text between :data:`REF_OPEN` and :data:`REF_CLOSE` is 参考表述: wording the tool wrote in
the county's stead (a plan the county did not give). Templates write it with the 参考 filter; the document
builder highlights it and comments on it, and the run summary counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"【待补充[:：]([^】]*)】")
_HEADING = re.compile(r"^(#{1,9})(?: +(.*))?$")  # 「##」 alone: a section whose heading has no words
_DIRECTIVE = re.compile(r"^@(\S+) +(.*)$")
_MARKER_START = re.compile(r"^(#{1,9}( |$)|- |@\S+ |\\)")
# A figure in rendered text is wrapped in private-use characters naming where it came from, so that the
# document builder can tell which sentence carries which figure (review comments, trace). Never printed.
MARK_OPEN, MARK_SEP, MARK_CLOSE = "\ue000", "\ue001", "\ue002"
MARK = re.compile(f"{MARK_OPEN}([^{MARK_SEP}]*){MARK_SEP}([^{MARK_CLOSE}]*){MARK_CLOSE}")
# A section heading carries the topic it heads, so that restructuring never moves a topic's text under
# another topic's heading; parse() takes it off every line. Never printed.
TOPIC_OPEN, TOPIC_CLOSE = "\ue003", "\ue004"
_TOPIC = re.compile(f"{TOPIC_OPEN}([^{TOPIC_CLOSE}]*){TOPIC_CLOSE}")
# 参考表述 (see the module docstring): private-use like the figure marks, so no county text can hold them.
REF_OPEN, REF_CLOSE = "\ue005", "\ue006"
REFERENCE = re.compile(f"{REF_OPEN}([^{REF_CLOSE}]*){REF_CLOSE}")
DIRECTIVES = {"标题": "title", "标记": "mark", "主送": "addressee", "落款": "signature", "日期": "date"}


@dataclass
class Block:
    """One paragraph of the draft: its kind, heading level (headings only) and text."""

    kind: str  # title | addressee | mark | heading | item | paragraph | signature | date
    text: str
    level: int = 0
    lead: str = ""  # a run-in heading or lead sentence that ``text`` opens with (see numbering.run_in)
    topic: str = ""  # the topic a section heading heads ("" for other headings and blocks)


_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF = re.compile(r"[,;:?!()]")


def full_width(text: str) -> str:
    """Official punctuation: half-width , ; : ? ! ( ) become full-width, except between digits (1,234 10:30)."""

    def swap(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if m.group() in ",:" and before.isdigit() and after.isdigit():
            return m.group()
        latin_before, latin_after = before.isascii() and before.isalnum(), after.isascii() and after.isalnum()
        if (m.group() == "(" and latin_before) or (m.group() == ")" and latin_after):
            return m.group()  # f(x) inside Latin text keeps its ASCII look
        return _HALF_PUNCT[m.group()]

    return _HALF.sub(swap, text)


def escape(text: str) -> str:
    """Protect user text so that none of its lines is read as a marker."""
    return "\n".join("\\" + line if _MARKER_START.match(line) else line for line in text.split("\n"))


def shift(text: str, levels: int) -> str:
    """Push every heading of ``text`` down by ``levels`` (a topic template's # becomes ### …)."""
    if levels == 0:
        return text
    return re.sub(r"^(#{1,9}) ", lambda m: "#" * (len(m.group(1)) + levels) + " ", text, flags=re.MULTILINE)


def with_topic(topic: str, title: str) -> str:
    """A section heading's text tagged with the topic it heads (read back into :attr:`Block.topic`)."""
    return f"{TOPIC_OPEN}{topic}{TOPIC_CLOSE}{title}"


def parse(text: str) -> list[Block]:
    """Read structured text into blocks. Unknown @directives are an error (a template typo)."""
    blocks: list[Block] = []
    for raw in text.split("\n"):
        line = raw.strip()
        topic = next((m.group(1) for m in _TOPIC.finditer(line)), "")
        line = _TOPIC.sub("", line).strip()
        if not line:
            continue
        if line.startswith("\\"):
            blocks.append(Block("paragraph", line[1:]))
        elif m := _HEADING.match(line):
            blocks.append(Block("heading", (m.group(2) or "").strip(), level=len(m.group(1)), topic=topic))
        elif line.startswith("- "):
            blocks.append(Block("item", line[2:].strip()))
        elif m := _DIRECTIVE.match(line):
            if m.group(1) not in DIRECTIVES:
                raise ValueError(
                    f"未知的标记「@{m.group(1)}」，可用: " + "、".join("@" + d for d in DIRECTIVES)
                )
            blocks.append(Block(DIRECTIVES[m.group(1)], m.group(2).strip()))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def unknown_directives(text: str) -> list[str]:
    """Every @marker in ``text`` that is not one of :data:`DIRECTIVES` (a template's typo)."""
    return [
        "@" + m.group(1)
        for raw in text.split("\n")
        if (m := _DIRECTIVE.match(raw.strip())) and m.group(1) not in DIRECTIVES
    ]


def mark(source: str, text: str) -> str:
    """``text`` tagged as coming from ``source`` (e.g. 总结/社会救助/城市低保标准)."""
    return f"{MARK_OPEN}{source}{MARK_SEP}{text}{MARK_CLOSE}"


def unmark(text: str) -> str:
    """``text`` without figure marks (nor 参考表述 marks)."""
    return MARK.sub(lambda m: m.group(2), text).replace(REF_OPEN, "").replace(REF_CLOSE, "")


def reference(text: str) -> str:
    """``text`` marked as 参考表述, line by line (so that each paragraph carries its own pair). A marked
    line starts with :data:`REF_OPEN`, which no line marker does: its text is never read as a marker."""
    return "\n".join(f"{REF_OPEN}{line.strip()}{REF_CLOSE}" for line in text.split("\n") if line.strip())


def references(text: str) -> list[str]:
    """The text of every 参考表述 span of ``text``, in order."""
    return [m.group(1) for m in REFERENCE.finditer(text)]


def reference_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is 参考表述) pieces, in order, without the marks."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for m in REFERENCE.finditer(text):
        if m.start() > position:
            pieces.append((text[position : m.start()], False))
        if m.group(1):
            pieces.append((m.group(1), True))
        position = m.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def without_marked(text: str) -> str:
    """``text`` with every marked figure removed (what is left was written by a template or the county)."""
    return MARK.sub("", text)


def marks(text: str) -> list[tuple[str, str]]:
    """(source, shown text) of every figure marked in ``text``, in order."""
    return [(m.group(1), m.group(2)) for m in MARK.finditer(text)]


def placeholders(text: str) -> list[str]:
    """The names inside every 【待补充：…】 of ``text``, in order."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]
