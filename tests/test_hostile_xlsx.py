"""Hostile .xlsx for `fill --季报` (issue 21, point 5): bounded before openpyxl sees it. A merged range to
the sheet's end is clipped to the cells in use; a cell far right, a filled row past the cap, too many
cells, an oversized sharedStrings part or a DTD is refused with the cap named."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hangs import fuse
from tests.quarterly_sheets import write_sheet
from tests.test_hostile_input import refused

SHEET = "xl/worksheets/sheet1.xml"
_COLUMNS = [a + b for a in ["", "A"] for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"][:45]


@pytest.fixture(autouse=True)
def _fuse() -> Iterator[None]:
    with fuse():
        yield


def _rewrite(path: Path, name: str, change) -> Path:
    """``path`` with the part ``name`` replaced by ``change(its bytes)``."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts[name] = change(parts.get(name, b""))  # a part openpyxl did not write is added
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    path.write_bytes(buffer.getvalue())
    return path


def _county(tmp_path: Path) -> Path:
    county = tmp_path / "县.yaml"
    shutil.copy(MINIMAL, county)
    return county


def _extra_cell(ref: str, value: str = "1") -> callable:
    row = re.sub(r"[A-Z]", "", ref)

    def change(xml: bytes) -> bytes:
        return xml.replace(
            b"</sheetData>", f'<row r="{row}"><c r="{ref}"><v>{value}</v></c></row></sheetData>'.encode()
        )

    return change


def test_a_merged_range_to_the_sheets_end_is_clipped_and_the_sheet_read(run_cli, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path / "季报.xlsx", period="2024年12月")
    _rewrite(
        sheet,
        SHEET,
        lambda xml: xml.replace(
            b'<mergeCell ref="A1:F1"/>', b'<mergeCell ref="A100:XFD1048576"/><mergeCell ref="A1:F1"/>'
        ),
    )
    county = _county(tmp_path)
    result = run_cli("fill", county, "--季报", sheet, maintainer=True)
    assert result.code == 0, result.err
    assert "从季报填入" in result.out


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("XFD4999", "用到了第 XFD 列，超过了 200 列的上限（GR 列）"),
        ("A1000000", "的第 1000000 行有内容，超过了 5000 行的上限"),
        ("B5001", "的第 5001 行有内容，超过了 5000 行的上限"),
    ],
)
def test_a_cell_past_the_caps_is_refused_naming_the_cap(
    run_cli, tmp_path: Path, ref: str, message: str
) -> None:
    sheet = _rewrite(write_sheet(tmp_path / "季报.xlsx", period="2024年12月"), SHEET, _extra_cell(ref))
    county = _county(tmp_path)
    before = county.read_bytes()
    refused(
        run_cli("fill", county, "--季报", sheet, maintainer=True), f"{sheet}: 工作表 sheet1.xml ", message
    )
    assert county.read_bytes() == before


def test_too_many_cells_are_refused(run_cli, tmp_path: Path) -> None:
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"/>' for c in _COLUMNS) + "</row>" for r in range(100, 5000)
    )
    sheet = _rewrite(
        write_sheet(tmp_path / "季报.xlsx", period="2024年12月"),
        SHEET,
        lambda xml: xml.replace(b"</sheetData>", cells.encode() + b"</sheetData>"),
    )
    refused(
        run_cli("fill", _county(tmp_path), "--季报", sheet, maintainer=True),
        "个单元格，超过了 200000 个的上限",
    )


def test_shared_strings_unpacking_past_the_cap_are_refused(run_cli, tmp_path: Path) -> None:
    flood = b"<si><t>" + b"A" * (21 * 1024 * 1024) + b"</t></si>"
    sheet = _rewrite(
        write_sheet(tmp_path / "季报.xlsx", period="2024年12月"),
        "xl/sharedStrings.xml",
        lambda _: (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + flood + b"</sst>"
        ),
    )
    assert sheet.stat().st_size < 1024 * 1024
    refused(
        run_cli("fill", _county(tmp_path), "--季报", sheet, maintainer=True),
        "文件的文字部分（sharedStrings）解压后超过 20 MB 的上限",
    )


@pytest.mark.parametrize("part", [SHEET, "xl/sharedStrings.xml", "xl/workbook.xml"])
def test_a_dtd_in_any_part_is_refused_as_for_docx(run_cli, tmp_path: Path, part: str) -> None:
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    sheet = _rewrite(
        write_sheet(tmp_path / "季报.xlsx", period="2024年12月"),
        part,
        lambda xml: dtd + (xml or b"<sst/>"),
    )
    refused(
        run_cli("fill", _county(tmp_path), "--季报", sheet, maintainer=True),
        "文件中含有 DTD 声明，不是 Excel 保存的文件，不予读取",
    )


def test_a_sheet_that_is_not_well_formed_xml_is_a_clean_error(run_cli, tmp_path: Path) -> None:
    sheet = _rewrite(
        write_sheet(tmp_path / "季报.xlsx", period="2024年12月"),
        SHEET,
        lambda xml: xml[:200] + b"\x01<" + xml[200:],
    )
    refused(
        run_cli("fill", _county(tmp_path), "--季报", sheet, maintainer=True),
        "无法作为 .xlsx 打开（ParseError）",
    )


@pytest.mark.parametrize(
    ("patch", "said"),
    [
        ({"flag": 1}, "文件设置了打开密码（已加密）"),
        ({"method": 99}, "文件用了本工具不支持的压缩方式"),
        ({"method": 14}, "文件用了本工具不支持的压缩方式"),
        ({"method": 12}, "文件用了本工具不支持的压缩方式"),
    ],
)
def test_a_protected_or_oddly_packed_xlsx_is_refused_in_fill_and_init(
    run_cli, tmp_path: Path, patch: dict[str, int], said: str
) -> None:
    """Found by the long fuzz's .xlsx mutations: the encryption flag was 「程序内部错误」 RuntimeError."""
    from tests.test_careless_input import _patched_zip

    sheet = _patched_zip(
        write_sheet(tmp_path / "好.xlsx", period="2024年12月"), tmp_path / "季报.xlsx", **patch
    )
    county = _county(tmp_path)
    before = county.read_bytes()
    refused(run_cli("fill", county, "--季报", sheet, maintainer=True), f"{sheet}: {said}")
    assert county.read_bytes() == before
    out = tmp_path / "新.yaml"
    refused(run_cli("init", "某县", "2024", "--季报", sheet, "-o", out, maintainer=True), f"{sheet}: {said}")
    assert not out.exists()
