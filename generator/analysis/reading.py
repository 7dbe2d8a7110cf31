"""Read a report to outline: a .txt (UTF-8, UTF-16 or GB18030/GBK, detected) or a .docx (its paragraphs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError

_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One line of a .txt report, or one paragraph of a .docx (``number`` is 1-based)."""

    number: int
    text: str
    style_level: int | None = None  # the heading level a .docx paragraph's style gives, if any


def decode(data: bytes) -> str:
    """Text of a report file, whatever of the usual Chinese encodings it was saved in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # a superset of GBK and GB2312
    except UnicodeDecodeError:
        # Mostly GB18030 with a few damaged bytes (a truncated download): keep what can be read.
        return data.decode("gb18030", errors="replace")


def read_lines(path: Path) -> list[Line]:
    """The lines (or paragraphs) of the report at ``path``."""
    try:
        if path.suffix.lower() == ".docx":
            return _docx_lines(path)
        return [Line(i, text) for i, text in enumerate(decode(path.read_bytes()).splitlines(), start=1)]
    except FileNotFoundError:
        raise InputError(f"{path}: 找不到这个文件") from None
    except OSError as e:
        raise InputError(f"{path}: 无法读取({e.strerror})") from None


def _docx_lines(path: Path) -> list[Line]:
    from docx import Document  # only .docx input needs it; keep `outline` of .txt light
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise InputError(f"{path}: 不是有效的 Word(.docx)文件({e})") from None
    lines = []
    for i, p in enumerate(doc.paragraphs, start=1):
        m = _HEADING_STYLE.match(p.style.name if p.style is not None else "")
        lines.append(Line(i, p.text, int(m.group(1)) if m else None))
    return lines
