"""The 统计季报 (社会服务统计季报表, JBZH0001, and its provincial copies) read into catalogue figures.

The sheet's layout, as the bureaus publish it: a few title rows (表号, 编制单位, 地区编码, the period),
often merged across columns; a header row 「指标名称 | 单位 | [代码] | 数量 | 上季度 | 环比 …」; a row of
column letters 「甲 | 乙 | 1 | 2 …」; then one indicator a row, its name numbered 「一、」「(一)」「1.」「(1)」
「A、」「I」「其中：」 and indented, section rows without a number (「城市最低生活保障」) over rows that
do not repeat it (「最低生活保障人数」), numbers as numbers or as text (「1,245.0」), units in 万人, 万张,
元/人·年 at provincial level. A row is placed by the figure's official name (or key), with the 城市/农村 of
its section, in a unit that converts exactly.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from generator.data import catalogue, inputfile
from generator.data.numbers import plain
from generator.data.schema import convert as exact
from generator.errors import InputError, reading
from generator.tools import xlsxguard
from generator.tools.xlsxguard import MAX_ROWS

MAX_BYTES = 20 * 1024 * 1024
_NAME_HEADERS = ("指标名称", "指标", "项目")
_UNIT_HEADERS = ("计量单位", "单位")
_VALUE_HEADERS = ("数量", "本期", "本期数", "本季", "本季度", "本月", "数值", "累计")
_NUMBERING = [
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    (5, re.compile(r"^[A-Z](?:\s*[、.．]|\s+|(?=[\u4e00-\u9fff]))")),
    (6, re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X)(?:\s*[、.．]|\s+|(?=[\u4e00-\u9fff]))")),
    (7, re.compile(r"^[（(]\s*[a-z]\s*[）)]")),
]
_OF_WHICH = re.compile(r"^(其中|#)\s*[:：]?\s*")
_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_QUALIFIER = re.compile(r"^(城市|农村|城乡|城镇|乡村)")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:第?[一二三四1-4]\s*季度|\d{1,2}\s*月份?|度)?")
_NUMBER = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")  # 1,245.0 or 1245.0; never 4,2
_UNIT_SEPARATORS = re.compile(r"[、.．•・/]")


@dataclass(frozen=True)
class Row:
    """One indicator row of the sheet."""

    where: str  # 季报.xlsx[表1]:12
    name: str  # as printed, numbering and all
    bare: str  # without numbering, 其中 and notes
    qualifier: str | None  # 城市/农村/… of its section when its own name has none
    unit: str
    value: Decimal | None
    text: str  # the value as the cell showed it


@dataclass(frozen=True)
class Placed:
    """A row placed on a figure (``figure`` None: why it could not be)."""

    row: Row
    figure: catalogue.Figure | None
    value: str = ""  # as the county file writes it: 7754, 485.14, 14940元/人·年
    why: str = ""


@dataclass(frozen=True)
class Sheet:
    """What a 季报 file gives: its rows and the year its title rows name (None: not found)."""

    rows: list[Row]
    year: int | None
    period: str | None


def read(path: Path) -> Sheet:
    """Every indicator row of every sheet of the 季报 at ``path`` (.xlsx only)."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(
            f"{path}: 这是旧版 Excel（.xls）文件，本工具只读 .xlsx。请在 Excel 或 WPS 中打开它，"
            "「文件 → 另存为」选「Excel 工作簿（*.xlsx）」；或用 LibreOffice 转换："
            f"soffice --headless --convert-to xlsx {path.name}"
            "（要用 LibreOffice 的表格组件 Calc，只装了文字处理组件 Writer 时转换不成：Windows、macOS 装完整的 "
            "LibreOffice 即可，Debian/Ubuntu 运行 sudo apt-get install libreoffice-calc）"
        )
    if suffix != ".xlsx":
        raise InputError(f"{path}: 统计季报应为 Excel 的 .xlsx 文件（实际是「{path.suffix or '无扩展名'}」）")
    import openpyxl  # only `fill` and `init --季报` need it

    with reading(str(path), "统计季报的 .xlsx 文件"):  # a missing file, a folder, a failing disk
        try:
            data = inputfile.read_regular(path, str(path), MAX_BYTES)
        except inputfile.TooLarge:
            raise InputError(
                f"{path}: 文件超过 {MAX_BYTES // 1024 // 1024} MB，不像是一份统计季报，请确认选对了文件"
            ) from None
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(xlsxguard.checked(data, path)), read_only=False, data_only=True
            )
        except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as e:  # SyntaxError: XML parse errors
            raise InputError(
                f"{path}: 无法作为 .xlsx 打开（{type(e).__name__}），请在 Excel/WPS 中另存为 .xlsx 后再试"
            ) from None
    rows: list[Row] = []
    titles = []
    for sheet in book.worksheets:
        found = _sheet_rows(path, sheet)
        if found is not None:
            rows += found[0]
            titles.append(found[1])
    if not rows:
        raise InputError(
            f"{path}: 没有找到统计季报的表头（「指标名称」「单位」「数量」三列）；请确认这是民政统计季报表"
        )
    period = next((m for t in titles if (m := _PERIOD.search(t))), None)
    return Sheet(rows, int(period.group(1)) if period else None, period.group(0) if period else None)


