"""Speed of the drafter, measured on demand (never in the test suite).

    python -m pip install -e '.[bench]' && python benchmarks/run.py [--quick]

Prints medians and ratios, each comparison run interleaved (A B C, B C A, … so that a busy moment of the
machine falls on all of them alike):
1. an in-process draft (county file -> .docx on disk, as `generate` writes it) against docxtpl writing the same
   paragraphs with the same styles (its template is made from our own output, so page setup and styles
   match), and against the zip floor (zipping the finished parts of that .docx), for 天门 and 中山;
2. cold start: `generate inputs/示例.yaml` and `generate --help` against bare
   `python -c 'import jinja2, docx, yaml, pydantic, typer'`;
3. `generator batch -j 2` throughput on 天门-size files, and its peak memory at 100 and 1,000 files;
4. time per paragraph at 1x, 10x and 100x the 天门 file (with --trace), and peak memory of one 天门 draft;
   time per lone child heading folded at 1,000 and 10,000 of them (one walk: the ratio stays near 1);
5. the other inputs, and outline + learn of the seed reports.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import yaml
from docx import Document
from lxml import etree

from generator import pipeline
from generator.analysis import learn
from generator.analysis.outline import outline
from generator.draft.markup import Block
from generator.draft.numbering import drop_lone_children

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
BARE = "import jinja2, docx, yaml, pydantic, typer"
# The same imports and the smallest typer command with one path argument: typer 0.29 converts arguments
# through pydantic, so this is what any command of ours pays before it does anything.
TYPER_FLOOR = BARE + "; from pathlib import Path; typer.run(lambda data: None)"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def interleaved(actions: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds of each action, run ``rounds`` times in rotating order."""
    names = list(actions)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            start = time.perf_counter()
            actions[name]()
            times[name].append(time.perf_counter() - start)
    return {n: statistics.median(t) for n, t in times.items()}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


# ---- 1. in-process draft against docxtpl and the zip floor ---------------------------------------------


def docxtpl_template(draft: Path, template: Path) -> list[str]:
    """Make ``draft`` a docxtpl template (each text node becomes {{ t[i] }}); return the texts it held."""
    with zipfile.ZipFile(draft) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    root = etree.fromstring(members["word/document.xml"])
    texts = []
    for node in root.iter(f"{W}t"):
        texts.append(node.text or "")
        node.text = f"{{{{ t[{len(texts) - 1}] }}}}"
    members["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return texts


def zip_floor(draft: Path, out: Path) -> Callable[[], None]:
    """Zipping the finished parts of ``draft``: what any .docx writer pays at least."""
    with zipfile.ZipFile(draft) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]

    def write() -> None:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                z.writestr(name, data)

    return write


def paragraph_texts(path: Path | io.BytesIO) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(path).paragraphs]


def against_docxtpl(folder: Path, rounds: int) -> float:
    """Prints the comparison; returns 本项目/docxtpl for 天门."""
    from docxtpl import DocxTemplate  # the bench extra; no part of the drafter

    print("1. 单份草稿（进程内，数据文件 → .docx）与 docxtpl 写同样内容、与 zip 下限相比（中位数）")
    ratios = {}
    for name in ("天门市2024", "中山市2023"):
        data = INPUTS / f"{name}.yaml"
        ours, theirs, floor = (folder / f"{name}-{who}.docx" for who in ("ours", "docxtpl", "floor"))
        result = pipeline.build(data, out=ours)
        template = folder / f"{name}-template.docx"
        texts = docxtpl_template(ours, template)

        def with_docxtpl(template: Path = template, texts: list[str] = texts, out: Path = theirs) -> None:
            doc = DocxTemplate(template)
            doc.render({"t": texts}, autoescape=True)
            doc.save(out)

        with_docxtpl()
        assert paragraph_texts(theirs) == paragraph_texts(ours), "docxtpl wrote other content"
        medians = interleaved(
            {
                "本项目": lambda data=data, ours=ours: pipeline.build(data, out=ours),
                "docxtpl": with_docxtpl,
                "zip 下限": zip_floor(ours, floor),
            },
            rounds,
        )
        n = len(result.draft.blocks)
        ratios[name] = medians["本项目"] / medians["docxtpl"]
        print(
            f"  {name}（{n} 段）：本项目 {ms(medians['本项目'])}  docxtpl {ms(medians['docxtpl'])}"
            f"  zip 下限 {ms(medians['zip 下限'])}"
        )
        print(
            f"    本项目/docxtpl = {ratios[name]:.2f}   本项目/zip 下限 = {medians['本项目'] / medians['zip 下限']:.2f}"
        )
    return ratios["天门市2024"]


# ---- 2. cold start ----------------------------------------------------------------------------------------


