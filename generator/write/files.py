"""Write files safely: atomically (no half-written file, no temp file left behind), never over a file the
user edited or did not ask us to replace, never outside the folder a name is meant for."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from generator.data import inputfile
from generator.errors import InputError, OutputError, os_reason
from generator.write import package
from generator.write.inplace import refuse_read_only

if TYPE_CHECKING:
    from generator.write.basedoc import Docx

FINGERPRINT = "minzheng-draft:sha256:"
CORE = "docProps/core.xml"
_CORE_IDENTIFIER = re.compile(rb"<dc:identifier>([^<]*)</dc:identifier>")
_TEMP_PREFIX = ".~minzheng-"
STALE_SECONDS = 600  # a temp file this old is left by a killed run (a live one is seconds old)
MAX_DRAFT_BYTES = 50 * 1024 * 1024  # reading back a .docx to check its fingerprint


def package_digest(docx_bytes: bytes) -> str:
    """sha256 of every part of the package (the fingerprint itself blanked): any hand edit changes it,
    to the text, the styles, the footer or the document properties."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        for name in sorted(z.namelist()):
            raw = package.stored(docx_bytes, z.getinfo(name)) if name != CORE else None
            known = package.known_digest(raw) if raw is not None else None
            if known is not None:  # the very bytes of a part this process wrote (the styles, say)
                parts.append((name, known))
                continue
            data = z.read(name)
            if name == CORE:
                data = _CORE_IDENTIFIER.sub(b"<dc:identifier></dc:identifier>", data)
            parts.append((name, hashlib.sha256(data).digest()))
    return combined_digest(parts)


def combined_digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """The package digest from the sha256 of each part (name, digest), in order of name."""
    digest = hashlib.sha256()
    for name, part in sorted(parts, key=lambda p: p[0]):
        digest.update(name.encode() + b"\0" + part)
    return digest.hexdigest()


def is_untouched_draft(path: Path) -> bool:
    """True when ``path`` is a draft this tool wrote and nobody has saved over since."""
    try:
        data = _regular_bytes(path)
        if data is None:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            core = z.read(CORE)
        found = _CORE_IDENTIFIER.search(core)
        return found is not None and found.group(1).decode() == FINGERPRINT + package_digest(data)
    # RuntimeError: an encrypted member, or (NotImplementedError) an unknown compression method.
    except (
        OSError,
        KeyError,
        zipfile.BadZipFile,
        UnicodeDecodeError,
        ValueError,
        EOFError,
        zlib.error,
        RuntimeError,
    ):
        return False


def _regular_bytes(path: Path) -> bytes | None:
    """The bytes of an existing output file when it is a regular file of a draft's size; None for a FIFO,
    a device or a link to one (opening it to look would block or never end), for a larger file and for one
    that cannot be read (then it is not known to be ours)."""
    try:
        return inputfile.read_regular(path, str(path), MAX_DRAFT_BYTES)
    except (InputError, inputfile.TooLarge, OSError):
        return None


def _next_free(path: Path) -> Path:
    """draft（2）.docx, draft（3）.docx …: the first that is free or is itself an untouched draft of ours.
    Full-width brackets, as a clerk writes them and as batch names its clashes."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}（{n}）{path.suffix}")
        if not candidate.exists() or is_untouched_draft(candidate):
            return candidate
        n += 1


def choose_path(target: Path, *, inputs: list[Path], overwrite: bool = False) -> tuple[Path, str | None]:
    """Where to write, and a note when that is not ``target`` (our draft, edited by hand since)."""
    if target.suffix.lower() != ".docx":
        raise OutputError(f"{target}: 输出文件名应以 .docx 结尾")
    check_name(target, room=len("（99）.trace.json".encode()) - len(".docx"))
    if target.is_dir():
        raise OutputError(f"{target}: 这是一个文件夹，请给出 .docx 文件名")
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in inputs):
        raise OutputError(f"{target}: 输出文件不能与输入文件相同")
    if not overwrite:
        refuse_read_only(target)  # a draft marked read-only is kept, ours or not
    if overwrite or not target.exists() or is_untouched_draft(target):
        return target, None
    if not _fingerprinted(target):
        raise OutputError(
            f"{target}: 文件已存在，且不是本工具生成的草稿；为免覆盖，请换一个文件名（-o），"
            "确需替换时加 --覆盖"
        )
    fresh = _next_free(target)
    return fresh, f"{target} 在上次生成后被手工修改过，为免覆盖，本次另存为 {fresh}"


MAX_NAME_BYTES = 255  # a file name on ext4, NTFS, APFS (in bytes of UTF-8 on Linux)


def check_name(path: Path, *, room: int = 0) -> None:
    """Refuse a file name too long to create (with ``room`` bytes to spare for a name made from it, as
    draft（2）.trace.json), before anything is written: the system's own refusal comes mid-way."""
    size = len(path.name.encode("utf-8"))
    if size + room > MAX_NAME_BYTES:
        most = (MAX_NAME_BYTES - room) // 3
        raise OutputError(
            f"{path}: 文件名太长（{size} 字节），请用短一些的文件名（-o），汉字不超过约 {most} 个"
        )


