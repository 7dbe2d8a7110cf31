"""What the package says about the draft besides its text: the document properties (who wrote it, when, its
title), no blank thumbnail, and the styles its review comments refer to."""

from __future__ import annotations

from datetime import UTC, datetime

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml.coreprops import CT_CoreProperties
from docx.shared import Pt
from docx.styles.style import BaseStyle

# The comment styles as Word names them (python-docx's comments part refers to them by these ids).
COMMENT_TEXT = ("CommentText", "annotation text")
COMMENT_REFERENCE = ("CommentReference", "annotation reference")
COMMENT_PT = 10.5  # 五号, as Chinese Word sets its comments


def drafted_now() -> datetime:
    """The time of drafting, in UTC to the second (core properties are W3CDTF, written with a Z)."""
    return datetime.now(UTC).replace(microsecond=0)


def describe(core: CT_CoreProperties, *, title: str, author: str, when: datetime) -> None:
    """Title, author (the 单位, who will sign it) and the time of drafting in the core properties."""
    props = CoreProperties(core)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = when.astimezone(UTC)
    props.modified = when.astimezone(UTC)


def drop_thumbnail(doc: DocumentObject) -> None:
    """Leave out python-docx's template thumbnail (a blank page): the file manager then draws the draft."""
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]


def add_comment_styles(doc: DocumentObject) -> None:
    """Define the styles that comments refer to: the comment's text, and the mark in the body."""
    styles = doc.styles
    if COMMENT_TEXT[1] not in [s.name for s in styles]:
        text = styles.add_style(COMMENT_TEXT[1], WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        text.style_id = COMMENT_TEXT[0]
        text.base_style = styles["Normal"]
        _as_word_writes(text)
        fmt = text.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        text.font.size = Pt(COMMENT_PT)
    if COMMENT_REFERENCE[1] not in [s.name for s in styles]:
        mark = styles.add_style(COMMENT_REFERENCE[1], WD_STYLE_TYPE.CHARACTER, builtin=True)
        mark.style_id = COMMENT_REFERENCE[0]
        mark.base_style = styles["Default Paragraph Font"]
        _as_word_writes(mark)
        mark.font.size = Pt(COMMENT_PT)


def _as_word_writes(style: BaseStyle) -> None:
    """Hidden from the style gallery until used, as Word keeps its own comment styles."""
    style.priority = 99
    style.hidden = True
    style.unhide_when_used = True
