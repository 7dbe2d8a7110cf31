"""What a roll-up keeps of its county files, on disk and not in Python objects: each county's figures,
texts and findings in a private temporary SQLite database (deleted by SQLite when the connection closes,
and at once unlinked on POSIX), so that memory stays flat in the number of files. Knows SQL, not Chinese."""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from generator.rollup.read import Note, Style, Value

CACHE_KIB = 2048  # SQLite's page cache: beyond it the temporary database lives on disk only
BATCH = 64  # rows fetched at a time

_SCHEMA = """
CREATE TABLE county (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, region TEXT NOT NULL,
    year INTEGER NOT NULL, period TEXT NOT NULL, cutoff TEXT NOT NULL,
    timing_line INTEGER NOT NULL, region_line INTEGER NOT NULL, counted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX county_region ON county (region, id);
CREATE TABLE value (
    county INTEGER NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL, base TEXT NOT NULL, prev TEXT,
    unit TEXT NOT NULL, scale TEXT, written INTEGER NOT NULL, text TEXT NOT NULL, prev_text TEXT,
    PRIMARY KEY (key, county)
);
CREATE INDEX value_county ON value (county, key);
CREATE TABLE note (
    id INTEGER PRIMARY KEY, county INTEGER NOT NULL, part TEXT NOT NULL, topic TEXT NOT NULL,
    kind TEXT NOT NULL, text TEXT NOT NULL, line INTEGER NOT NULL
);
CREATE INDEX note_place ON note (part, topic, kind, id);
CREATE TABLE broken (id INTEGER PRIMARY KEY, path TEXT NOT NULL, problem TEXT NOT NULL, more INTEGER NOT NULL);
CREATE TABLE ours (id INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE finding (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL,
    left INTEGER NOT NULL
);
CREATE TABLE duplicate (id INTEGER PRIMARY KEY, county INTEGER NOT NULL, text TEXT NOT NULL);
"""

Timing = tuple[int, str, str]  # 年度, 报告期, 统计截止 (as a date text)


@dataclass(frozen=True, slots=True)
class Row:
    """A county as stored: no figures, no texts."""

    id: int
    path: Path
    region: str
    timing: Timing
    timing_line: int
    region_line: int


def _row(r: tuple[int, str, str, int, str, str, int, int]) -> Row:
    return Row(r[0], Path(r[1]), r[2], (r[3], r[4], r[5]), r[6], r[7])


_ROW = "county.id, county.path, county.region, year, period, cutoff, timing_line, region_line"


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


