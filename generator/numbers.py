"""Reading numbers as clerks type them, and writing them back as plain digits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

NUMBER_HINT = "只写阿拉伯数字,如 694 或 485.14;单位已由模板给出,不要写在数字后面"


def parse_number(value: Any) -> Decimal:
    """Read one figure exactly; raise ``ValueError`` with a Chinese message otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"应为数字, 实际为 {value!r}({NUMBER_HINT})")  # noqa: TRY004 -- pydantic wants ValueError
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f'应为数字, 实际为 "{value}"({NUMBER_HINT})') from None
    else:
        raise ValueError(f"应为数字({NUMBER_HINT})")  # noqa: TRY004
    if not number.is_finite():
        raise ValueError(f'应为数字, 实际为 "{value}"({NUMBER_HINT})')
    if number < 0:
        raise ValueError(f"不能为负数, 实际为 {plain(number)}")
    return number


def plain(number: Decimal) -> str:
    """Digits without exponent or trailing zeros: Decimal('485.140') -> '485.14'."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