def script(name: str) -> list[str]:
    """The console script ``name`` installed beside this Python (run as a user runs it)."""
    found = Path(sys.executable).parent / name
    if found.is_file():
        return [str(found)]
    entry = {"generate": "generate_main", "generator": "main"}[name]
    return [
        sys.executable,
        "-c",
        f"import sys; from generator.cli import {entry}; sys.argv[0] = {name!r}; {entry}()",
    ]


# As on a user's machine: Python keeps the compiled modules of an editable install (some sandboxes say not to).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)


def cold_start(folder: Path, rounds: int) -> float:
    """Prints the cold starts; returns generate/bare."""
    print("2. 冷启动（新进程，中位数）")
    out = folder / "示例.docx"
    generate = [*script("generate"), str(INPUTS / "示例.yaml"), "-o", str(out)]
    run_quietly(generate)  # the first run fills the template cache, as a clerk's first run does
    medians = interleaved(
        {
            "bare": lambda: run_quietly([sys.executable, "-c", BARE]),
            "typer": lambda: run_quietly([sys.executable, "-c", TYPER_FLOOR, "x.yaml"]),
            "generate": lambda: run_quietly(generate),
            "help": lambda: run_quietly([*script("generate"), "--help"]),
        },
        rounds,
    )
    ratio = medians["generate"] / medians["bare"]
    print(f"  python -c '{BARE}' {ms(medians['bare'])}")
    print(
        f"  同样的导入加一个最小的 typer 命令（一个参数） {ms(medians['typer'])}   比值 {medians['typer'] / medians['bare']:.2f}"
    )
    print(f"  generate inputs/示例.yaml {ms(medians['generate'])}   比值 {ratio:.2f}")
    print(f"  generate --help {ms(medians['help'])}   比值 {medians['help'] / medians['bare']:.2f}")
    return ratio


# ---- 3. batch ---------------------------------------------------------------------------------------------


