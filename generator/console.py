"""Output that survives a terminal (or a redirected file) in a legacy encoding: a Chinese Windows with
PYTHONIOENCODING=gbk, or LANG=C. A character the encoding lacks (「›」, an emoji in a clerk's heading) is
written as a close ASCII stand-in or 「?」, never a crash that cuts the output short."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import TextIO

HANDLER = "minzheng-standin"
# Encodings that can write every character: nothing to do for them.
_COMPLETE = {"utf-8", "utf-16", "utf-32", "gb18030", "utf-8-sig"}
# Stand-ins for the characters our own messages use, and some that pasted text often carries.
_STAND_INS = {
    "›": ">",
    "‹": "<",
    "»": ">>",
    "«": "<<",
    "→": "->",
    "←": "<-",
    "–": "-",
    "—": "--",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "•": "*",
    "·": ".",
    "\u00a0": " ",
    "\u3000": "  ",
}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    encoding = error.encoding
    out = []
    for char in error.object[error.start : error.end]:
        out.append(next((s for s in (_STAND_INS.get(char, "?"), "?") if _encodes(s, encoding)), "?"))
    return "".join(out), error.end


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


codecs.register_error(HANDLER, _stand_in)


def make_safe(*streams: TextIO) -> None:
    """Let ``streams`` (by default stdout and stderr) write any text in whatever encoding they have."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or codecs.lookup(encoding).name in _COMPLETE:
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a TextIOWrapper, or closed
            stream.reconfigure(errors=HANDLER)  # type: ignore[union-attr]


def ensure_utf8_names() -> None:
    """Run again in Python's UTF-8 mode when file names are decoded in another encoding (LANG=C with
    PYTHONUTF8=0 makes it ASCII): the built-in templates live in folders named 总结 and 计划, and drafts
    get Chinese names, none of which ASCII can spell. The command line is passed on byte for byte."""
    if os.name != "posix" or sys.flags.utf8_mode:
        return
    if codecs.lookup(sys.getfilesystemencoding()).name == "utf-8":
        return
    if os.environ.get(_AGAIN):  # already tried once: go on as we are rather than loop
        return
    os.environ[_AGAIN] = "1"
    with contextlib.suppress(OSError):
        os.execv(sys.executable, [sys.orig_argv[0], "-X", "utf8", *sys.orig_argv[1:]])


_AGAIN = "MINZHENG_UTF8_AGAIN"