def _cell_values(sheet: Any) -> list[list[Any]]:
    """The sheet's values, a merged range's value in every cell it covers."""
    values = [list(r) for r in sheet.iter_rows(values_only=True, max_row=MAX_ROWS)]
    width = max((len(r) for r in values), default=0)
    values = [r + [None] * (width - len(r)) for r in values]
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > len(values):
            continue
        value = values[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, min(merged.max_row, len(values))):
            for c in range(merged.min_col - 1, min(merged.max_col, width)):
                values[r][c] = value
    return values


def _text(value: Any) -> str:
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ").strip()


def _header(values: list[list[Any]]) -> tuple[int, int, int, int] | None:
    """(row, name column, unit column, value column) of the header row."""
    for r, row in enumerate(values[:40]):
        texts = [re.sub(r"\s+", "", _text(v)) for v in row]
        name = next((c for c, t in enumerate(texts) if t in _NAME_HEADERS), None)
        unit = next((c for c, t in enumerate(texts) if t in _UNIT_HEADERS), None)
        value = next((c for c, t in enumerate(texts) if t in _VALUE_HEADERS), None)
        if name is not None and unit is not None and value is not None:
            return r, name, unit, value
    return None


def _sheet_rows(path: Path, sheet: Any) -> tuple[list[Row], str] | None:
    values = _cell_values(sheet)
    header = _header(values)
    if header is None:
        return None
    top, name_col, unit_col, value_col = header
    title = " ".join(_text(v) for row in values[:top] for v in row if v is not None)
    rows: list[Row] = []
    stack: list[tuple[float, str]] = []  # (level, bare name) of the rows above that may head this one
    names = {r: str(values[r][name_col]) for r in range(top + 1, len(values)) if _text(values[r][name_col])}
    for r in range(top + 1, len(values)):
        row = values[r]
        raw_name = row[name_col]
        name = _text(raw_name)
        if not name or re.fullmatch(r"[甲乙丙丁]", name):
            continue
        unit = _unit(_text(row[unit_col]))
        cell = row[value_col]
        if unit == name:  # a section row merged across the columns
            unit, cell = "", None
        value, text = _number(cell)
        level, bare = _level(str(raw_name), name)
        below = next((names[n] for n in range(r + 1, len(values)) if n in names), None)
        if value is None and not unit and below is not None and _level(below, _text(below))[0] <= level:
            level -= 0.5  # a section row of a sheet without indents heads the rows at its own level
        while stack and stack[-1][0] >= level:
            stack.pop()
        qualifier = None
        if not _QUALIFIER.match(bare):
            qualifier = next(
                (m.group() for _, above in reversed(stack) if (m := _QUALIFIER.match(above))), None
            )
        rows.append(Row(f"{path.name}[{sheet.title}]:{r + 1}", name, bare, qualifier, unit, value, text))
        stack.append((level, bare))
    return rows, title


def _level(raw: str, name: str) -> tuple[float, str]:
    """A row's depth (its numbering's, else 50 + its indent) and its name without numbering and notes."""
    indent = len(raw) - len(raw.lstrip(" \u3000\t"))
    text = _OF_WHICH.sub("", name)
    level: float = 50 + indent
    for rank, pattern in _NUMBERING:
        m = pattern.match(text)
        if m:
            level, text = rank, text[m.end() :]
            break
    text = _OF_WHICH.sub("", text.strip())
    while _NOTE.search(text) and len(_NOTE.sub("", text)) >= 2:
        text = _NOTE.sub("", text).strip()
    return level, re.sub(r"\s+", "", text)


