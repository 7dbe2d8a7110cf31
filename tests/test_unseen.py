"""Real counties' data the templates were not shaped on (issue 11).

``tests/unseen/facts/NN.yaml`` hold the figures of 34 real 民政 reports that are not seeds (20 of the first
round, 14 held out while the sentence rules of issue 19 were written, marked ``heldout: 2``) (facts only: what
was counted, value, unit, period, the page's address). ``tests/unseen/counties/NN.yaml`` is, for each, the
county file a clerk would write — our own words around the same figures. Measured and enforced:

- the share of the reports' figures that the county files give as catalogue figures in the right unit
  (not as 自定指标): at least 60% over the first round's reports;
- every figure of every report is written, exactly, in its draft (read back from the .docx);
- no figure the county file provides is left out of the draft (the run's no-figure-lost check).

Run ``python -m tests.test_unseen`` for the table per report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.data import catalogue
from generator.data.facts import facts
from generator.data.numbers import plain
from generator.draft.coverage import Provided, provided
from tests.conftest import docx_texts

HERE = Path(__file__).parent / "unseen"
REPORTS = sorted(p.stem for p in (HERE / "facts").glob("*.yaml"))
TARGET = 0.60
# The second round (issue 19) was collected from reports full of local figures the catalogue does not name
# (睦邻点, 精康驿站, 医疗救助…): 43.8% measured when collected; the catalogue was not extended for them.
HELD_OUT_TARGET = 0.43

# Units as printed in the reports, and the unit a catalogue figure (or a draft) writes for them.
_SAME_UNIT = {
    "名": "人",
    "位": "人",
    "元/月": "元/人·月",
    "元/人/月": "元/人·月",
    "元/年": "元/人·年",
    "元/人/年": "元/人·年",
    "％": "%",
    "万元": "元",
    "亿元": "元",
}
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}
_APPROX_AFTER = re.compile(r"(\d)(?:余|多)(?=[万亿]|[^\d\s，。；、])")
_APPROX_AFTER_SCALE = re.compile(r"(\d[万亿])(?:余|多)")
_SHOWN = re.compile(r"^(\d+(?:\.\d+)?)(万|亿)?(.*)$")


def normal(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """(value in the base unit, base unit): 9.59 万人 -> (95900, 人), 7.83 亿元 -> (783000000, 元)."""
    for scale, factor in _SCALE.items():
        if unit.startswith(scale) and unit not in ("万", "亿"):
            value, unit = value * factor, unit[1:]
        elif unit == scale:
            return (value * factor).normalize(), ""  # 「6万多」: a count whose noun the report left vague
    if unit in ("万元", "亿元"):
        value = value * _SCALE[unit[0]]
    return value.normalize(), _SAME_UNIT.get(unit, unit)


def shown_key(text: str) -> tuple[Decimal, str]:
    """The normalised value of a figure as the draft writes it (9.59万人, 2.37亿元, 200度/户)."""
    m = _SHOWN.match(text)
    assert m, text
    number, scale, unit = m.groups()
    value = Decimal(number) * (_SCALE[scale] if scale else 1)
    return normal(value, unit)


def readable(text: str) -> str:
    """Draft text with 余/多 between a number and its unit taken out, so 14300余名 reads as 14300名."""
    return _APPROX_AFTER_SCALE.sub(r"\1", _APPROX_AFTER.sub(r"\1", text))


def in_text(value: Decimal, unit: str, text: str, keys: set[tuple[Decimal, str]]) -> bool:
    """Whether the draft writes ``value`` ``unit`` (as 9.59万人 or 95900人, 每人每月1045元 or 1045元/人·月)."""
    found = facts(f"{plain(value)}{unit}")
    if found and found[0].text == f"{plain(value)}{unit}".replace(" ", ""):
        return found[0].key in keys or f"{plain(value)}{unit}" in text
    base, base_unit = normal(value, unit)
    if not base_unit:
        return bool(re.search(rf"(?<![\d.]){re.escape(plain(value))}{re.escape(unit)}", text))
    return f"{plain(value)}{unit}" in text or f"{plain(base)}{base_unit}" in text


@dataclass
class Measure:
    """One report: its figures, those typed by the catalogue, those not exact in the draft, those lost."""

    name: str
    place: str
    figures: int = 0
    typed: int = 0
    not_exact: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # a report figure the county file does not give
    lost: list[str] = field(default_factory=list)  # a county-file figure the draft does not write

    @property
    def share(self) -> float:
        return self.typed / self.figures if self.figures else 1.0


def _match(fact: dict, pool: list[Provided]) -> Provided | None:
    key = normal(Decimal(str(fact["value"])), str(fact["unit"]))
    for candidate in pool:
        got = shown_key(candidate.shown)
        if got == key or (not key[1] and got[0] == key[0]):
            pool.remove(candidate)
            return candidate
    return None


def measure(name: str, out_dir: Path) -> Measure:
    report_facts = yaml.safe_load((HERE / "facts" / f"{name}.yaml").read_text(encoding="utf-8"))
    result = pipeline.build(HERE / "counties" / f"{name}.yaml", out=out_dir / f"{name}.docx")
    draft = result.draft
    text = readable("\n".join(docx_texts(result.path)))
    keys = {f.key for f in facts(text)}
    pool = [
        f for part in catalogue.PARTS for t in catalogue.topics() for f in provided(draft.report, part, t.key)
    ]
    m = Measure(name, report_facts["place"], lost=[str(u) for u in draft.unwritten])
    for fact in report_facts["figures"]:
        m.figures += 1
        value, unit = Decimal(str(fact["value"])), str(fact["unit"])
        match = _match(fact, pool)
        if match is None:
            m.unmatched.append(f"{fact['what']} {plain(value)}{unit}")
        elif not match.custom:
            m.typed += 1
        for number in (value, fact.get("previous")):
            if number is not None and not in_text(Decimal(str(number)), unit, text, keys):
                m.not_exact.append(f"{fact['what']} {plain(Decimal(str(number)))}{unit}")
    return m


@pytest.fixture(scope="module")
def measures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Measure]:
    folder = tmp_path_factory.mktemp("unseen")
    return {name: measure(name, folder) for name in REPORTS}


def test_the_fixture_is_large_enough() -> None:
    assert len(REPORTS) >= 15
    assert {p.stem for p in (HERE / "counties").glob("*.yaml")} == set(REPORTS)


@pytest.mark.parametrize("name", REPORTS)
def test_every_figure_is_in_the_county_file_and_exact_in_the_draft(
    measures: dict[str, Measure], name: str
) -> None:
    m = measures[name]
    assert m.unmatched == [], m.unmatched
    assert m.not_exact == [], m.not_exact
    assert m.lost == [], m.lost


def _round(name: str) -> int:
    """1 for the first 20 reports; 2 for those collected, held out, for issue 19 (``heldout: 2``)."""
    data = yaml.safe_load((HERE / "facts" / f"{name}.yaml").read_text(encoding="utf-8"))
    return int(data.get("heldout", 1))


@pytest.mark.parametrize(("round_", "target", "least"), [(1, TARGET, 250), (2, HELD_OUT_TARGET, 200)])
def test_most_figures_fit_the_catalogue(
    measures: dict[str, Measure], round_: int, target: float, least: int
) -> None:
    rows = [m for name, m in measures.items() if _round(name) == round_]
    figures = sum(m.figures for m in rows)
    typed = sum(m.typed for m in rows)
    assert figures >= least
    assert typed / figures >= target, table(rows)


def table(rows: list[Measure]) -> str:
    lines = [
        "| NN | place | figures | catalogue-typed | share | exact | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in rows:
        exact = m.figures - len(m.not_exact)
        lines.append(
            f"| {m.name} | {m.place} | {m.figures} | {m.typed} | {m.share:.0%} | {exact}/{m.figures} | {len(m.lost)} |"
        )
    figures, typed = sum(m.figures for m in rows), sum(m.typed for m in rows)
    exact = sum(m.figures - len(m.not_exact) for m in rows)
    lost = sum(len(m.lost) for m in rows)
    lines.append(f"| all | | {figures} | {typed} | {typed / figures:.1%} | {exact}/{figures} | {lost} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(table([measure(name, Path(folder)) for name in REPORTS]))
