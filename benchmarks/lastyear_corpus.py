"""Score how `generator init --从` places a report's numbers on catalogue figures, against figures checked by
hand (issue 23, point 4).

    python benchmarks/lastyear_corpus.py TEXTS benchmarks/outline_corpus2/figures.yaml [--json] [-v]

TEXTS holds the rebuilt excerpts (see benchmarks/outline_corpus2/manifest.yaml). Every text in the figures
file is read as last year's report; a number placed on a figure counts right when the figure and the value
(in the figure's own unit) are the hand-checked ones. Printed: placed, right, precision, and recall of the
hand-checked figures; with -v every placement and every number that was neither placed nor listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import templateset
from generator.analysis import script
from generator.data.facts import normalize
from generator.tools import lastyear, numbertally


def _truth(entry: Any) -> Decimal:
    value = entry["value"] if isinstance(entry, dict) else entry
    return Decimal(str(value)).normalize()


def _silent(report: lastyear.LastYear) -> int:
    """Numbers of the text neither placed, nor listed with a reason, nor counted (dates, headings' …)."""
    written = sum(
        1 for _, text in report.all_lines for _ in numbertally.numbers(normalize(script.reading(text)))
    )
    return written - len(report.placed) - sum(report.counts.values())


def measure(texts: Path, figures: Path, verbose: bool = False) -> dict[str, Any]:
    """Placed, right and hand-checked counts per text, and the wrong placements."""
    truth_all = yaml.safe_load(figures.read_text(encoding="utf-8")) or {}
    book = templateset.load(None).phrases
    table: dict[str, Any] = {}
    for path in sorted(texts.glob("*.txt")):
        truth = {k: _truth(v) for k, v in (truth_all.get(path.name) or {}).items()}
        report = lastyear.read(path, book)
        placed = {p.figure.key: p for p in report.figures() if p.figure is not None}
        right = [k for k, p in placed.items() if truth.get(k) == p.standard_value]
        wrong = [f"{k}={p.standard_value}（{p.sentence[:30]}）" for k, p in placed.items() if k not in right]
        table[path.name] = {
            "placed": len(placed),
            "right": len(right),
            "truth": len(truth),
            "wrong": wrong,
            "missed": [k for k in truth if k not in right],
            "listed": len(report.unplaced()),
            "counted": dict(report.counts),
            "silent": _silent(report),
        }
        if verbose:
            for p in report.placed:
                mark = "✓" if p.figure and p.figure.key in right else ("✗" if p.figure else "·")
                name = p.figure.key if p.figure else p.why
                print(f"{path.name}:{p.line} {mark} {p.fact.text} {name}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按人工核对的指标为 init --从 的取数打分。")
    parser.add_argument("texts", type=Path)
    parser.add_argument("figures", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-v", action="store_true", help="列出每一个数的去向")
    args = parser.parse_args(argv)
    table = measure(args.texts, args.figures, args.v)
    placed = sum(r["placed"] for r in table.values())
    right = sum(r["right"] for r in table.values())
    truth = sum(r["truth"] for r in table.values())
    total = {
        "placed": placed,
        "right": right,
        "truth": truth,
        "precision": round(right / placed, 4) if placed else None,
        "recall": round(right / truth, 4) if truth else None,
        "silent": sum(r["silent"] for r in table.values()),
    }
    if args.json:
        print(json.dumps({"total": total, "files": table}, ensure_ascii=False, indent=1))
        return 0
    for name, r in table.items():
        if r["placed"] or r["truth"]:
            print(
                f"{name}: placed {r['placed']} right {r['right']} of {r['truth']}  listed {r['listed']}"
                f"  counted {sum(r['counted'].values())}  silent {r['silent']}"
            )
            for w in r["wrong"]:
                print(f"    错：{w}")
            for m in r["missed"]:
                print(f"    漏：{m}")
    print(
        f"\nplaced {placed}, right {right}, hand-checked {truth}: precision {total['precision']}, recall {total['recall']}"
        f"; numbers dropped silently: {total['silent']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
