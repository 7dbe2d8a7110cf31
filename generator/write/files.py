"""Write the draft safely: atomically, never over a file the user edited, never over an input."""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from generator.errors import OutputError

if TYPE_CHECKING:
    from generator.write.word import Docx

FINGERPRINT = "minzheng-draft:sha256:"
_CORE_IDENTIFIER = re.compile(rb"<dc:identifier>([^<]*)</dc:identifier>")


def _body_digest(docx_bytes: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        return hashlib.sha256(z.read("word/document.xml")).hexdigest()


def is_untouched_draft(path: Path) -> bool:
    """True when ``path`` is a draft this tool wrote and nobody has saved over since."""
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            core = z.read("docProps/core.xml")
        found = _CORE_IDENTIFIER.search(core)
        return bool(found) and found.group(1).decode() == FINGERPRINT + _body_digest(data)
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return False


def _next_free(path: Path) -> Path:
    """draft(2).docx, draft(3).docx …: the first that is free or is itself an untouched draft of ours."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists() or is_untouched_draft(candidate):
            return candidate
        n += 1


def choose_path(target: Path, *, inputs: list[Path]) -> tuple[Path, str | None]:
    """Where to write, and a note when that is not ``target`` (it was edited by hand)."""
    if target.suffix.lower() != ".docx":
        raise OutputError(f"{target}: 输出文件名应以 .docx 结尾")
    if target.is_dir():
        raise OutputError(f"{target}: 这是一个文件夹,请给出 .docx 文件名")
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in inputs):
        raise OutputError(f"{target}: 输出文件不能与输入文件相同")
    if not target.exists() or is_untouched_draft(target):
        return target, None
    fresh = _next_free(target)
    return fresh, f"{target} 在上次生成后被手工修改过(或不是本工具生成的),为免覆盖,本次另存为 {fresh}"


def _atomic(path: Path, save: Callable[[IO[bytes]], None]) -> None:
    """Write through a temporary file in the same folder and a rename: never a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{path.parent}: 无法创建输出文件夹({e.strerror})") from None
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".~", suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            save(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        # A temporary file is private (0600); the result should get the user's usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp_name).chmod(0o666 & ~umask)
        Path(tmp_name).replace(path)
        tmp_name = None
    except PermissionError:
        raise OutputError(
            f"{path}: 没有写入权限,或文件正在 Word/WPS 中打开;请关闭文件或换一个位置(-o)"
        ) from None
    except OSError as e:
        raise OutputError(f"{path}: 无法写入({e.strerror})") from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str) -> None:
    """Save UTF-8 ``text`` to ``path`` atomically."""
    _atomic(path, lambda f: f.write(text.encode("utf-8")))


def write(doc: Docx, path: Path) -> None:
    """Save ``doc`` to ``path`` atomically, with its fingerprint inside (to spot later hand edits)."""
    doc.set_identifier(FINGERPRINT + hashlib.sha256(doc.document_xml).hexdigest())
    _atomic(path, doc.save)
