"""What setting one figure in a county file did (shared by :mod:`roundtrip` and :mod:`splice`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Change:
    """What filling one figure did: 填入 (was empty), 新增 (key added), 相同, 保留 (the clerk's value kept),
    替换 (replaced with --覆盖), 缺专题 (the file has no such topic), 未填入 (no one-line edit can set it)."""

    topic: str
    key: str
    new: str
    old: str | None
    action: str
    where: str = ""  # the row it came from

    @property
    def path(self) -> str:
        return f"总结.{self.topic}.指标.{self.key}"


def same(value: Any, new: str) -> bool:
    """Whether the file's value is the number (or text) ``new``."""
    try:
        return Decimal(str(value)) == Decimal(new)
    except ArithmeticError:
        return str(value).replace(" ", "") == new
