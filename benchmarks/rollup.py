"""Speed and memory of `generator 汇总`, measured on demand (never in the test suite).

    python benchmarks/rollup.py [--files 200]

Makes a folder of county files (天门, 城口 and the example, each under a new 地区), then:
1. rolls up 200 files in-process (city file, comparison table and trace written) and through the command
   line, from start to finish;
2. the peak memory of the roll-up at 50, 200, 800 and 1600 files: Python's (tracemalloc, in-process) and
   the whole process's (the largest resident size of a child process doing only the roll-up, SQLite's page
   cache included). Files are read one at a time and their figures and texts kept in a temporary SQLite
   database, the city file's lists are cut short and the trace and table written as they are read, so the
   peak should not grow with the number of files (acceptance: 1600 files within about 1.5× of 200).
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


_RESIDENT = """
import gc, sys
from pathlib import Path
import benchmarks.rollup as b

def status(field):
    return int(open("/proc/self/status").read().split(field + ":")[1].split()[0]) * 1024

b.roll(Path(sys.argv[1]), Path(sys.argv[3]))  # warm: models built, templates read
gc.collect()
open("/proc/self/clear_refs", "w").write("5")  # the peak resident size starts again from here
before = status("VmRSS")
b.roll(Path(sys.argv[2]), Path(sys.argv[3]))
print(before, status("VmHWM"))
"""


def resident(warm: Path, folder: Path, out: Path) -> tuple[int, int]:
    """The resident size (bytes) of a new process, warmed up by rolling ``warm`` up, before and at its
    highest while rolling ``folder`` up (Linux: /proc/self/clear_refs resets the high-water mark)."""
    done = subprocess.run(
        [sys.executable, "-c", _RESIDENT, str(warm), str(folder), str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    before, highest = done.stdout.split()[-2:]
    return int(before), int(highest)


SIZES = (50, 200, 800, 1600)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=200)
    count = parser.parse_args().files
    os.environ.setdefault("MINZHENG_CACHE", "")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folders = {n: make_folder(base / f"in{n}", n) for n in sorted({*SIZES, count})}
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
        peaks = {}
        for n, folder in folders.items():
            peaks[n] = peak(folder, base)
            before, highest = resident(folders[min(folders)], folder, base)
            print(
                f"  {n:4d} 个文件：内存峰值 {peaks[n] / 2**20:5.1f} MB（tracemalloc）；"
                f"进程常驻内存 {before / 2**20:.0f} MB，汇总时最高 {highest / 2**20:.0f} MB"
            )
        if 200 in peaks and 1600 in peaks:
            print(f"  1600 个文件的峰值为 200 个的 {peaks[1600] / peaks[200]:.2f} 倍（验收：约 1.5 倍以内）")


if __name__ == "__main__":
    main()
