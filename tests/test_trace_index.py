"""--trace finds the first YAML line holding a figure's text through an index (one probe per figure, not a
scan of the file): it must answer as the scan did."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.write.trace import _Lines

_TEXT = st.text(alphabet="0123456789.万元人 \n:-户１２", max_size=120)
_FACT = st.text(alphabet="0123456789.万元人 户", min_size=1, max_size=8)


def _scan(text: str, fact: str) -> int | None:
    return next((n for n, line in enumerate(text.splitlines(), 1) if fact in line), None)


@given(_TEXT, st.lists(_FACT, max_size=6))
def test_the_index_finds_the_line_the_scan_finds(text: str, figures: list[str]) -> None:
    lines = _Lines(text)
    for fact in figures:
        assert lines.first(fact) == _scan(text, fact)


def test_a_figure_inside_a_longer_number_is_found_as_before() -> None:
    lines = _Lines("甲: 1700元\n乙: 700元\n")
    assert lines.first("700元") == 1 and lines.first("1700元") == 1 and lines.first("00元") == 1
    assert lines.first("70元") is None and lines.first("800元") is None