def _fingerprinted(path: Path) -> bool:
    """Whether ``path`` carries our fingerprint (a draft of ours, edited or not)."""
    try:
        data = _regular_bytes(path)
        if data is None:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return FINGERPRINT.encode() in z.read(CORE)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError, zlib.error, RuntimeError):
        return False


def guard(path: Path, *, ours: Callable[[str], bool], overwrite: bool) -> None:
    """Refuse to replace ``path`` unless it is our own earlier output (``ours`` of its text) or
    ``overwrite`` was asked for: maintainer commands must never eat a county's data file."""

    def ours_bytes(data: bytes) -> bool:
        try:
            return ours(data.decode("utf-8"))
        except UnicodeDecodeError:
            return False

    refusal = "文件已存在，且不是本命令以前写出的文件；为免覆盖，请换一个文件名（-o），确需替换时加 --覆盖"
    guard_bytes(path, ours_bytes, overwrite=overwrite, refusal=refusal)


def guard_bytes(path: Path, ours: Callable[[bytes], bool], *, overwrite: bool, refusal: str) -> None:
    """Refuse to replace ``path`` (with ``refusal``) unless ``ours`` of its bytes says we wrote it, or
    ``overwrite``. A FIFO or a device at ``path`` is never opened to look (it would block)."""
    check_name(path)
    if overwrite or not path.exists():
        return
    refuse_read_only(path)
    if path.is_dir():
        raise OutputError(f"{path}: 这是一个文件夹，请给出文件名")
    if not ours(_regular_bytes(path) or b""):
        raise OutputError(f"{path}: {refusal}")


_cleaned: set[Path] = set()  # folders already cleaned by this process


def clean_stale_temps(folder: Path) -> None:
    """Remove temp files that a killed run left in ``folder`` (ours only, and only old ones).

    Once per folder and process: a batch writing a thousand drafts lists the folder once, not a thousand
    times (the temp files of a killed run are already there when a run starts).
    """
    if folder in _cleaned:
        return
    _cleaned.add(folder)
    try:
        now = time.time()
        for leftover in folder.glob(f"{_TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_SECONDS:
                    leftover.unlink()
    except OSError:
        pass


def _atomic(path: Path, save: Callable[[IO[bytes]], object]) -> None:
    """Write through a temporary file in the same folder and a rename: never a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{path.parent}: 无法创建输出文件夹（{os_reason(e)}）") from None
    clean_stale_temps(path.parent)
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=_TEMP_PREFIX, suffix=".tmp", delete=False
        ) as tmp:
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
            f"{path}: 没有写入权限，或文件正在 Word/WPS 中打开；请关闭文件或换一个位置（-o）"
        ) from None
    except OSError as e:
        raise OutputError(f"{path}: 无法写入（{os_reason(e)}）") from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)


def write_text_atomically(path: Path, text: str) -> None:
    """Save UTF-8 ``text`` to ``path`` atomically."""
    data = text.encode("utf-8")
    _atomic(path, lambda f: f.write(data))


def write_streamed_atomically(path: Path, save: Callable[[IO[bytes]], object]) -> None:
    """Save what ``save`` writes, a piece at a time, to ``path`` atomically."""
    _atomic(path, save)


def fingerprint(doc: Docx) -> None:
    """Put the fingerprint of the whole package into ``doc`` (to spot a later hand edit)."""
    doc.set_identifier("")
    doc.set_identifier(FINGERPRINT + combined_digest(doc.part_digests()))


def write(doc: Docx, path: Path) -> None:
    """Save ``doc`` to ``path`` atomically, with the fingerprint of the whole package inside."""
    fingerprint(doc)
    _atomic(path, doc.save)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Save ``data`` (a draft made and fingerprinted elsewhere) to ``path`` atomically."""
    _atomic(path, lambda f: f.write(data))
