"""Structural mutations of real .xlsx and .docx files for the long fuzz (issue 21, "Done when"): zip entries
removed, duplicated or truncated, XML bytes flipped, huge dimensions, DTDs, deep nesting, zip bombs, an
unknown compression method, the encryption flag, the package truncated or not a zip at all. Each mutated
file goes through a real command in a subprocess with a timeout and a memory limit:

- a 季报 (.xlsx, from tests/quarterly_sheets.py): ``fill 县.yaml --季报`` and ``init --季报``;
- a report (.docx: a draft of inputs/示例.yaml, or a seeds/ report typed into Word's shape):
  ``init --从``, ``outline``, ``learn`` (a folder with it and a sound report) and ``compare`` (as either
  side).

Counted: exit codes, internal errors (exit 1 「程序内部错误」, another code, a traceback), hangs (timeout)
and files changed that the run did not write (every file in the run's folder hashed before and after; the
declared outputs excepted, and only when the run exits 0; a file left behind that the run did not declare
counts too).

    python benchmarks/fuzz.py --in-process 0 --cli 0 --hostile 0 --office 500
"""

from __future__ import annotations

import hashlib
import io
import random
import shutil
import struct
import sys
import warnings
import zipfile
from collections import Counter
from pathlib import Path

from benchmarks.fuzz_hostile import run_generator

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "inputs" / "示例.yaml"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TIMEOUT = 90  # seconds; a sound run of any of these commands takes 1–5 s on a loaded 2-core box
MEMORY = 3 * 1024**3  # bytes of address space: a blow-up fails fast (MemoryError) instead of swapping

MUTATIONS = (
    "remove",
    "duplicate",
    "truncate-part",
    "flip-xml",
    "huge",
    "dtd",
    "nesting",
    "bomb",
    "compression",
    "encrypted",
    "truncate-file",
    "flip-package",
    "not-zip",
    "swap",
)


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _pack(parts: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)  # the point of "duplicate"
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return buffer.getvalue()


def _central(raw: bytearray) -> list[tuple[int, int]]:
    """(central entry offset, local header offset) of each member, from the end-of-directory record."""
    end = raw.rfind(b"PK\x05\x06")
    count, _size, start = struct.unpack_from("<HII", raw, end + 10)
    out, at = [], start
    for _ in range(count):
        name, extra, comment = struct.unpack_from("<HHH", raw, at + 28)
        (local,) = struct.unpack_from("<I", raw, at + 42)
        out.append((at, local))
        at += 46 + name + extra + comment
    return out


def _patch_headers(raw: bytes, rng: random.Random, *, flag: int = 0, method: int | None = None) -> bytes:
    """Set ``flag`` bits and/or the compression ``method`` of one member (or all) in both headers."""
    data = bytearray(raw)
    entries = _central(data)
    chosen = entries if rng.random() < 0.3 else [rng.choice(entries)]
    for central, local in chosen:
        for flags_at in (central + 8, local + 6):
            (flags,) = struct.unpack_from("<H", data, flags_at)
            struct.pack_into("<H", data, flags_at, flags | flag)
            if method is not None:
                struct.pack_into("<H", data, flags_at + 2, method)
    return bytes(data)


def _main_part(parts: list[tuple[str, bytes]], kind: str) -> int:
    want = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
    return next(i for i, (name, _) in enumerate(parts) if name == want)


