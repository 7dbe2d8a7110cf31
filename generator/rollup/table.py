"""The comparison table beside the city file (--表): counties as rows, the figures most counties gave as
columns, then the totals, last year's totals and 同比; laid out to print (frozen header, 仿宋, A4 landscape)."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from generator.data.numbers import plain
from generator.rollup.combine import Rollup
from generator.rollup.totals import Total, in_unit
from generator.write.owned import XLSX_KEYWORD

FONT = "仿宋"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def key_totals(rollup: Rollup) -> list[Total]:
    """The figures at least half the counted counties gave (the ones worth a column), in catalogue order."""
    half = (len(rollup.counted) + 1) // 2
    return [t for t in rollup.totals if len(t.values) >= half]


def workbook(rollup: Rollup, title: str) -> bytes:
    """The .xlsx of the comparison table."""
    book = Workbook()
    book.properties.keywords = XLSX_KEYWORD  # the mark by which a later run knows it may replace it
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "县区对比"
    totals = key_totals(rollup)
    sheet.cell(1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(2, len(totals) + 1))
    sheet.cell(2, 1, "县区")
    for col, total in enumerate(totals, 2):
        kind = "（标准、比率，不合计）" if total.level else ""
        sheet.cell(2, col, f"{total.figure.key}\n（{_unit(total)}）{kind}")
    row = 3
    for county in rollup.counted:
        sheet.cell(row, 1, county.region)
        for col, total in enumerate(totals, 2):
            value = county.figures.get(total.figure.key)
            if value is not None:
                sheet.cell(row, col, _number(total, value.base))
        row += 1
    rows: tuple[tuple[str, Callable[[Total], tuple[Decimal | float | str | None, str]]], ...] = (
        ("合计", _total),
        ("上年合计", _last_year),
        ("同比", _change),
        ("填报县区", _given),
    )
    for label, made in rows:
        sheet.cell(row, 1, label)
        for col, total in enumerate(totals, 2):
            shown, number_format = made(total)
            if shown is not None:
                sheet.cell(row, col, shown).number_format = number_format
        row += 1
    _layout(sheet, len(totals) + 1, row - 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
        return f"{len(total.values)}个县区：{plain(total.amount())}", "General"
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
    return f"{len(total.values)}/{total.counted}", "General"


_TITLE = Font(name=FONT, size=14, bold=True)
_HEADER = Font(name=FONT, size=11, bold=True)
_BODY = Font(name=FONT, size=11)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)


def _layout(sheet: Worksheet, columns: int, rows: int) -> None:
    for line in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
        for cell in line:
            row, column = cell.row or 0, cell.column or 0
            cell.font = _TITLE if row == 1 else _HEADER if row == 2 else _BODY
            if row >= 2:
                cell.border = _BOX
            cell.alignment = _CENTRED if row <= 2 or column == 1 else _RIGHT
    sheet.row_dimensions[2].height = 48
    sheet.column_dimensions["A"].width = 12
    for col in range(2, columns + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 14
    sheet.freeze_panes = "B3"  # the header rows and the county column stay in view
    sheet.print_title_rows = "1:2"
    sheet.print_title_cols = "A:A"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
