"""The comparison table beside the city file (--表): counties as rows, the figures most counties gave as
columns, then the totals, last year's totals and 同比; laid out to print (frozen header, 仿宋, A4 landscape)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from copy import copy
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from generator.data.numbers import plain
from generator.rollup.combine import Rollup
from generator.rollup.read import Value
from generator.rollup.store import Row
from generator.rollup.totals import Total, in_unit
from generator.write.owned import XLSX_KEYWORD

FONT = "仿宋"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE = Font(name=FONT, size=14, bold=True)
_HEADER = Font(name=FONT, size=11, bold=True)
_BODY = Font(name=FONT, size=11)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)


def key_totals(rollup: Rollup) -> list[Total]:
    """The figures at least half the counted counties gave (the ones worth a column), in catalogue order."""
    half = (rollup.counted_count + 1) // 2
    return [t for t in rollup.totals if t.given >= half]


def save(rollup: Rollup, title: str, out: IO[bytes]) -> None:
    """The .xlsx of the comparison table, written a row at a time (openpyxl's write-only mode)."""
    book = Workbook(write_only=True)
    sheet: WriteOnly = book.create_sheet("县区对比")
    book.properties.keywords = XLSX_KEYWORD  # the mark by which a later run knows it may replace it
    totals = key_totals(rollup)
    columns = len(totals) + 1
    _layout(sheet, columns)
    cell = _Cells(sheet)
    sheet.merged_cells.add(f"A1:{get_column_letter(max(2, columns))}1")
    sheet.append([cell(title, _TITLE, _CENTRED, None)])
    header = ["县区"]
    for total in totals:
        kind = "（标准、比率，不合计）" if total.level else ""
        header.append(f"{total.figure.key}\n（{_unit(total)}）{kind}")
    sheet.append([cell(text, _HEADER, _CENTRED) for text in header])
    keys = [t.figure.key for t in totals]
    for county, values in _rows(rollup, keys):
        row = [cell(county.region, _BODY, _CENTRED)]
        for total in totals:
            value = values.get(total.figure.key)
            row.append(cell(None if value is None else _number(total, value.base), _BODY, _RIGHT))
        sheet.append(row)
    rows: tuple[tuple[str, Callable[[Total], tuple[Decimal | float | str | None, str]]], ...] = (
        ("合计", _total),
        ("上年合计", _last_year),
        ("同比", _change),
        ("填报县区", _given),
    )
    for label, made in rows:
        row = [cell(label, _BODY, _CENTRED)]
        for total in totals:
            shown, number_format = made(total)
            row.append(cell(shown, _BODY, _RIGHT, number_format=number_format))
        sheet.append(row)
    book.save(out)


def workbook(rollup: Rollup, title: str) -> bytes:
    """The .xlsx of the comparison table, as bytes."""
    out = io.BytesIO()
    save(rollup, title, out)
    return out.getvalue()


def _rows(rollup: Rollup, keys: list[str]) -> Iterator[tuple[Row, dict[str, Value]]]:
    """Each counted county with its values of ``keys`` (none, for a county that gave none of them)."""
    given = rollup.store.bases(keys) if keys else iter(())
    pending = next(given, None)
    for county in rollup.counted():
        if pending is not None and pending[0].id == county.id:
            yield pending
            pending = next(given, None)
        else:
            yield county, {}


# openpyxl's stubs give a write-only sheet none of its page settings, nor a cell type: Any for both.
WriteOnly = Any


class _Cells:
    """Cells of one write-only sheet; each style is registered with the workbook once, then copied (openpyxl
    hashes a style object on every assignment, which would take most of the time of a large table)."""

    def __init__(self, sheet: WriteOnly) -> None:
        self.sheet = sheet
        self.styles: dict[tuple[int, int, int, str], Any] = {}  # by the style objects' ids (they are kept)

    def __call__(
        self,
        value: Any,
        font: Font,
        alignment: Alignment,
        border: Border | None = _BOX,
        number_format: str = "General",
    ) -> Any:
        key = (id(font), id(alignment), id(border), number_format)
        style = self.styles.get(key)
        if style is None:
            model: Any = WriteOnlyCell(self.sheet)
            model.font = font
            model.alignment = alignment
            if border is not None:
                model.border = border
            model.number_format = number_format
            style = self.styles[key] = model._style
        cell: Any = WriteOnlyCell(self.sheet, value)
        cell._style = copy(style)
        return cell


def _unit(total: Total) -> str:
    return total.figure.unit if total.level else total.style.unit


def _number(total: Total, base: Decimal) -> Decimal | str:
    """``base`` in the column's unit (a standard given in a unit it does not convert to exactly: its 元/人·年)."""
    number = in_unit(base, total.figure, _unit(total))
    return number if number is not None else f"{plain(base)}元/人·年"


def _total(total: Total) -> tuple[Decimal | str | None, str]:
    if total.level:
        return "不合计", "General"
    if not total.complete:
        return f"{total.given}个县区：{plain(total.amount())}", "General"
    return total.amount(), "General"


def _last_year(total: Total) -> tuple[Decimal | None, str]:
    prev = None if total.level or not total.complete else total.prev_base
    return (None if prev is None else total.amount(prev)), "General"


def _change(total: Total) -> tuple[float | None, str]:
    prev = None if total.level or not total.complete else total.prev_base
    if not prev:
        return None, "General"
    return float((total.base - prev) / prev), "+0.0%;-0.0%;0.0%"


def _given(total: Total) -> tuple[str, str]:
    return f"{total.given}/{total.counted}", "General"


def _layout(sheet: WriteOnly, columns: int) -> None:
    """Widths, heights and printing, set before the first row is written (as write-only mode needs)."""
    sheet.row_dimensions[2].height = 48
    sheet.column_dimensions["A"].width = 12
    for col in range(2, columns + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 14
    sheet.freeze_panes = "B3"  # the header rows and the county column stay in view
    sheet.print_title_rows = "1:2"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
