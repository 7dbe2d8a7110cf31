"""Outline accuracy against the hand-made gold labels of the seeds (tests/labels/).

The labels are YAML flow mappings, so a label's `text` ends at its first ASCII comma: texts are compared
as prefixes. Measured: heading detection F1 on (line, level), part accuracy, topic accuracy (right when
the topic is one of the label's acceptable ones), noise, title, signature and date. The seeds are outlined
without a miss; how the rules do on reports nobody tuned them to is measured by benchmarks/outline_corpus.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.analysis.outline import Outline, outline
from tests.conftest import ROOT

LABELS = sorted((Path(__file__).parent / "labels").glob("*.yaml"))


def load(label: Path) -> tuple[dict, Outline, list[str]]:
    gold = yaml.safe_load(label.read_text(encoding="utf-8"))
    source = ROOT / "seeds" / gold["source"]
    return gold, outline(source), source.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    true_pos = predicted = expected = part_right = topic_right = topic_total = 0
    for label in LABELS:
        gold, result, _ = load(label)
        got = {(h.line, str(h.level)): h for h in result.headings}
        want = {(h["line"], str(h["level"])): h for h in gold["headings"]}
        predicted += len(got)
        expected += len(want)
        for key, g in want.items():
            if key not in got:
                continue
            true_pos += 1
            h = got[key]
            part_right += h.part == g["part"]
            if g.get("kind") != "part":
                acceptable = g["topic"] if isinstance(g["topic"], list) else [g["topic"]]
                topic_total += 1
                topic_right += h.topic in acceptable
    precision, recall = true_pos / predicted, true_pos / expected
    return {
        "f1": 2 * precision * recall / (precision + recall),
        "part": part_right / true_pos,
        "topic": topic_right / topic_total,
    }


def test_heading_detection_f1(scores: dict[str, float]) -> None:
    assert scores["f1"] == 1.0, scores


def test_part_accuracy(scores: dict[str, float]) -> None:
    assert scores["part"] == 1.0, scores


def test_topic_accuracy(scores: dict[str, float]) -> None:
    assert scores["topic"] == 1.0, scores


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem[:3])
def test_title_addressee_signature_date(label: Path) -> None:
    gold, result, _ = load(label)
    assert result.title == gold["title"]
    assert result.signature == gold["signature"]
    assert result.date == gold["date"]
    assert result.addressee == gold.get("addressee")


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem[:3])
def test_every_noise_line_is_dropped(label: Path) -> None:
    gold, result, lines = load(label)
    noise = set(result.noise)
    heading_lines = {h.line for h in result.headings}
    for entry in gold["noise"]:
        if isinstance(entry, dict):  # "lines 1-11 (… 发布日期:… )" reads as a mapping in YAML
            entry = str(next(iter(entry)))
        span = re.match(r"lines (\d+)-(\d+)", entry)
        if span:
            wanted = [n for n in range(int(span[1]), int(span[2]) + 1) if lines[n - 1].strip()]
            assert set(wanted) <= noise, entry
        else:
            matching = [n for n, text in enumerate(lines, 1) if text.strip().startswith(entry.strip())]
            assert matching and any(n in noise for n in matching), entry
    assert not noise & heading_lines


@pytest.mark.parametrize("label", LABELS, ids=lambda p: p.stem[:3])
def test_heading_texts_stop_at_the_first_full_stop(label: Path) -> None:
    gold, result, _ = load(label)
    got = {h.line: h.text for h in result.headings}
    for g in gold["headings"]:
        assert got[g["line"]].startswith(str(g["text"])), g
        assert "。" not in got[g["line"]]
