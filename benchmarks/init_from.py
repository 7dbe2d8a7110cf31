"""Speed of `generator init --从` on long reports, measured on demand (never in the test suite).

    python benchmarks/init_from.py [--rounds 3] [--sizes 2000,8000,20000,300000]

Builds .docx reports of n paragraphs from a seed report's lines over and over (numbers, headings and
plan items repeat as in a report pasted together), and times reading one as last year's
report and writing the county file (in process, templates loaded). Printed: the median of each size, the
time per 1,000 paragraphs, and the ratio against the anchor measured in the same run (outlining the same
report: reading the .docx and finding its structure, which is linear), so a busy machine shows as a
busy machine and not as a slower algorithm. Linear in the paragraphs means the per-1,000 column stays flat.
A size past reading.MAX_PARAGRAPHS (20,000 lines with text) is refused: the time printed is the refusal's.

Measured 2026-12-06 on the loaded 2-core machine, seed 000. First round (load average 5-6, wall-clock):

    size      before (median of 3, wall)        after (one run, wall | CPU of from_report)
    8000      1.24 s  (0.155 s/1,000, ratio 2.50)    1.1 s | (CPU not taken alone)
    32000     8.82 s  (0.276 s/1,000, ratio 2.22)    5.3 s | 2.3 s CPU (0.072 s/1,000)
    100000   26.56 s  (0.266 s/1,000, ratio 2.21)   10.7 s | 7.9 s CPU (0.079 s/1,000)
    300000   77.60 s  (0.259 s/1,000, ratio 2.01)   49.8 s | 24.8 s CPU (0.083 s/1,000)

Linear, but 300,000 paragraphs still took tens of seconds and wrote a county file of ~280,000 lines (at
100,000: 93,000 lines, 7 MB), of no use to anyone. Second round (evening, load average ~1.9, median of 3),
with the cap on lines with text:

       2000 paragraphs (1.0 MB):  0.18 s (0.090 s/1,000, ratio 2.71)
       8000 paragraphs (1.7 MB):  0.75 s (0.093 s/1,000, ratio 2.07)
      20000 paragraphs (3.0 MB):  1.74 s (0.087 s/1,000, ratio 1.78)
     300000 paragraphs (34.3 MB): refused in 1.08 s (the CLI: exit 2 in 1.9 s, 300 MB peak, no file written)
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MINZHENG_CACHE", "")

from docx import Document

from generator import templateset
from generator.analysis.outline import outline
from generator.analysis.reading import MAX_PARAGRAPHS
from generator.draft.prose import Phrasebook
from generator.errors import InputError
from generator.tools import initfile

_SENTENCE = re.compile(r"[^。；]+[。；]?")


def report(path: Path, paragraphs: int) -> Path:
    """A .docx of ``paragraphs`` paragraphs made of the seed reports' lines."""
    # One seed report's sentences over and over, a sentence a paragraph: every heading, number and plan
    # item comes back each time, so the summary part grows with the report (thousands of numbers to place).
    # A sentence a paragraph (~120 bytes of XML) keeps 300k paragraphs under the 50 MB and 40 MB caps.
    seed = min((ROOT / "seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    lines = [s.strip() for ln in text.splitlines() for s in _SENTENCE.findall(ln) if s.strip()]
    # python-docx's add_paragraph looks for the section properties each time: quadratic for 100k
    # paragraphs. The body is written as XML into a document python-docx made.
    doc = Document()
    doc.add_paragraph("MARK")
    buffer = io.BytesIO()
    doc.save(buffer)
    body = "".join(
        f"<w:p><w:r><w:t>{escape(lines[i % len(lines)])}</w:t></w:r></w:p>" for i in range(paragraphs)
    )
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:p>") if "<w:p>" in text else text.index("<w:p ")
                end = text.index("</w:p>", text.index("MARK")) + len("</w:p>")
                data = (text[:start] + body + text[end:]).encode("utf-8")
            # Stored, not deflated: pasted-together text packs past the zip-bomb guard's ratio.
            out.writestr(info.filename, data, zipfile.ZIP_STORED)
    return path


def median_of(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``action`` (CPU time shows what a loaded machine hides)."""
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="2000,8000,20000,300000")
    args = parser.parse_args()
    phrases = templateset.load(None).phrases
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = report(Path(tmp) / f"{n}.docx", n)
            size = path.stat().st_size / 1024 / 1024
            if n > MAX_PARAGRAPHS:
                took, cpu = median_of(lambda path=path: refused(path, phrases), args.rounds)
                print(
                    f"{n:>7} 段（{size:.1f} MB）：超过上限，拒绝用了 {took:.2f} 秒（CPU {cpu:.2f} 秒）",
                    flush=True,
                )
                continue
            anchor, _ = median_of(lambda path=path: outline(path), args.rounds)
            took, cpu = median_of(
                lambda path=path: initfile.from_report(path, "某县", 2025, phrases), args.rounds
            )
            print(
                f"{n:>7} 段（{size:.1f} MB）：init --从 {took:.2f} 秒（每千段 {took / n * 1000:.3f} 秒，"
                f"CPU {cpu:.2f} 秒）  锚点 outline {anchor:.2f} 秒  比值 {took / anchor:.2f}",
                flush=True,
            )


def refused(path: Path, phrases: Phrasebook) -> None:
    try:
        initfile.from_report(path, "某县", 2025, phrases)
    except InputError:
        return
    raise AssertionError(f"{path} was read past the cap")


if __name__ == "__main__":
    main()
