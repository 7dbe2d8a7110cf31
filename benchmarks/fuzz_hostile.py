"""Hostile mutations for the long fuzz (issue 21): alias loops and floods, character floods, special files
as inputs and outputs, a rotting cache and .xlsx structure, each run through the real command in a
subprocess with a timeout. Counts internal errors, hangs, drafts that differ where they must not, and
input files changed by a run that should not write them.

    python benchmarks/fuzz.py --in-process 0 --cli 0 --hostile 200
"""

from __future__ import annotations

import io
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "inputs" / "示例.yaml"
KINDS = ("alias", "flood", "special", "cache", "xlsx")


def run_generator(
    args: list[str],
    cache: Path | None = None,
    timeout: int = 90,
    *,
    cwd: Path = ROOT,
    memory: int | None = None,
) -> tuple[int | None, str]:
    """`generator ARGS` in a subprocess: its exit code (None on a timeout) and what it said. ``memory``:
    bytes of address space, so that a blow-up fails fast (MemoryError) instead of swapping."""
    env = {**os.environ, "MINZHENG_CACHE": str(cache) if cache else ""}

    def limit() -> None:  # pragma: no cover - runs in the child
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
            env=env,
            cwd=cwd,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return None, ""
    return done.returncode, done.stderr + done.stdout


def _alias(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    choice = rng.randrange(4)
    if choice == 0:  # a loop somewhere
        extra = rng.choice(["x: &a [*a]", "x: &a {k: *a}", "x: &a {<<: *a}", "? &a [*a]\n: 1"])
    elif choice == 1:  # laughs of random width and depth
        width, depth = rng.randint(2, 12), rng.randint(3, 12)
        extra = "l0: &l0 [1, 2]\n" + "\n".join(
            f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, depth)
        )
    elif choice == 2:  # an anchor on an existing value, aliased elsewhere
        i = rng.randrange(len(lines))
        lines[i] = re.sub(r": (\S)", r": &z \1", lines[i], count=1)
        extra = "备注: *z"
    else:  # an alias to an anchor not yet defined
        extra = "x: *nowhere"
    lines.insert(rng.randrange(len(lines) + 1) if rng.random() < 0.3 else len(lines), extra)
    return "\n".join(lines)


def _flood(text: str, rng: random.Random) -> str:
    char = rng.choice(["\v", "\x01", "\u200b", "\f", "\u2028", "\ue000", "\v\n"])
    count = rng.choice([1, 100, 10_000, 300_000])
    at = rng.randrange(len(text))
    return text[:at] + char * count + text[at:]


def _special(work: Path, rng: random.Random) -> list[str]:
    target = work / rng.choice(["in.yaml", "in.docx", "in.xlsx", "in.txt"])
    kind = rng.choice(["fifo", "zero", "folder", "urandom"])
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(f"/dev/{kind}")
    county = work / "县.yaml"
    out = work / "o.docx"
    if rng.random() < 0.3:  # the output path taken instead
        out.unlink(missing_ok=True)
        os.mkfifo(out)
        return ["generate", str(county), "-o", str(out), *(["--trace"] if rng.random() < 0.5 else [])]
    return rng.choice(
        [
            ["validate", str(target)],
            ["outline", str(target)],
            ["generate", str(county), "--上年", str(target), "-o", str(work / "p.docx")],
            ["init", "某县", "2025", "--从", str(target), "-o", str(work / "n.yaml")],
            ["fill", str(county), "--季报", str(target)],
            ["compare", str(MINIMAL), str(target)],
        ]
    )


def _xlsx(work: Path, rng: random.Random) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.quarterly_sheets import write_sheet

    path = write_sheet(work / "季报.xlsx", period="2024年12月")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet]
    choice = rng.randrange(6)
    if choice == 0:
        ref = f"{rng.choice(['A', 'Z', 'GR', 'GS', 'XFD'])}{rng.choice([1, 100, 5000, 5001, 1048576])}"
        xml = xml.replace(
            b"</sheetData>",
            f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode(),
        )
    elif choice == 1:
        ref = rng.choice(["A100:XFD1048576", "A1:XFD1", "Z9:A1", "A1:A1", "B2:C1048576"])
        xml = (
            xml.replace(
                b"<mergeCells", f'<mergeCells><mergeCell ref="{ref}"/></mergeCells><mergeCells'.encode(), 1
            )
            if b"<mergeCells" in xml
            else xml
        )
    elif choice == 2:
        parts[rng.choice(list(parts))] = b'<!DOCTYPE x [<!ENTITY a "b">]>' + xml
    elif choice == 3:
        parts["xl/sharedStrings.xml"] = (
            b"<sst><si><t>" + b"A" * rng.choice([10, 30_000_000]) + b"</t></si></sst>"
        )
    elif choice == 4:  # bytes flipped in the sheet XML
        data = bytearray(xml)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        xml = bytes(data)
    parts[sheet] = xml
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    if choice == 5:  # bytes flipped in the package itself
        for _ in range(rng.randint(1, 10)):
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(raw))
    return path


def _texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _case(
    kind: str, work: Path, county: Path, cache: Path, rng: random.Random
) -> tuple[list[str], Path | None]:
    """The command of one hostile run of ``kind``, and the cache it uses (None: none)."""
    use_cache = None
    if kind in ("alias", "flood"):
        mutate = _alias if kind == "alias" else _flood
        county.write_text(mutate(MINIMAL.read_text(encoding="utf-8"), rng), encoding="utf-8")
        args = rng.choice([["validate", str(county)], ["generate", str(county), "-o", str(work / "o.docx")]])
    elif kind == "special":
        args = _special(work, rng)
    elif kind == "cache":
        use_cache = cache
        entries = [p for p in cache.rglob("*") if p.is_file()]
        victim = rng.choice(entries)
        data = bytearray(victim.read_bytes())
        for _ in range(rng.randint(1, 3)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data) + 1)]
        victim.write_bytes(bytes(data))
        args = ["generate", str(MINIMAL), "-o", str(work / "o.docx")]
    else:
        args = ["fill", str(county), "--季报", str(_xlsx(work, rng))]
    return args, use_cache


def run(cases: int, out: Path, rng: random.Random) -> dict[str, int]:
    """``cases`` hostile runs; returns the counts (and prints each failure, its input kept under ``out``)."""
    counts: Counter[str] = Counter()
    cache = out / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(mode=0o700, parents=True)
    reference = out / "reference.docx"
    code, said = run_generator(["generate", str(MINIMAL), "-o", str(reference), "--覆盖"], cache)
    assert code == 0, said
    expected = _texts(reference)
    for n in range(cases):
        kind = KINDS[n % len(KINDS)]
        work = out / f"h{n}-{kind}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        county = work / "县.yaml"
        shutil.copy(MINIMAL, county)
        args, use_cache = _case(kind, work, county, cache, rng)
        before = county.read_bytes()
        code, said = run_generator(args, use_cache)
        counts[f"{kind}:{'hang' if code is None else code}"] += 1
        bad = None
        if code is None:
            bad = "hang"
        elif code not in (0, 2) or "程序内部错误" in said or "Traceback" in said:
            bad = "internal"
        elif kind == "cache" and (code != 0 or _texts(work / "o.docx") != expected):
            bad = "cache changed the draft"
        elif (args[0] != "fill" or code != 0) and county.read_bytes() != before:
            bad = "input changed"
        if bad:
            counts[bad] += 1
            print(f"{bad}: {work} {args[0]} → {code} {said[:300]!r}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return dict(counts)
