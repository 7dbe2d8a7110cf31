"""Open an input file only when it is a regular file, and read it only up to a cap.

A FIFO blocks the reader forever, /dev/zero never ends, a folder or a device is no file at all; a link
to any of them looks like a file by its name. Each is refused on the open file itself (no race between a
check and the read), before a byte is read, and a file that grows past the cap while read is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import InputError

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class TooLarge(Exception):
    """The file is larger than the reader's cap (``size``: its size in bytes, at least cap + 1)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def not_regular(shown: str, mode: int) -> InputError:
    """The message for a special file (not a folder) where a file was wanted."""
    kind = (
        "管道（FIFO）"
        if stat.S_ISFIFO(mode)
        else "设备"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "特殊文件"
    )
    return InputError(f"{shown}: 这是一个{kind}，不是保存在磁盘上的普通文件，不予读取；请给出文件本身的路径")


def is_regular(path: Path) -> bool:
    """Whether ``path`` (a link followed) is a regular file; never opens it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: Path, shown: str, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    A special file raises :class:`InputError`, a larger file :class:`TooLarge`; an ``OSError`` (missing,
    no permission) is the caller's to word (see :func:`generator.errors.reading`).
    """
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # worded by generator.errors.reading, with the file wanted
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(shown, info.st_mode)
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise TooLarge(total)
        return b"".join(chunks)
    finally:
        os.close(fd)