def counties(folder: Path, count: int) -> Path:
    """``count`` 天门-size county files, each its own 地区 (a 市 bureau's folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = (INPUTS / "天门市2024.yaml").read_text(encoding="utf-8")
    for i in range(count):
        county = f"天门{i:04d}市"
        (folder / f"{county}2024.yaml").write_text(text.replace("天门市", county), encoding="utf-8")
    return folder


def _resident(pid: int) -> int:
    """Resident memory (KiB) of ``pid`` and its children, from /proc (0 where there is no /proc)."""
    total = 0
    for task in (pid, *_children(pid)):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{task}/status").read_text()
            rss = [line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")]
            total += int(rss[0]) if rss else 0  # a process that has just ended has none
    return total


def _children(pid: int) -> list[int]:
    with contextlib.suppress(OSError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def timed_process(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of the process and its workers together, sampled.

    (A child's own ru_maxrss also counts the parent's pages it held between fork and exec.)
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _resident(process.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}")
    return seconds, peak / 1024


def batch_run(files: Path, out: Path, count: int) -> tuple[float, float]:
    """One `generator batch -j 2` into a fresh folder: seconds and peak memory (MiB)."""
    seconds, peak = timed_process([*script("generator"), "batch", str(files), "-o", str(out), "-j", "2"])
    made = len(list(out.glob("*.docx")))
    assert made == count, f"batch wrote {made} of {count} drafts"
    shutil.rmtree(out)
    return seconds, peak


def batch(folder: Path, quick: bool) -> float:
    """Prints throughput (median of 3 runs of 300 files) and memory at 100 and 1,000; returns drafts/s."""
    print("3. generator batch -j 2（天门规模的数据文件，各有其地区）")
    files = counties(folder / "in300", 300)
    runs = sorted(batch_run(files, folder / "out", 300)[0] for _ in range(3))
    rate = 300 / runs[1]
    print(f"  300 份：{runs[1]:5.2f} s，{rate:6.1f} 份/秒（含启动，3 次的中位数；最快 {300 / runs[0]:.1f}）")
    for count in (100,) if quick else (100, 1000):
        seconds, peak = batch_run(counties(folder / f"in{count}", count), folder / "out", count)
        print(f"  {count:4d} 份：{seconds:5.2f} s，峰值内存 {peak:6.1f} MiB（主进程与各工作进程合计）")
    return rate


# ---- 4. size ----------------------------------------------------------------------------------------------


def scaled(times: int, path: Path) -> Path:
    """The 天门 file with every topic's 工作 and 目标 repeated ``times`` times (a work item's own 指标
    only in its first copy: a figure is given once)."""
    data = yaml.safe_load((INPUTS / "天门市2024.yaml").read_text(encoding="utf-8"))
    for part in ("总结", "计划"):
        for section in (data.get(part) or {}).values():
            if section and section.get("目标"):
                section["目标"] = section["目标"] * times
            if section and section.get("工作"):
                again = [
                    {k: v for k, v in w.items() if k != "指标"} if isinstance(w, dict) else w
                    for w in section["工作"]
                ]
                section["工作"] = section["工作"] + again * (times - 1)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def size(folder: Path, rounds: int) -> None:
    print("4. 规模（进程内，带 --trace，中位数）")
    base = None
    for times in (1, 10, 100):
        data = scaled(times, folder / f"天门x{times}.yaml")
        out = folder / f"天门x{times}.docx"
        result = pipeline.build(data, out=out, with_trace=True)
        n = len(result.draft.blocks)
        seconds = interleaved({"x": lambda d=data, o=out: pipeline.build(d, out=o, with_trace=True)}, rounds)[
            "x"
        ]
        per = seconds / n * 1e6
        base = base or per
        print(f"  {times:3d} 倍：{n:6d} 段 {ms(seconds)}  每段 {per:7.1f} µs（1 倍时的 {per / base:.2f}）")
    lone_children(rounds)
    high_water = (
        "; print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')))"
    )
    code = "import sys; from pathlib import Path; from generator import pipeline"
    draft = code + "; pipeline.build(Path(sys.argv[1]), out=Path(sys.argv[2]))"
    tianmen = INPUTS / "天门市2024.yaml"
    draft_peak = _high_water(
        [sys.executable, "-c", draft + high_water, str(tianmen), str(folder / "peak.docx")]
    )
    import_peak = _high_water([sys.executable, "-c", code + high_water])
    tracemalloc.start()
    pipeline.build(tianmen, out=folder / "peak.docx")  # warm: what one more draft takes
    python_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    print(
        f"  天门草稿一份的峰值内存：进程 {draft_peak:.1f} MiB（只导入不起草 {import_peak:.1f} MiB）；"
        f"进程内再起草一份，Python 对象峰值 {python_peak:.1f} MiB"
    )


def lone_chain(n: int) -> list[Block]:
    """``n`` parts, each with a chain of three lone headings (（一） → 1. → (1)) to fold."""
    blocks = []
    for k in range(n):
        blocks.append(Block("heading", f"部分{k}", level=1))
        for level in (2, 3, 4):
            blocks += [Block("heading", f"标题{k}-{level}", level=level), Block("paragraph", "正文。")]
    return blocks


def lone_children(rounds: int) -> None:
    per = {}
    for n in (1_000, 10_000):
        blocks = lone_chain(n)
        # As timeit does: the collector's full passes grow with everything this process holds, not with
        # the fold.
        gc.collect()
        gc.disable()
        try:
            per[n] = interleaved({"x": lambda b=blocks: drop_lone_children(b)}, rounds)["x"] / (3 * n) * 1e6
        finally:
            gc.enable()
    print(
        f"  单独子标题折叠：3,000 个每个 {per[1_000]:.2f} µs，30,000 个每个 {per[10_000]:.2f} µs"
        f"（比值 {per[10_000] / per[1_000]:.2f}）"
    )


def _high_water(command: list[str]) -> float:
    """The peak resident memory (MiB) a Python process reports of itself (VmHWM) before it ends."""
    if not Path("/proc/self/status").exists():
        return float("nan")
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=ENV)
    return int(done.stdout.split()[-1]) / 1024


# ---- 5. the rest ------------------------------------------------------------------------------------------


def others(folder: Path, rounds: int) -> None:
    print("5. 其他输入（进程内，带 --trace，中位数）与读报告")
    for data in sorted(INPUTS.glob("*.yaml")):
        out = folder / f"{data.stem}.docx"
        seconds = interleaved({"x": lambda d=data, o=out: pipeline.build(d, out=o, with_trace=True)}, rounds)[
            "x"
        ]
        print(f"  generate {data.name:<18} {ms(seconds)}（{out.stat().st_size // 1024} KiB）")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    seconds = interleaved({"x": lambda: learn.learn([outline(p) for p in seeds])}, max(3, rounds // 4))["x"]
    print(f"  outline + learn {len(seeds)} 份种子报告 {ms(seconds)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and no 1,000-file batch")
    args = parser.parse_args()
    rounds = 7 if args.quick else 21
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        docxtpl = against_docxtpl(folder, rounds * 2)
        cold = cold_start(folder, rounds)  # start-up times vary most: 21 rounds (7 with --quick)
        rate = batch(folder, args.quick)
        size(folder, max(3, rounds // 4))
        others(folder, max(3, rounds // 4))
    print("目标（天门）：")
    print(f"  本项目/docxtpl {docxtpl:.2f}（≤ 0.5：{'达到' if docxtpl <= 0.5 else '未达到'}）")
    print(f"  冷启动比值 {cold:.2f}（≤ 1.5：{'达到' if cold <= 1.5 else '未达到'}）")
    print(f"  batch {rate:.1f} 份/秒（≥ 60：{'达到' if rate >= 60 else '未达到'}）")


if __name__ == "__main__":
    main()
