"""The one "是否想写……?" helper: the closest known word to a mistyped key, topic, command or option."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The known word most like ``word``, or None when nothing is close enough."""
    found = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=cutoff)
    return found[0] if found else None
