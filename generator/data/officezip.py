"""The members of a .docx or .xlsx package checked before any is read: Word, WPS and Excel store each member
plainly or deflated, never encrypted. Anything else (a password, LZMA, bzip2 or an unknown method) is refused
with what to do, before a decompressor of ours sees its bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.errors import InputError

_PLAIN = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_ENCRYPTED = 0x1  # general purpose flag, bit 0


def check_members(z: zipfile.ZipFile, path: Path, app: str, suffix: str) -> None:
    """Refuse the package ``z`` (read from ``path``) unless every member is plain or deflated and not
    encrypted. ``app``: the programs that save such a file (「Word/WPS」); ``suffix``: its suffix."""
    for info in z.infolist():
        if info.flag_bits & _ENCRYPTED:
            raise InputError(
                f"{path}: 文件设置了打开密码（已加密），无法读取；请在 {app} 中取消密码后另存一份再试"
            )
        if info.compress_type not in _PLAIN:
            raise InputError(
                f"{path}: 文件用了本工具不支持的压缩方式，不像是 {app} 保存的文件；请在 {app} 中打开后"
                f"另存为 {suffix} 再试"
            )
