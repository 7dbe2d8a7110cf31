"""统计季报 sheets built for the tests, in the layout the bureaus publish (社会服务统计季报表, JBZH0001):
title rows merged across the columns, the header 「指标名称 | 单位 | 代码 | 数量 | 上季度 | 环比」, the row of
column letters, numbered and indented indicator names, unnumbered section rows (城市/农村最低生活保障), blank
rows, text numbers with thousands separators (「1,245.0」), provincial units (万人, 元/人·年)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

HEADER = ["指标名称", "单位", "代码", "数量", "上季度", "环比"]

# (name as printed, unit, value): the county-level rows of a 季报 for 2025年12月.
COUNTY_ROWS: list[tuple[str, str, Any]] = [
    ("一、综合", "", None),
    ("   (一)乡级行政区划", "个", 16),
    ("       1.镇", "个", 10),
    ("       6.街道", "个", 6),
    ("   (二)民政事业费累计支出", "万元", "69,436.3"),
    ("       2.社会救助", "万元", "49,216.6"),
    ("             (1)最低生活保障", "万元", "31,668.1"),
    ("                A 城市低保累计支出", "万元", "7,903.1"),
    ("                   I 城市低保金", "万元", "7,895.3"),
    ("                B 农村低保累计支出", "万元", "23,765.0"),
    ("             (3)临时救助支出(政府收支分类科目2082001项)", "万元", 496.25),
    ("二、社会工作", "", None),
    ("(一)社会救助", "", None),
    ("      城市最低生活保障", "", None),
    ("         最低生活保障人数", "人", "7,512"),
    ("         最低生活保障户数", "户", "4,811"),
    ("         最低生活保障平均标准", "元/人·月", "720.0"),
    ("      农村最低生活保障", "", None),
    ("         最低生活保障人数", "人", "33,120"),
    ("         最低生活保障平均标准", "元/人·年", "6,480.0"),
    ("      城市特困人员救助供养人数", "人", 498),
    ("      农村特困人员救助供养人数", "人", "3,790"),
    ("      临时救助", "人次", "2,305"),
    ("      生活无着的流浪乞讨人员救助", "人次", 0),
    ("(二)老年人福利", "", None),
    ("   1.享受高龄补贴的老年人数", "万人", 3.72),
    ("   2.享受护理补贴的老年人数", "人", "-"),
    ("(三)残疾人福利", "", None),
    ("   1.享受困难残疾人生活补贴人数", "人", "11,452"),
    ("   2.享受重度残疾人护理补贴人数", "人", "8,701"),
    ("   3.重度残疾人托养服务人数", "人", 120),
]


def write_sheet(
    path: Path, rows: list[tuple[str, str, Any]] = COUNTY_ROWS, *, period: str = "2025年12月"
) -> Path:
    """An .xlsx 季报 at ``path`` with ``rows`` under the official title block and header."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "季报"
    sheet.append(["社会服务统计季报表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["", "", "", "", "表    号:JBZH0001 表"])
    sheet.append(["编制单位:天门市", "", "", period, "制表机关:民政部"])
    sheet.merge_cells("A3:C3")
    sheet.append([])  # a blank row before the header
    sheet.append(HEADER)
    sheet.append(["甲", "乙", "丙", 1, 2, 3])
    for n, (name, unit, value) in enumerate(rows):
        code = f"JZH0{11000000 + n}"
        sheet.append([name, unit, code, value, None, None])
        if n == 5:
            sheet.append([])  # blank rows happen in the middle too
        if not unit and value is None:
            row = sheet.max_row
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)  # a section row
    book.save(path)
    return path
