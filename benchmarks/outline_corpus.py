"""Score `generator outline` on a folder of report texts against hand-made structure labels.

    python benchmarks/outline_corpus.py TEXTS benchmarks/outline_corpus/labels [--json]

TEXTS holds the rebuilt page texts (NNN.txt, see benchmarks/outline_corpus/manifest.yaml for where each
comes from); LABELS holds one NNN.yaml per text (benchmarks/outline_corpus/labels/). The labels carry no
wording of the pages: positions only (lines, an order index within a line, character spans), levels, parts
and topics. See benchmarks/outline_corpus/README.md for the label format.

Printed: per file and in total, heading detection F1 on (line, seq, level), part accuracy and topic
accuracy over the headings found, title accuracy, noise-line recall; then every miss.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Score this checkout's code, not whichever copy of the package happens to be installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analysis.outline import clean, outline


@dataclass
class Score:
    """Counts for one file or for the whole corpus."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    part_right: int = 0
    topic_right: int = 0
    topic_total: int = 0
    title_right: int = 0
    files: int = 0
    noise_found: int = 0
    noise_total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold",
            "predicted",
            "matched",
            "part_right",
            "topic_right",
            "topic_total",
            "title_right",
            "files",
            "noise_found",
            "noise_total",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    @property
    def f1(self) -> float:
        if not self.gold and not self.predicted:
            return 1.0
        if not self.gold or not self.predicted or not self.matched:
            return 0.0
        precision, recall = self.matched / self.predicted, self.matched / self.gold
        return 2 * precision * recall / (precision + recall)

    def figures(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "heading_f1": round(self.f1, 4),
            "precision": ratio(self.matched, self.predicted),
            "recall": ratio(self.matched, self.gold),
            "part": ratio(self.part_right, self.matched),
            "topic": ratio(self.topic_right, self.topic_total),
            "title": ratio(self.title_right, self.files),
            "noise_recall": ratio(self.noise_found, self.noise_total),
        }


