"""`generator fill 县.yaml --季报 季报.xlsx`: this year's figures from the 统计季报, set in the county file in
place (see :mod:`generator.tools.roundtrip`), after the file validated and only if it still validates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.data import loader, yamlsource
from generator.data.schema import Report
from generator.errors import InputError, reading
from generator.tools import quarterly, roundtrip
from generator.tools.change import Change
from generator.write import inplace

BOM = "\ufeff"


@dataclass
class Filled:
    """What filling did: the new text, each figure's change, the rows it could not place, notes."""

    text: str
    changes: list[Change]
    unplaced: list[quarterly.Placed]
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.action in ("填入", "新增", "替换")]


def fill_text(text: str, shown: str, year: int, sheet_path: Path, *, overwrite: bool = False) -> Filled:
    """``text`` (a county file for ``year``) with the 季报's figures set."""
    sheet = quarterly.read(sheet_path)
    notes = []
    if sheet.year is not None and sheet.year != year:
        raise InputError(
            f"{sheet_path}: 这是{sheet.year}年的统计季报（{sheet.period}），数据文件 {shown} 的年度是{year}年；"
            f"请换用{year}年的季报"
        )
    if sheet.period:
        notes.append(f"季报期别：{sheet.period}（如不是全年数，请核对草稿中的「截至」时间）")
    placed = quarterly.place(sheet)
    figures = [(p.figure, p.value, p.row.where) for p in placed if p.figure is not None]
    new, changes = roundtrip.set_figures(text, shown, figures, overwrite=overwrite)
    return Filled(new, changes, [p for p in placed if p.figure is None], notes)


def fill_file(path: Path, sheet_path: Path, *, overwrite: bool = False) -> Filled:
    """Fill the county file at ``path`` in place; it must validate before, and does after."""
    report = loader.load_report(path)  # a file that does not validate is not touched
    inplace.refuse_read_only(path)  # said before the 季报 is read: nothing would be written
    with reading(str(path), "YAML 文件"):
        data = path.read_bytes()
    raw = data.decode("utf-8").replace("\r\n", "\n")
    bom = raw.startswith(BOM)
    filled = fill_text(raw.removeprefix(BOM), str(path), report.year, sheet_path, overwrite=overwrite)
    if filled.text != raw.removeprefix(BOM):
        check(filled.text, path)
        inplace.replace_text(path, (BOM if bom else "") + filled.text, newline=inplace.newline_of(data))
    return filled


def check(text: str, path: Path) -> Report:
    """Validate ``text`` as the county file at ``path`` would be (problems name ``path`` and its lines)."""
    return loader.validate(yamlsource.from_text(text, path), Report)