def _huge(xml: bytes, kind: str, rng: random.Random) -> bytes:
    if kind == "xlsx":
        choice = rng.choice(
            [
                (b"<dimension ref=", b'<dimension ref="A1:XFD1048576"/><x ref='),
                (b"<sheetData>", b'<cols><col min="1" max="16384" width="9"/></cols><sheetData>'),
                (b"<sheetData>", b'<sheetData><row r="1048576" spans="1:16384"><c r="XFD1048576"><v>1</v></c></row>'),
                (b"</sheetData>", b'<row r="4999">' + b'<c r="A4999"><v>1</v></c>' * 50_000 + b"</row></sheetData>"),
                (b"</sheetData>", b'<row r="9999999"><c r="A9999999"><v>1</v></c></row></sheetData>'),
                (b"</sheetData>", b'<row r="10"><c r="A10"><v>' + b"9" * 400_000 + b"</v></c></row></sheetData>"),
            ]
        )  # fmt: skip
    else:
        choice = rng.choice(
            [
                (b"<w:body>", b'<w:body><w:tbl><w:tblGrid><w:gridCol w:w="999999999"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'),
                (b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:p>" * 200_000),
                (b"<w:body>", b'<w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="2147483647"/><w:numId w:val="-1"/></w:numPr><w:outlineLvl w:val="99999"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'),
                (b"<w:body>", b"<w:body><w:p><w:r><w:t>" + "二〇二四年".encode() * 200_000 + b"</w:t></w:r></w:p>"),
                (b"<w:body>", b"<w:body><w:p><w:r>" + b"<w:br/>" * 300_000 + b"</w:r></w:p>"),
            ]
        )  # fmt: skip
    return xml.replace(choice[0], choice[1], 1) if choice[0] in xml else choice[1] + xml


Parts = list[tuple[str, bytes]]
LAUGHS = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
DTDS = [
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    LAUGHS,
    b'<!DOCTYPE x SYSTEM "file:///etc/passwd">',
    b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x"> %p;]>',
]
NOT_ZIP = [
    b"",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000,  # an old .doc/.xls (OLE)
    "去年的报告\n一、工作总结\n".encode("gbk"),
    b"PK\x05\x06" + b"\0" * 18,  # an empty zip
    b"{\\rtf1 x}",
    b"%PDF-1.4\n",
]


def _pick(parts: Parts, main: int, rng: random.Random, bias: float = 0.5) -> int:
    return main if rng.random() < bias else rng.randrange(len(parts))


def _remove(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    del parts[_pick(parts, main, rng, 0.4)]


def _duplicate(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    name, body = parts[_pick(parts, main, rng)]
    if rng.random() < 0.5:  # a second, different copy
        body = body[: rng.randrange(len(body) + 1)]
    parts.insert(rng.randrange(len(parts) + 1), (name, body))


def _truncate_part(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    i = _pick(parts, main, rng)
    name, body = parts[i]
    parts[i] = (name, body[: rng.randrange(len(body) + 1)])


def _flip_xml(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    i = _pick(parts, main, rng, 0.6)
    name, body = parts[i]
    buf = bytearray(body)
    for _ in range(rng.randint(1, 30)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.choice([rng.randrange(256), *b"<>&\"'/=\x00"])
    parts[i] = (name, bytes(buf))


def _huge_part(parts: Parts, main: int, kind: str, rng: random.Random) -> None:
    name, body = parts[main]
    parts[main] = (name, _huge(body, kind, rng))


def _dtd(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    i = _pick(parts, main, rng)
    name, body = parts[i]
    dtd = rng.choice(DTDS)
    if body.startswith(b"<?xml"):
        end = body.find(b"?>") + 2
        body = body[:end] + dtd + body[end:]
    else:
        body = dtd + body
    if dtd is LAUGHS:  # used in the text, as a billion-laughs file would
        body = body.replace(b"<w:t>", b"<w:t>&d;", 1).replace(b"<v>", b"<v>&d;", 1)
    parts[i] = (name, body)


def _nesting(parts: Parts, main: int, kind: str, rng: random.Random) -> None:
    name, body = parts[main]
    depth = rng.choice([1000, 100_000, 1_000_000])
    tag = b"w:sdtContent" if kind == "docx" else b"x"
    deep = (b"<" + tag + b">") * depth + (b"</" + tag + b">") * depth
    at = b"<w:body>" if kind == "docx" else b"<sheetData>"
    parts[main] = (name, body.replace(at, at + deep, 1))


def _bomb(parts: Parts, main: int, _kind: str, rng: random.Random) -> None:
    i = _pick(parts, main, rng)
    name, body = parts[i]
    pad = b" " * rng.choice([60_000_000, 300_000_000])
    parts[i] = (name, body[:-1] + pad + body[-1:] if body else pad)


def _nothing(parts: Parts, main: int, kind: str, rng: random.Random) -> None:
    pass


PART_MUTATIONS = {
    "remove": _remove,
    "duplicate": _duplicate,
    "truncate-part": _truncate_part,
    "flip-xml": _flip_xml,
    "huge": _huge_part,
    "dtd": _dtd,
    "nesting": _nesting,
    "bomb": _bomb,
}


def _raw(how: str, raw: bytes, rng: random.Random) -> bytes:
    """The package-level mutations, on the zip's own bytes."""
    if how == "compression":
        return _patch_headers(raw, rng, method=rng.choice([1, 6, 9, 12, 14, 95, 98, 99, 65535]))
    if how == "encrypted":
        return _patch_headers(raw, rng, flag=rng.choice([0x1, 0x41, 0x2000, 0x1 | 0x8]))
    if how == "truncate-file":
        return raw[: rng.randrange(len(raw))]
    if how == "flip-package":
        buf = bytearray(raw)
        for _ in range(rng.randint(1, 12)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        return bytes(buf)
    return raw


def mutate(data: bytes, kind: str, rng: random.Random) -> tuple[str, bytes]:
    """One structural mutation of the package ``data`` (an .xlsx or .docx); returns its name and bytes
    (for "swap", empty: the caller puts the other kind of package under this name)."""
    how = rng.choice(MUTATIONS)
    if how == "not-zip":
        return how, rng.choice(NOT_ZIP)
    if how == "swap":
        return how, b""
    parts = _parts(data)
    PART_MUTATIONS.get(how, _nothing)(parts, _main_part(parts, kind), kind, rng)
    raw = _pack(parts, zipfile.ZIP_STORED if how == "compression" else zipfile.ZIP_DEFLATED)
    return how, _raw(how, raw, rng)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _bases(out: Path) -> dict[str, bytes]:
    """The sound files mutated: a 季报, a draft and a seeds/ report saved by python-docx."""
    sys.path.insert(0, str(ROOT))
    from docx import Document

    from tests.quarterly_sheets import write_sheet

    out.mkdir(parents=True, exist_ok=True)
    sheet = write_sheet(out / "季报.xlsx", period="2024年12月")
    draft = out / "draft.docx"
    code, said = run_generator(
        ["generate", str(MINIMAL), "-o", str(draft), "--覆盖"], timeout=TIMEOUT, memory=MEMORY, cwd=out
    )
    assert code == 0, said
    report = Document()
    for n, line in enumerate(SEEDS[0].read_text(encoding="utf-8").splitlines()):
        if line.strip():
            report.add_paragraph(line, style="Heading 1" if n == 0 else None)
    report.save(str(out / "report.docx"))
    return {
        "xlsx": sheet.read_bytes(),
        "draft": draft.read_bytes(),
        "report": (out / "report.docx").read_bytes(),
    }


def _command(
    kind: str, work: Path, target: Path, sound: Path, rng: random.Random
) -> tuple[list[str], set[str]]:
    """The command for the mutated ``target`` and the files (names in ``work``) it may write."""
    county = work / "县.yaml"
    if kind == "xlsx":
        if rng.random() < 0.7:
            return ["fill", str(county), "--季报", str(target)], {"县.yaml"}
        return ["init", "某县", "2024", "--季报", str(target), "-o", str(work / "n.yaml")], {
            "n.yaml",
            "民政年报.schema.json",
        }
    choice = rng.randrange(5)
    if choice == 0:
        return ["init", "某县", "2025", "--从", str(target), "-o", str(work / "n.yaml")], {
            "n.yaml",
            "民政年报.schema.json",
        }
    if choice == 1:
        return ["outline", str(target), *(["--json"] if rng.random() < 0.5 else [])], set()
    if choice == 2:
        folder = work / "报告"
        folder.mkdir()
        shutil.move(target, folder / target.name)
        shutil.copy(SEEDS[1], folder / SEEDS[1].name)
        return ["learn", str(folder), "-o", str(work / "sk.yaml")], {"sk.yaml"}
    if choice == 3:
        return ["compare", str(sound), str(target)], set()
    return ["compare", str(target), str(SEEDS[0])], set()


def run(cases: int, out: Path, rng: random.Random) -> dict[str, int]:
    """``cases`` mutated-package runs; returns the counts (each failure printed, its folder kept)."""
    counts: Counter[str] = Counter()
    bases = _bases(out / "bases")
    for n in range(cases):
        kind = "xlsx" if n % 2 == 0 else "docx"
        base = "xlsx" if kind == "xlsx" else rng.choice(["draft", "report"])
        how, data = mutate(bases[base], kind, rng)
        if how == "swap":
            data = bases["draft"] if kind == "xlsx" else bases["xlsx"]
        work = out / f"o{n}-{kind}-{how}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        shutil.copy(MINIMAL, work / "县.yaml")
        (work / "sound.docx").write_bytes(bases["draft"])
        target = work / f"m.{kind}"
        target.write_bytes(data)
        args, writes = _command(kind, work, target, work / "sound.docx", rng)
        before = _snapshot(work)
        code, said = run_generator(args, timeout=TIMEOUT, memory=MEMORY, cwd=work)
        after = _snapshot(work)
        may = writes if code == 0 else set()  # a refused run writes nothing
        changed = sorted(
            name
            for name in before.keys() | after.keys()
            if before.get(name) != after.get(name) and name not in may
        )
        counts[f"{args[0]}:{'hang' if code is None else code}"] += 1
        counts[f"mutation:{how}"] += 1
        bad = None
        if code is None:
            bad = "hang"
        elif code not in (0, 2) or "程序内部错误" in said or "Traceback" in said:
            bad = "internal"
        elif changed:
            bad = "files changed"
        if bad:
            counts[bad] += 1
            print(f"{bad}: {work} {' '.join(args[:1])} → {code} {changed} {said[-400:]!r}", flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return dict(counts)
