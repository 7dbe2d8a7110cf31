"""Change a file the user owns in place (`fill`): through a link to the file it points at, with the
file's permissions, owner and line endings kept, atomically (a new file beside it, then a rename)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from generator.errors import OutputError, os_reason

_TEMP_PREFIX = ".~minzheng-"


def read_only(path: Path) -> bool:
    """Whether ``path`` is marked read-only (no write permission for anyone: chmod 444, Windows 只读)."""
    try:
        return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def refuse_read_only(path: Path) -> None:
    """A read-only file is the user's way of saying 「do not change this」: refused with a message."""
    if read_only(path):
        raise OutputError(
            f"{path}: 文件是只读的，没有改动；请先去掉只读属性（Windows：右键 → 属性；Linux/macOS：chmod u+w）再运行"
        )


def newline_of(data: bytes) -> str:
    """The line ending a file uses: CRLF when every line of it ends so (Windows Notepad), else LF."""
    lines = data.count(b"\n")
    return "\r\n" if lines and data.count(b"\r\n") == lines else "\n"


def replace_text(path: Path, text: str, *, newline: str = "\n") -> None:
    """Write ``text`` (with LF line ends, written as ``newline``) as the new content of the file at
    ``path``, which must exist: a link is followed, and the file keeps its mode and owner."""
    real = Path(os.path.realpath(path))
    try:
        before = real.stat()
    except OSError as e:
        raise OutputError(f"{path}: 无法读取文件属性（{os_reason(e)}）") from None
    refuse_read_only(path)
    data = (text.replace("\n", newline) if newline != "\n" else text).encode("utf-8")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=real.parent)
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        Path(tmp_name).chmod(stat.S_IMODE(before.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only root may give a file to another user
                os.chown(tmp_name, before.st_uid, before.st_gid)
        Path(tmp_name).replace(real)
        tmp_name = None
    except PermissionError:
        raise OutputError(
            f"{path}: 没有写入权限（文件或所在文件夹），或文件正在其他程序中打开；文件没有改动"
        ) from None
    except OSError as e:
        raise OutputError(f"{path}: 无法写入（{os_reason(e)}），文件没有改动") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                Path(tmp_name).unlink()
