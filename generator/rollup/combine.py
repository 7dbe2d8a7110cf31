"""The roll-up of one folder: which files count, their totals and the findings. Knows no terminal.

Each county file is read, checked and stored (generator.rollup.store) before the next is read; what stays
in memory is the totals (one per catalogue figure) and counts, never the counties' figures or texts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.batch import county_files
from generator.errors import InputError, OutputError
from generator.rollup import checks
from generator.rollup.read import Broken, County, Ours, counties
from generator.rollup.store import Row, Store, Timing
from generator.rollup.totals import Total, add_up

SHOWN_BROKEN = 3  # broken files named when none counts


@dataclass(frozen=True)
class Left:
    """A valid county file not counted, and why."""

    path: Path
    finding: checks.Finding


@dataclass
class Rollup:
    """What the folder's files add up to; the counties themselves are read back from ``store``."""

    folder: Path
    store: Store
    timing: Timing
    totals: list[Total]
    files: int  # the files read (counted, broken or left out; not the city files of earlier runs)
    counted_count: int
    broken_count: int
    left_count: int

    def close(self) -> None:
        self.store.close()

    def counted(self) -> Iterator[Row]:
        """The counted counties, in file order."""
        return self.store.counted()

    def broken_files(self) -> Iterator[Broken]:
        for path, problem, more in self.store.broken():
            yield Broken(path, problem, more)

    @property
    def broken(self) -> list[Broken]:
        return list(self.broken_files())

    def left_files(self) -> Iterator[Left]:
        for path, line, message in self.store.findings(left=True):
            yield Left(path, checks.Finding(path, line, message))

    @property
    def left(self) -> list[Left]:
        return list(self.left_files())

    def ours(self) -> Iterator[Path]:
        return self.store.ours()

    def checked(self) -> Iterator[checks.Finding]:
        """The findings to check (not the reasons files were left out), by file and line."""
        for path, line, message in self.store.findings(left=False):
            yield checks.Finding(path, line, message)

    @property
    def checked_count(self) -> int:
        return self.store.count("finding", "NOT left")

    @property
    def findings(self) -> list[checks.Finding]:
        """The reasons files were left out, then the findings to check."""
        return [left.finding for left in self.left_files()] + list(self.checked())

    def notes(self) -> Iterator[str]:
        """A figure given twice in one counted county's file."""
        return self.store.duplicates()


def roll_up(folder: Path) -> Rollup:
    """Read every county file of ``folder`` and add them up; raise :class:`InputError` when none counts."""
    if not folder.is_dir():
        raise InputError(f"{folder}：不是一个文件夹，请给出存放各县区数据文件的文件夹")
    try:
        store = Store()
    except sqlite3.Error as e:
        raise _no_room(e) from None
    try:
        return _roll_up(folder, store)
    except sqlite3.Error as e:
        store.close()
        raise _no_room(e) from None
    except BaseException:
        store.close()
        raise


def _no_room(error: sqlite3.Error) -> OutputError:
    """The temporary database could not be written: the temporary folder is full or not writable."""
    return OutputError(
        f"汇总用的临时数据库无法写入（{error}）：请检查临时文件夹（环境变量 TMPDIR，默认 /tmp）是否可写、磁盘是否已满"
    )


def _roll_up(folder: Path, store: Store) -> Rollup:
    shown: list[str] = []
    for item in counties(county_files(folder)):
        if isinstance(item, Broken):
            store.add_broken(item.path, item.problem, item.more)
            if len(shown) < SHOWN_BROKEN:
                shown.append(f"{item.path.name}：{item.problem}")
        elif isinstance(item, Ours):
            store.add_ours(item.path)
        else:
            _keep(store, item)
    common = store.common_timing()
    if common is None:
        raise InputError(
            f"{folder}：没有可以汇总的数据文件（.yaml）"
            + (f"（出错的：{'；'.join(shown)}）" if shown else "")
        )
    store.mark_counted(common)
    left = 0
    for row, first in store.not_counted():
        left += 1
        finding = checks.timing(row, common)
        if finding is None:
            name = first.name if first is not None else ""
            message = f"地区「{row.region}」与{name}相同，同一县区只计一次，本文件未计入合计"
            finding = checks.Finding(row.path, row.region_line, message)
        store.add_finding(finding.path, finding.line, finding.message, left=True)
    for finding in checks.per_head(store):
        store.add_finding(finding.path, finding.line, finding.message)
    counted = store.count("county", "counted")
    broken = store.count("broken")
    return Rollup(
        folder, store, common, add_up(store, counted), counted + broken + left, counted, broken, left
    )


def _keep(store: Store, county: County) -> None:
    """``county`` checked on its own and stored (its duplicates noted only if it counts: see Rollup.notes)."""
    key = store.add_county(county.path, county.region, county.timing, county.timing_line, county.region_line)
    store.add_values(key, county.figures)
    store.add_notes(key, county.notes)
    for finding in (*checks.parts(county), *checks.households(county)):
        store.add_finding(finding.path, finding.line, finding.message)
    for text in county.duplicates:
        store.add_duplicate(key, text)
