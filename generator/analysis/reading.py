"""Read a report to outline: a .txt (UTF-8, UTF-16 or GB18030/GBK, detected) or a .docx (its paragraphs).

Whatever arrives is read within bounds or refused with a Chinese message: oversized text, zip bombs,
corrupt or truncated .docx files, XML with a DTD (entity bombs).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.data import inputfile, officezip
from generator.errors import InputError, reading

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a long annual report is ~100 KB of text
MAX_DOCX_BYTES = 50 * 1024 * 1024  # the .docx file itself (images included)
MAX_XML_BYTES = 40 * 1024 * 1024  # document.xml and styles.xml once unpacked
MAX_RATIO = 200  # unpacked / packed size of one part: Word's XML packs ~10:1, a bomb ~1000:1
# Lines with text: a long annual report has a few hundred, a report hard-wrapped from a PDF a few thousand.
# Past this, reading is linear but what comes out is of no use (a county file of tens of thousands of lines).
MAX_PARAGRAPHS = 20_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
# Zero-width format characters (word joiners of drafts from earlier versions, soft hyphens): not text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


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
    with reading(str(path), "报告的 .txt 或 .docx 文件"):
        if path.suffix.lower() == ".docx":
            return _docx_lines(path)
        try:
            data = inputfile.read_regular(path, str(path), MAX_TEXT_BYTES)
        except inputfile.TooLarge as e:
            raise InputError(
                f"{path}: 文件有 {e.size / 1024 / 1024:.0f} MB，超过了 {MAX_TEXT_BYTES // 1024 // 1024} MB 的上限"
                "（一份年度报告的文字通常不到 1 MB）"
            ) from None
        lines = [Line(i, text) for i, text in enumerate(decode(data).splitlines(), start=1)]
        _within_bounds(path, sum(1 for ln in lines if ln.text.strip()), len(lines), "行")
        return lines


def _within_bounds(path: Path, with_text: int, total: int, unit: str) -> None:
    if with_text > MAX_PARAGRAPHS:
        raise InputError(
            f"{path}: 文件有 {total} {unit}，有文字的超过了 {MAX_PARAGRAPHS} {unit}的上限"
            f"（一份年度工作报告通常只有几百{unit}）；请确认选对了文件，或只留要读的那份报告"
        )


def _part(z: zipfile.ZipFile, name: str, path: Path) -> etree._Element | None:
    """One XML part of the package, unpacked within bounds and parsed without a DTD."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise InputError(f"{path}: 文件解压后大得异常（可能已损坏或是恶意文件），不予读取")
    data = z.read(name)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise InputError(f"{path}: 文件中含有 DTD 声明，不是 Word 保存的文件，不予读取")
    return etree.fromstring(data, _PARSER)


def _docx_lines(path: Path) -> list[Line]:
    try:
        data = inputfile.read_regular(path, str(path), MAX_DOCX_BYTES)
    except inputfile.TooLarge:
        raise InputError(f"{path}: 文件超过 {MAX_DOCX_BYTES // 1024 // 1024} MB，不像一份工作报告") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            officezip.check_members(z, path, "Word/WPS", ".docx")
            body = _part(z, "word/document.xml", path)
            styles = _part(z, "word/styles.xml", path)
    except (zipfile.BadZipFile, zlib.error, EOFError, etree.XMLSyntaxError, ValueError) as e:
        raise InputError(f"{path}: 不是有效的 Word(.docx)文件，或文件已损坏（{type(e).__name__}）") from None
    if body is None:
        raise InputError(f"{path}: 不是有效的 Word(.docx)文件（没有正文部分）")
    levels = _heading_levels(styles)
    lines = []
    paragraphs = body.find(f"{_W}body")
    found = list(paragraphs.iterchildren(f"{_W}p")) if paragraphs is not None else []
    with_text = 0
    for i, p in enumerate(found, start=1):
        style = p.find(f"{_W}pPr/{_W}pStyle")
        level = levels.get(style.get(f"{_W}val", "")) if style is not None else None
        text = "".join(_texts(p))
        lines.append(Line(i, text, level))
        with_text += bool(text.strip())
        if with_text > MAX_PARAGRAPHS:  # refused before the rest is read
            _within_bounds(path, with_text, len(found), "段")
    return lines


def _texts(paragraph: etree._Element) -> list[str]:
    """The paragraph's text as Word shows it: runs' text, tabs, and line breaks (as in python-docx)."""
    out = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            out.append(_INVISIBLE.sub("", node.text or ""))
        elif node.tag == f"{_W}tab":
            out.append("\t")
        else:
            out.append("\n")
    return out


def _heading_levels(styles: etree._Element | None) -> dict[str, int]:
    """Style id -> heading level, for paragraph styles named Heading N / 标题 N."""
    levels: dict[str, int] = {}
    if styles is None:
        return levels
    for style in styles.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        m = _HEADING_STYLE.match(name.get(f"{_W}val", "") if name is not None else "")
        if m:
            levels[style.get(f"{_W}styleId", "")] = int(m.group(1))
    return levels