def _unit(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    if text.startswith("元/") and len(text) > 3:
        parts = [p for p in _UNIT_SEPARATORS.split(text[2:].strip("()（）")) if p]
        text = "元/人次" if parts == ["人", "次"] or parts == ["人次"] else "元/" + "·".join(parts)
    return text


def _number(cell: Any) -> tuple[Decimal | None, str]:
    """A cell's number (text numbers 「1,245.0」 included) and how it showed; None for blank or a dash."""
    if cell is None or isinstance(cell, bool):
        return None, ""
    if isinstance(cell, int | float):
        return Decimal(str(cell)), str(cell)
    text = _text(cell)
    cleaned = text.replace(" ", "")
    if cleaned in ("", "-", "—", "--", "/", "…") or not _NUMBER.fullmatch(cleaned):
        return None, text
    cleaned = cleaned.replace(",", "")
    try:
        return Decimal(cleaned), text
    except InvalidOperation:
        return None, text


def _names() -> dict[str, list[catalogue.Figure]]:
    """Every figure by the names a 季报 row may print it under: official name, key, old keys; each also
    without a closing note 「（支出）」 and without a closing 「支出」 (the amount rows print 「最低生活保障」)."""
    names: dict[str, list[catalogue.Figure]] = {}
    for figure in catalogue.figures().values():
        forms = {figure.key, *figure.old}
        if figure.official:
            official = unicodedata.normalize("NFKC", figure.official).replace(" ", "")
            forms |= {official, _NOTE.sub("", official)}
        for form in list(forms):
            if figure.kind == "amount" and form.endswith("支出"):
                forms.add(form.removesuffix("支出"))
        for form in forms:
            names.setdefault(form, []).append(figure)
    return names


def place(sheet: Sheet) -> list[Placed]:
    """Each row with a number, placed on the one figure its name (with its section's 城市/农村) and unit
    fit; two rows giving one figure different numbers place neither."""
    names = _names()
    result: list[Placed] = []
    for row in sheet.rows:
        if row.value is None:
            continue
        result.append(_place(row, names))
    values: dict[str, set[str]] = {}
    for p in result:
        if p.figure is not None:
            values.setdefault(p.figure.key, set()).add(p.value)
    final = []
    for p in result:
        if p.figure is not None and len(values[p.figure.key]) > 1:
            others = "、".join(sorted(values[p.figure.key] - {p.value}))
            p = Placed(p.row, None, why=f"「{p.figure.key}」另有一行是{others}，无法确定用哪一个")
        final.append(p)
    return final


def _place(row: Row, names: dict[str, list[catalogue.Figure]]) -> Placed:
    candidates = [row.bare] if row.qualifier is None else [row.qualifier + row.bare, row.bare]
    for name in candidates:
        figures = [f for f in names.get(name, []) if convert(row, f) is not None]
        figures = list({f.key: f for f in figures}.values())
        if len(figures) == 1:
            value = convert(row, figures[0])
            assert value is not None
            if row.value == 0:
                return Placed(row, None, why=f"是「{figures[0].key}」，数量为0，未填入")
            return Placed(row, figures[0], value)
        if len(figures) > 1:
            return Placed(row, None, why=f"可能是{'、'.join(f.key for f in figures)}，无法确定")
        if names.get(name):
            known = names[name][0]
            return Placed(row, None, why=f"单位「{row.unit or '空'}」不能换算为「{known.key}」的{known.unit}")
    return Placed(row, None, why="没有对应的标准指标")


def convert(row: Row, figure: catalogue.Figure) -> str | None:
    """The row's value as the county file writes it for ``figure``: in the figure's unit when that is
    exact (万人 → 人, 元/人·年 → 元/人·月), else with the row's unit when the figure takes it; None when
    the units do not convert."""
    if row.value is None or not row.unit:
        return None
    units = figure.units()
    unit, value = row.unit, row.value
    if unit not in units and unit.startswith("万") and unit[1:] in units:
        unit, value = unit[1:], value * 10000
    if unit not in units:
        return None
    own = exact(value, figure, unit, figure.unit)
    if own is not None and (not figure.whole or own == own.to_integral_value()):
        return plain(own.normalize())
    if figure.whole and value != value.to_integral_value():
        return None
    return f"{plain(value.normalize())}{unit}"
