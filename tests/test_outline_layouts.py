"""Outline on the layouts real web copies of reports come in (issue 15), one compact synthetic report each.

Each tests/layouts/NAME.txt is written for the test (no page text is copied); NAME.yaml labels it in the
format of benchmarks/outline_corpus/ (positions, levels, parts, topics) and is scored by the same script
that scores the real corpus. Every heading, part, topic, the title and the noise lines must be right.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

LAYOUTS = Path(__file__).parent / "layouts"
CASES = sorted(LAYOUTS.glob("*.yaml"))


def _scorer():
    spec = importlib.util.spec_from_file_location("outline_corpus", ROOT / "benchmarks" / "outline_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SCORER = _scorer()


@pytest.mark.parametrize("label", CASES, ids=lambda p: p.stem)
def test_layout_is_outlined_exactly(label: Path) -> None:
    gold = yaml.safe_load(label.read_text(encoding="utf-8"))
    score = SCORER.score_file(LAYOUTS / gold["file"], gold)
    assert score.misses == []
    assert score.matched == score.gold == score.predicted


def test_every_layout_of_the_issue_has_a_case() -> None:
    names = {p.stem for p in CASES}
    assert {
        "flattened",
        "metadata_title",
        "form_lines",
        "repeated_title",
        "split_title",
        "half_year",
        "work_points",
        "chunks",
        "numbering_forms",
        "nested_topic",
        # issue 23: plans alone, Traditional script, PDF spaces, contents pages, titles, topics, forms
        "plan_opening",
        "traditional",
        "pdf_spaces",
        "contents_page",
        "bare_title",
        "paired_title",
        "chunk_title",
        "run_on_heads",
        "speech",
        "many_topics",
        "form_prefixed",
        # found on rebuilding the first corpus after issue 23: spacing read as written where it matters
        "keyword_line",
        "flattened_spaces",
    } <= names
