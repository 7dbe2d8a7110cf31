"""Timing of the main operations, run on demand (not part of the test suite): `python benchmarks/run.py`.

Prints, for each seed's county file, the time to draft and write the .docx (median of 5 runs), and the time
to outline the five seeds and learn the skeleton.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from generator import pipeline
from generator.analysis import learn
from generator.analysis.outline import outline

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def median_seconds(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for data in sorted((ROOT / "inputs").glob("*.yaml")):
            out = Path(folder) / f"{data.stem}.docx"
            seconds = median_seconds(lambda d=data, o=out: pipeline.build(d, out=o, with_trace=True))
            print(f"generate {data.name:<18} {seconds * 1000:8.1f} ms  ({out.stat().st_size // 1024} KiB)")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    seconds = median_seconds(lambda: learn.learn([outline(p) for p in seeds]))
    print(f"outline + learn {len(seeds)} seeds  {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
