"""Mutations of county files as careless and hostile users make them (shared by tests/test_fuzz.py and
benchmarks/fuzz.py): pasted Unicode (control, bidi, private-use, Word's soft breaks), odd scalars,
deleted, duplicated and re-indented lines, full-width punctuation, text starting with {."""

from __future__ import annotations

import random

ODD_CHARS = [
    "\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u202e", "\u2066",
    "\u2028", "\ue000", "\ue001", "\ue002", "\uf8ff", "\ufeff", "\ufffd", "\U0010fffd", "\t", "\r",
    "：", "，", "（", "）", "【", "】", "“", "”", "{", "}", "[", "]", "#", "&", "*", "!", "|", ">", "%",
    "@", "`", "'", '"', "\\", "-", "—", "…", "·", "é", "𠀀", "甲",
]  # fmt: skip
ODD_SCALARS = [
    "-0", "0", "1:30", "0x1F", "0o17", "1e999999999", "1.0e+50", "-5", ".inf", ".nan", "~", "null",
    "true", "2024-13-45", "'约300'", "3.41万", "1,234", "１２３", "2.3千万", "85%以上", "{本年: 1}",
    "{本年，上年}", "[1, 2]", "{}", "''", "|", ">", "*a", "&a x", "!!python/object:os.system", "9" * 40,
    "「」", "{名称}开头", "\"\\x00\"", "12345678901234567890.5",
]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    """One to three random mutations of ``text``."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        kind = rng.randrange(7)
        line = lines[i]
        if kind == 0:  # a pasted character
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(ODD_CHARS) + line[at:]
        elif kind == 1 and ": " in line:  # an odd value
            key = line.split(": ", 1)[0]
            lines[i] = f"{key}: {rng.choice(ODD_SCALARS)}"
        elif kind == 2 and len(lines) > 1:
            del lines[i]
        elif kind == 3:
            lines.insert(i, line)
        elif kind == 4:  # re-indented
            lines[i] = " " * rng.choice([1, 2, 3]) + line if rng.random() < 0.5 else line.lstrip(" ")
        elif kind == 5:  # full-width punctuation
            lines[i] = line.replace(": ", "：", 1) if rng.random() < 0.5 else line.replace(", ", "，")
        else:  # random Unicode
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + chr(rng.randrange(0x20, 0x30000)) + line[at:]
    return "\n".join(lines)