def _options(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def gold_title(spec: Any, lines: list[str]) -> list[str | None]:
    """The acceptable titles a label's ``title`` entry points at (None: the text has no title)."""
    if spec is None:
        return [None]
    titles: list[str | None] = []
    for one in _options(spec):
        if "lines" in one:
            titles.append("".join(clean(lines[n - 1]) for n in one["lines"]))
            continue
        text = clean(lines[one["line"] - 1])
        if "chars" in one:
            start, end = one["chars"]
            text = text[start:end]
        titles.append(text)
    return titles


def score_file(text_path: Path, label: dict[str, Any]) -> Score:
    """Score the outline of one text against its label."""
    name = text_path.name
    lines = text_path.read_text(encoding="utf-8").splitlines()
    result = outline(text_path)
    score = Score(files=1)

    # The tool's headings, numbered within each line in reading order.
    seen: dict[int, int] = defaultdict(int)
    got: dict[tuple[int, int, str], Any] = {}
    for h in result.headings:
        seq = seen[h.line]
        seen[h.line] += 1
        got[(h.line, seq, str(h.level))] = h
    want = {(g["line"], g.get("seq", 0), str(g["level"])): g for g in label.get("headings") or []}
    score.gold, score.predicted = len(want), len(got)

    for key, g in want.items():
        h = got.get(key)
        where = f"{name}:{key[0]}" + (f"#{key[1]}" if key[1] else "")
        if h is None:
            near = [f"{k[2]}「{v.text[:16]}」" for k, v in got.items() if k[0] == key[0]]
            score.misses.append(
                f"{where} 漏检 level {key[2]}"
                + (
                    f"（此行找到：{'、'.join(near)}）"
                    if near
                    else f"（行首：{clean(lines[key[0] - 1])[:24]}）"
                )
            )
            continue
        score.matched += 1
        if h.part in _options(g["part"]):
            score.part_right += 1
        else:
            score.misses.append(f"{where} 部分错 「{h.text[:16]}」：{h.part}，应为 {g['part']}")
        if g.get("kind") != "part" and g.get("topic") is not None:
            score.topic_total += 1
            if h.topic in _options(g["topic"]):
                score.topic_right += 1
            else:
                score.misses.append(f"{where} 专题错 「{h.text[:16]}」：{h.topic}，应为 {g['topic']}")
    for key, h in got.items():
        if key not in want:
            where = f"{name}:{key[0]}" + (f"#{key[1]}" if key[1] else "")
            score.misses.append(f"{where} 误检 level {key[2]}「{h.text[:20]}」")

    titles = gold_title(label.get("title"), lines)
    if result.title in titles:
        score.title_right = 1
    else:
        score.misses.append(f"{name} 标题错：{result.title!r}，应为 {' 或 '.join(map(repr, titles))}")

    noise = set(result.noise)
    for n in label.get("noise") or []:
        score.noise_total += 1
        if n in noise:
            score.noise_found += 1
        else:
            score.misses.append(f"{name}:{n} 噪声行未去掉：{clean(lines[n - 1])[:24]}")
    return score


def _expected_hashes(labels: Path) -> dict[str, str]:
    """The texts' hashes from the manifest next to the labels folder, if there is one."""
    manifest = labels.parent / "manifest.yaml"
    if not manifest.is_file():
        return {}
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8")) or []
    return {e["file"]: str(e["sha256"]) for e in entries if e.get("sha256")}


def score_corpus(texts: Path, labels: Path) -> tuple[Score, dict[str, Score]]:
    """Score every labelled text; returns the total and the per-file scores."""
    total, per_file = Score(), {}
    hashes = _expected_hashes(labels)
    for label_path in sorted(labels.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        text_path = texts / label["file"]
        if not text_path.is_file():
            print(f"缺少文本 {text_path}（按 manifest.yaml 重建）", file=sys.stderr)
            continue
        digest = hashlib.sha256(text_path.read_bytes()).hexdigest()
        if label["file"] in hashes and not digest.startswith(hashes[label["file"]]):
            print(f"{text_path} 与 manifest.yaml 记录的不同（标注的行号可能对不上）", file=sys.stderr)
        score = score_file(text_path, label)
        per_file[label["file"]] = score
        total.add(score)
    return total, per_file


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按人工标注为 outline 的结果打分，列出每一处错误。")
    parser.add_argument("texts", type=Path, help="重建的网页文本所在文件夹（NNN.txt）")
    parser.add_argument("labels", type=Path, help="标注文件夹（NNN.yaml）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    args = parser.parse_args(argv)
    total, per_file = score_corpus(args.texts, args.labels)
    if args.json:
        print(
            json.dumps(
                {
                    "total": total.figures(),
                    "files": {k: v.figures() for k, v in per_file.items()},
                    "misses": total.misses,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    print(f"{'file':<10} {'gold':>4} {'found':>5} {'F1':>6} {'part':>6} {'topic':>6} {'title':>6}")
    for name, s in per_file.items():
        f = s.figures()
        print(
            f"{name:<10} {s.gold:>4} {s.predicted:>5} {_fmt(f['heading_f1'])} {_fmt(f['part'])} "
            f"{_fmt(f['topic'])} {_fmt(f['title'])}"
        )
    f = total.figures()
    print(
        f"\n{len(per_file)} files, {total.gold} headings labelled, {total.predicted} found, {total.matched} right\n"
        f"heading F1 {f['heading_f1']:.3f} (P {f['precision']:.3f} R {f['recall']:.3f})  "
        f"part {_fmt(f['part']).strip()}  topic {_fmt(f['topic']).strip()}  title {_fmt(f['title']).strip()}  "
        f"noise recall {_fmt(f['noise_recall']).strip()}"
    )
    if total.misses:
        print(f"\n{len(total.misses)} misses:")
        for miss in total.misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