class Store:
    """The temporary database of one roll-up."""

    def __init__(self) -> None:
        # "": a private temporary on-disk database, removed when closed (SQLite's own temp file).
        self.db = sqlite3.connect("")
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.db.executescript(_SCHEMA)
        weakref.finalize(self, self.db.close)  # closed (and so deleted) with the store, never left to warn

    def close(self) -> None:
        self.db.close()

    # ---- filling -----------------------------------------------------------------------------------

    def add_county(self, path: Path, region: str, timing: Timing, timing_line: int, region_line: int) -> int:
        cursor = self.db.execute(
            "INSERT INTO county (path, region, year, period, cutoff, timing_line, region_line)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(path), region, *timing, timing_line, region_line),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def add_values(self, county: int, values: dict[str, Value]) -> None:
        self.db.executemany(
            "INSERT INTO value VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    county,
                    key,
                    v.line,
                    str(v.base),
                    None if v.prev_base is None else str(v.prev_base),
                    v.style.unit,
                    v.style.scale,
                    int(v.style.written),
                    v.text,
                    v.prev_text,
                )
                for key, v in values.items()
            ),
        )

    def add_notes(self, county: int, notes: list[Note]) -> None:
        self.db.executemany(
            "INSERT INTO note (county, part, topic, kind, text, line) VALUES (?, ?, ?, ?, ?, ?)",
            ((county, n.part, n.topic, n.kind, n.text, n.line) for n in notes),
        )

    def add_broken(self, path: Path, problem: str, more: int) -> None:
        self.db.execute(
            "INSERT INTO broken (path, problem, more) VALUES (?, ?, ?)", (str(path), problem, more)
        )

    def add_ours(self, path: Path) -> None:
        self.db.execute("INSERT INTO ours (path) VALUES (?)", (str(path),))

    def add_finding(self, path: Path, line: int, message: str, *, left: bool = False) -> None:
        self.db.execute(
            "INSERT INTO finding (path, line, message, left) VALUES (?, ?, ?, ?)",
            (str(path), line, message, int(left)),
        )

    def add_duplicate(self, county: int, text: str) -> None:
        self.db.execute("INSERT INTO duplicate (county, text) VALUES (?, ?)", (county, text))

    # ---- which counties count ------------------------------------------------------------------------

    def common_timing(self) -> Timing | None:
        """The timing most counties share (the first county's of those on a tie)."""
        found = self.db.execute(
            "SELECT year, period, cutoff FROM county GROUP BY year, period, cutoff"
            " ORDER BY COUNT(*) DESC, MIN(id) LIMIT 1"
        ).fetchone()
        return None if found is None else (found[0], found[1], found[2])

    def mark_counted(self, common: Timing) -> None:
        """The counties of ``common``, each region's first only."""
        self.db.execute(
            "UPDATE county SET counted = 1 WHERE id IN (SELECT MIN(id) FROM county"
            " WHERE year = ? AND period = ? AND cutoff = ? GROUP BY region)",
            common,
        )

    def not_counted(self) -> Iterator[tuple[Row, Path | None]]:
        """The valid counties left out, each with the file of its region counted instead (if any)."""
        query = (
            f"SELECT {_ROW}, (SELECT c.path FROM county c WHERE c.region = county.region AND c.counted)"
            " FROM county WHERE NOT counted ORDER BY id"
        )
        for r in self._rows(query):
            yield _row(r[:8]), None if r[8] is None else Path(r[8])

    def _rows(self, query: str, args: tuple[object, ...] = ()) -> Iterator[tuple]:  # type: ignore[type-arg]
        """The rows of ``query`` a batch at a time (a separate cursor: the caller may write meanwhile)."""
        cursor = self.db.cursor()
        cursor.execute(query, args)
        while batch := cursor.fetchmany(BATCH):
            yield from batch

    # ---- reading back ---------------------------------------------------------------------------------

    def count(self, table: str, where: str = "1") -> int:
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0])

    def counted(self) -> Iterator[Row]:
        for r in self._rows(f"SELECT {_ROW} FROM county WHERE counted ORDER BY id"):
            yield _row(r)

    def broken(self) -> Iterator[tuple[Path, str, int]]:
        for path, problem, more in self._rows("SELECT path, problem, more FROM broken ORDER BY id"):
            yield Path(path), problem, more

    def ours(self) -> Iterator[Path]:
        for (path,) in self._rows("SELECT path FROM ours ORDER BY id"):
            yield Path(path)

    def findings(self, *, left: bool) -> Iterator[tuple[Path, int, str]]:
        """The left-out counties' findings in county order, or the others by file and line."""
        order = "id" if left else "path, line, id"
        query = f"SELECT path, line, message FROM finding WHERE left = ? ORDER BY {order}"
        for path, line, message in self._rows(query, (int(left),)):
            yield Path(path), line, message

    def duplicates(self) -> Iterator[str]:
        """A figure given twice in one counted county's file."""
        query = "SELECT text FROM duplicate JOIN county ON county.id = duplicate.county WHERE counted ORDER BY duplicate.id"
        for (text,) in self._rows(query):
            yield text

    def keys(self) -> set[str]:
        """The catalogue figures some counted county gave."""
        query = "SELECT DISTINCT key FROM value JOIN county ON county.id = value.county WHERE counted"
        return {k for (k,) in self.db.execute(query)}

    def values(self, key: str, limit: int = -1) -> Iterator[tuple[Row, Value]]:
        """The counted counties' values of ``key``, in county order."""
        query = (
            f"SELECT {_ROW}, line, base, prev, unit, scale, written, text, prev_text FROM value"
            " JOIN county ON county.id = value.county WHERE counted AND key = ? ORDER BY county.id LIMIT ?"
        )
        for r in self._rows(query, (key, limit)):
            row = _row(r[:8])
            base = Decimal(r[9])
            style = Style(r[11], r[12], bool(r[13]))
            yield row, Value(row.region, row.path, r[8], base, _decimal(r[10]), style, r[14], r[15])

    def bases(self, keys: list[str]) -> Iterator[tuple[Row, dict[str, Value]]]:
        """Each counted county with any of ``keys``: its values of them."""
        marks = ", ".join("?" * len(keys))
        query = (
            f"SELECT {_ROW}, key, line, base, prev, unit, scale, written, text, prev_text FROM county"
            f" JOIN value ON value.county = county.id WHERE counted AND key IN ({marks}) ORDER BY county.id"
        )
        current: Row | None = None
        found: dict[str, Value] = {}
        for r in self._rows(query, tuple(keys)):
            if current is None or current.id != r[0]:
                if current is not None:
                    yield current, found
                current, found = _row(r[:8]), {}
            style = Style(r[12], r[13], bool(r[14]))
            found[r[8]] = Value(
                current.region, current.path, r[9], Decimal(r[10]), _decimal(r[11]), style, r[15], r[16]
            )
        if current is not None:
            yield current, found

    def missing(self, key: str, limit: int = -1) -> Iterator[str]:
        """The counted counties that did not give ``key``, in county order."""
        query = (
            "SELECT region FROM county WHERE counted AND NOT EXISTS"
            " (SELECT 1 FROM value WHERE value.county = county.id AND value.key = ?) ORDER BY id LIMIT ?"
        )
        for (region,) in self._rows(query, (key, limit)):
            yield region

    def notes(self, part: str, topic: str, kind: str) -> Iterator[tuple[Row, Note]]:
        """The counted counties' texts of one kind under ``part``.``topic``, in county and file order."""
        query = (
            f"SELECT {_ROW}, text, note.line FROM note JOIN county ON county.id = note.county"
            " WHERE counted AND part = ? AND topic = ? AND kind = ? ORDER BY note.id"
        )
        for r in self._rows(query, (part, topic, kind)):
            yield _row(r[:8]), Note(part, topic, kind, r[8], r[9])

    def note_topics(self, part: str) -> list[str]:
        """The topics the counted counties wrote texts under in ``part``, in order of first appearance."""
        query = (
            "SELECT topic FROM note JOIN county ON county.id = note.county WHERE counted AND part = ?"
            " GROUP BY topic ORDER BY MIN(note.id)"
        )
        return [t for (t,) in self.db.execute(query, (part,))]

    def note_size(self, cut: int | None) -> int:
        """The UTF-8 bytes of the counted counties' texts (each cut to ``cut`` characters): a lower bound
        of what the city file's comments carry of them."""
        text = "text" if cut is None else f"substr(text, 1, {int(cut)})"
        query = (
            f"SELECT COALESCE(SUM(LENGTH(CAST({text} AS BLOB))), 0) FROM note"
            " JOIN county ON county.id = note.county WHERE counted"
        )
        return int(self.db.execute(query).fetchone()[0])
