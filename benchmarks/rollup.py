"""Speed and memory of `generator 汇总`, measured on demand (never in the test suite).

    python benchmarks/rollup.py [--files 200]

Makes a folder of county files (天门, 城口 and the example, each under a new 地区), then:
1. rolls up 200 files in-process (city file, comparison table and trace written) and through the command
   line, from start to finish;
2. the peak memory (tracemalloc) of the roll-up at 50, 100 and 200 files: files are read one at a time and
   only their figures and texts kept, so the peak grows with what the city file carries, not with models.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from generator.rollup.run import run

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "inputs" / n for n in ("天门市2024.yaml", "城口县2024.yaml", "示例.yaml")]


def make_folder(folder: Path, count: int) -> Path:
    """``count`` county files, each a copy of one of SOURCES under its own 地区 and 单位."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    for i in range(count):
        region = f"第{i + 1:03d}县"
        text = re.sub(r"^地区: .*$", f"地区: {region}", texts[i % len(texts)], count=1, flags=re.MULTILINE)
        text = re.sub(r"^单位: .*$", f"单位: {region}民政局", text, count=1, flags=re.MULTILINE)
        (folder / f"{region}.yaml").write_text(text, encoding="utf-8")
    return folder


def roll(folder: Path, out: Path) -> float:
    start = time.perf_counter()
    run(folder, out / "市.yaml", region="测试市", table=out / "对比.xlsx", with_trace=True, overwrite=True)
    return time.perf_counter() - start


def peak(folder: Path, out: Path) -> int:
    gc.collect()
    tracemalloc.start()
    roll(folder, out)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    count = parser.parse_args().files
    os.environ.setdefault("MINZHENG_CACHE", "")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folders = {n: make_folder(base / f"in{n}", n) for n in sorted({50, 100, count})}
        roll(folders[min(folders)], base)  # warm: models built, templates read
        seconds = min(roll(folders[count], base) for _ in range(3))
        city = base / "市.yaml"
        print(f"{count} 个县区文件，进程内汇总（含对比表和 trace）：{seconds:.2f} 秒")
        print(
            f"  市级文件 {city.stat().st_size / 1024:.0f} KB，对比表 {(base / '对比.xlsx').stat().st_size / 1024:.0f} KB"
        )
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "汇总",
                str(folders[count]),
                "-o",
                str(city),
                "--覆盖",
                "--表",
                str(base / "对比.xlsx"),
                "--trace",
            ],
            check=True,
            capture_output=True,
        )
        print(f"{count} 个县区文件，命令行从启动到写完：{time.perf_counter() - start:.2f} 秒")
        for n, folder in folders.items():
            print(f"  {n:4d} 个文件：内存峰值 {peak(folder, base) / 2**20:6.1f} MB")


if __name__ == "__main__":
    main()
