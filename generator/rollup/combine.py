"""The roll-up of one folder: which files count, their totals and the findings. Knows no terminal."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.batch import county_files
from generator.errors import InputError
from generator.rollup import checks
from generator.rollup.read import Broken, County, Ours, counties
from generator.rollup.totals import Total, add_up


@dataclass(frozen=True)
class Left:
    """A valid county file not counted, and why."""

    county: County
    finding: checks.Finding


@dataclass
class Rollup:
    """What the folder's files add up to."""

    folder: Path
    counted: list[County]
    timing: tuple[int, str, str]
    totals: list[Total]
    broken: list[Broken] = field(default_factory=list)
    left: list[Left] = field(default_factory=list)
    ours: list[Path] = field(default_factory=list)
    findings: list[checks.Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # a figure given twice in one county file

    @property
    def files(self) -> int:
        return len(self.counted) + len(self.broken) + len(self.left)


def roll_up(folder: Path) -> Rollup:
    """Read every county file of ``folder`` and add them up; raise :class:`InputError` when none counts."""
    if not folder.is_dir():
        raise InputError(f"{folder}：不是一个文件夹，请给出存放各县区数据文件的文件夹")
    valid: list[County] = []
    broken: list[Broken] = []
    ours: list[Path] = []
    for item in counties(county_files(folder)):
        if isinstance(item, Broken):
            broken.append(item)
        elif isinstance(item, Ours):
            ours.append(item.path)
        else:
            valid.append(item)
    common = checks.common_timing(valid)
    if common is None:
        shown = "；".join(f"{b.path.name}：{b.problems[0]}" for b in broken[:3])
        raise InputError(
            f"{folder}：没有可以汇总的数据文件（.yaml）" + (f"（出错的：{shown}）" if shown else "")
        )
    counted, left = _counted(valid, common)
    findings = [f for c in valid for f in (*checks.parts(c), *checks.households(c))]
    findings += checks.per_head(counted)
    findings.sort(key=lambda f: (str(f.path), f.line))
    return Rollup(
        folder,
        counted,
        common,
        add_up(counted),
        broken,
        left,
        ours,
        [left.finding for left in left] + findings,
        [d for c in counted for d in c.duplicates],
    )


def _counted(valid: list[County], common: tuple[int, str, str]) -> tuple[list[County], list[Left]]:
    """The counties of the common period, each region once (a second file of a region is left out)."""
    counted: list[County] = []
    left: list[Left] = []
    seen: dict[str, County] = {}
    for county in valid:
        odd = checks.timing(county, common)
        if odd is not None:
            left.append(Left(county, odd))
        elif county.region in seen:
            first = seen[county.region]
            message = f"地区「{county.region}」与{first.path.name}相同，同一县区只计一次，本文件未计入合计"
            left.append(Left(county, checks.Finding(county.path, county.region_line, message)))
        else:
            seen[county.region] = county
            counted.append(county)
    return counted, left
