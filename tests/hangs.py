"""A fuse for tests of defects that hang: the test fails after a while instead of blocking the suite."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator

LIMIT = int(os.environ.get("MINZHENG_TEST_FUSE", "120"))  # seconds: the defects under test never end


class Hung(Exception):
    """The code under test did not return in time: the defect under test."""


@contextlib.contextmanager
def fuse(seconds: int = LIMIT) -> Iterator[None]:
    """Raise :class:`Hung` in the main thread when the block runs past ``seconds`` (a blocked read
    of a FIFO is interrupted too)."""

    def blow(_signum: int, _frame: object) -> None:
        raise Hung(f"hung: still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, blow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
