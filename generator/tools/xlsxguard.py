"""A 季报 .xlsx checked before openpyxl sees it: bounded parts, no DTD, bounded sheets, merged ranges
clipped to the cells in use.

openpyxl trusts a workbook: a merged range A100:XFD1048576 becomes ten billion cell objects, a lone cell at
XFD4999 a sheet 16,384 columns wide, a 3 MB sharedStrings part that unpacks to 1.5 GB is read whole, and
a DOCTYPE in a sheet is a parse error. Each is refused here with the cap it passes (or, for merged ranges,
clipped), on the package's own bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from generator.data import officezip
from generator.errors import InputError

MAX_ROWS = 5000  # a 季报 has about 300 rows
MAX_COLUMNS = 200  # and about 10 columns
MAX_CELLS = 200_000
MAX_PART = 50 * 1024 * 1024  # bytes of one part once unpacked
MAX_STRINGS = 20 * 1024 * 1024  # bytes of sharedStrings.xml once unpacked (a 季报's is ~50 KB)
MAX_UNPACKED = 200 * 1024 * 1024  # bytes of the whole package once unpacked

_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"")
_FILLED = re.compile(rb"<(?:[\w.-]+:)?c\b[^>]*?\br=\"[A-Z]{1,3}(\d{1,7})\"[^>]*(?<!/)>")  # not <c …/>
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_MERGED = re.compile(
    rb"(<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref=\")([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})(\"[^>]*>)"
)


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _letters(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def _read(z: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, cap: int) -> bytes:
    """A part unpacked up to ``cap`` bytes (the size its header states is not trusted)."""
    with z.open(info) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        what = (
            "文字部分（sharedStrings）"
            if info.filename.endswith("sharedStrings.xml")
            else f"「{info.filename}」"
        )
        raise InputError(
            f"{path}: 文件的{what}解压后超过 {cap // 1024 // 1024} MB 的上限（可能已损坏或是恶意文件），"
            "不像一份统计季报，不予读取"
        )
    return data


def _sheet(data: bytes, path: Path, name: str) -> bytes:
    """The sheet's XML with its merged ranges clipped to the cells in use; refused past the caps."""
    shown = Path(name).name
    cells = _CELL_TAG.findall(data)
    if len(cells) > MAX_CELLS:
        raise InputError(
            f"{path}: 工作表 {shown} 有 {len(cells)} 个单元格，超过了 {MAX_CELLS} 个的上限"
            "（一份季报约 3000 个）；请只保留季报表本身后再试"
        )
    last_row = last_column = 0
    for letters, row in _CELL.findall(data):
        last_row, last_column = max(last_row, int(row)), max(last_column, _column(letters))
    # Rows past the cap are refused when they hold something (an empty formatted cell far down is read
    # only up to the cap); columns past the cap whatever they hold (every row is read that wide).
    filled = max((int(r) for r in _FILLED.findall(data)), default=0)
    if filled > MAX_ROWS:
        raise InputError(
            f"{path}: 工作表 {shown} 的第 {filled} 行有内容，超过了 {MAX_ROWS} 行的上限"
            "（一份季报约 300 行）；请删去表格下方多余的行后再试"
        )
    if last_column > MAX_COLUMNS:
        raise InputError(
            f"{path}: 工作表 {shown} 用到了第 {_letters(last_column)} 列，超过了 {MAX_COLUMNS} 列的上限"
            f"（{_letters(MAX_COLUMNS)} 列）；请删去表格右侧多余的列后再试"
        )
    last_column = max(last_column, 1)

    def clip(m: re.Match[bytes]) -> bytes:
        top, left = int(m.group(3)), _column(m.group(2))
        bottom, right = min(int(m.group(5)), last_row), min(_column(m.group(4)), last_column)
        if top > bottom or left > right or (top, left) == (bottom, right):
            return b""  # nothing of the range is in use: dropped
        return m.group(1) + f"{_letters(left)}{top}:{_letters(right)}{bottom}".encode() + m.group(6)

    return _MERGED.sub(clip, data)


def checked(data: bytes, path: Path) -> bytes:
    """The package ``data`` made safe for openpyxl, or an :class:`InputError` naming the cap it passes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            officezip.check_members(z, path, "Excel/WPS", ".xlsx")
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise InputError(
                    f"{path}: 文件解压后超过 {MAX_UNPACKED // 1024 // 1024} MB 的上限（可能已损坏或是恶意文件），不予读取"
                )
            parts = []
            for info in infos:
                cap = MAX_STRINGS if info.filename.endswith("sharedStrings.xml") else MAX_PART
                part = _read(z, info, path, cap)
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
                        raise InputError(f"{path}: 文件中含有 DTD 声明，不是 Excel 保存的文件，不予读取")
                    if info.filename.startswith("xl/worksheets/"):
                        part = _sheet(part, path, info.filename)
                parts.append((info, part))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as e:
        raise InputError(
            f"{path}: 无法作为 .xlsx 打开（{type(e).__name__}），请在 Excel/WPS 中另存为 .xlsx 后再试"
        ) from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info, part in parts:
            z.writestr(info.filename, part)
    return out.getvalue()
