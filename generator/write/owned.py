"""Which existing files are ours to replace: a PDF or an .xlsx this tool wrote carries a mark, so that a
later run replaces it without asking and never replaces a file the user made or saved over."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

# Appended after the PDF's %%EOF (a comment; readers look for %%EOF in the last 1 KB): the digest of
# every byte before it. Saving the PDF again (an incremental update, a signature) breaks the match.
_PDF_MARK = re.compile(rb"\n%minzheng-pdf:sha256:([0-9a-f]{64})\n\Z")
XLSX_KEYWORD = "minzheng-rollup-table"


def mark_pdf(data: bytes) -> bytes:
    """``data`` (a PDF) with our mark appended."""
    body = data if data.endswith(b"\n") else data + b"\n"
    return body + b"%minzheng-pdf:sha256:" + hashlib.sha256(body).hexdigest().encode() + b"\n"


def is_our_pdf(data: bytes) -> bool:
    found = _PDF_MARK.search(data[-200:])
    if found is None:
        return False
    body = data[: len(data) - len(found.group(0)) + 1]  # up to and with the newline before the mark
    return hashlib.sha256(body).hexdigest().encode() == found.group(1)


def is_our_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return XLSX_KEYWORD.encode() in z.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile, zlib.error, ValueError, EOFError, RuntimeError, OSError):
        return False


def is_json_with(keys: set[str]) -> Callable[[bytes], bool]:
    """An ``ours`` test for a JSON file of ours: an object with every key of ``keys``."""

    def ours(data: bytes) -> bool:
        try:
            found = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return False
        return isinstance(found, dict) and keys <= set(found)

    return ours


def guard_bytes(path: Path, ours: Callable[[bytes], bool], *, overwrite: bool, what: str = "文件") -> None:
    """Refuse to replace ``path`` unless ``ours`` (of its bytes) says we wrote it, or ``overwrite``."""
    from generator.write import files

    refusal = f"{what}已存在，且不是本工具以前写出的（或写出后被修改过）；为免覆盖，请先改名或移走它，确需替换时加 --覆盖"
    files.guard_bytes(path, ours, overwrite=overwrite, refusal=refusal)
