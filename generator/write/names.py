"""File names made from what a county wrote (单位, 年度): safe on Windows, macOS and Linux, and always
inside the folder they are meant for."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.errors import OutputError

MAX_NAME_BYTES = 200  # most file systems allow 255 bytes a name; leave room for "（2）" and ".trace.json"
_SEPARATORS = re.compile(r"[/\\]+")
_WINDOWS_FORBIDDEN = str.maketrans(
    {"<": "＜", ">": "＞", ":": "：", '"': "＂", "|": "｜", "?": "？", "*": "＊"}
)
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def safe_name(text: str) -> str:
    """``text`` as one file name: no folders, no control, format or bidi characters, no reserved names."""
    text = _SEPARATORS.sub("-", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")  # Cc, Cf (bidi), Co, Cs, Cn
    text = " ".join(text.translate(_WINDOWS_FORBIDDEN).split()).strip(" .")
    text = re.sub(r"\.{2,}", ".", text)
    if _RESERVED.match(text):
        text = "_" + text
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    return text.rstrip(" .")


def inside(folder: Path, name: str, suffix: str) -> Path:
    """``folder``/``name``+``suffix``, checked to stay inside ``folder``."""
    cleaned = safe_name(name)
    if not cleaned:
        raise OutputError(f"无法由「{name}」得到可用的文件名，请用 -o 指定输出文件")
    path = folder / (cleaned + suffix)
    if path.resolve().parent != folder.resolve():
        raise OutputError(f"由「{name}」得到的文件名不在 {folder} 中，请用 -o 指定输出文件")
    return path
