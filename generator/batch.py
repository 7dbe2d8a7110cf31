"""`generator batch`: draft every county file of a folder (a 市 bureau's counties, or one county's years).

Drafting runs in worker processes; the main process names and writes each draft, so that no two drafts
take the same name and each gets the safety of `generate` (atomic write, a hand-edited draft kept). A file
that fails never stops the others. Knows no terminal: the CLI shows progress and the summary.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import pipeline, templateset
from generator.errors import UserError
from generator.write import files, names, word

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Outcome:
    """What became of one county file."""

    source: Path
    path: Path | None = None  # the draft written
    missing: int = 0  # 【待补充】 left in it
    warnings: int = 0  # 请核对 notes
    references: int = 0  # paragraphs of 参考表述
    error: str | None = None  # the first problem, located
    more: int = 0  # how many problems besides the first
    internal: bool = False  # the error is our bug, not the file's
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Made:
    """A draft made by a worker: its bytes (fingerprinted), the name it asks for, and its counts."""

    source: Path
    data: bytes
    stem: str
    missing: int
    warnings: int
    notes: list[str]
    references: int = 0


def county_files(folder: Path) -> list[Path]:
    """The county data files directly in ``folder``, in name order (hidden files left out)."""
    found = [p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")]
    return sorted(p for p in found if p.is_file())


def default_jobs() -> int:
    """One process per core this process may use."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, len(cores))


def _make(source: Path, references: bool = True, templates: Path | None = None) -> _Made | Outcome:
    """Draft ``source`` up to its finished bytes; every failure becomes an :class:`Outcome`."""
    try:
        draft = pipeline.prepare(source, references=references, templates=templates)
        title = pipeline.title_of(draft)
        doc = word.build(draft.blocks, draft.profile, title=title, author=draft.report.unit)
        files.fingerprint(doc)
        buffer = io.BytesIO()
        doc.save(buffer)
        stem = pipeline.default_output(draft.report).stem
        counts = len(draft.missing), len(draft.warnings)
        return _Made(source, buffer.getvalue(), stem, *counts, draft.notes, len(draft.references))
    except UserError as e:
        return Outcome(source, error=e.problems[0], more=len(e.problems) - 1)
    except Exception as e:  # noqa: BLE001 (one file's crash must not stop the others; reported as ours)
        first = (str(e).splitlines() or [""])[0]
        return Outcome(source, error=f"程序内部错误（{type(e).__name__}：{first}）", internal=True)


def _warm() -> None:
    """Load what every draft needs once, before the workers are forked (each then starts warm)."""
    with contextlib.suppress(UserError):  # a broken built-in set: each file will say so
        word.base_document(templateset.load(None).profile)


class _Claims:
    """Names given out in this run: a second county with the same 单位 and 年度 gets its file's name added."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.taken: set[Path] = set()

    def claim(self, stem: str, source: Path) -> Path:
        for candidate in self._names(stem, source.stem):
            path = names.inside(self.folder, candidate, ".docx")
            if path.resolve() not in self.taken:
                self.taken.add(path.resolve())
                return path
        raise AssertionError("unreachable: _names never ends")

    @staticmethod
    def _names(stem: str, source: str) -> Iterator[str]:
        yield stem
        yield f"{stem}（{source}）"
        yield from (f"{stem}（{source}）（{n}）" for n in itertools.count(2))


def _write(made: _Made, claims: _Claims) -> Outcome:
    try:
        wanted = claims.claim(made.stem, made.source)
        target, note = files.choose_path(wanted, inputs=[made.source])
        claims.taken.add(target.resolve())
        files.write_bytes_atomically(target, made.data)
    except UserError as e:
        return Outcome(made.source, error=e.problems[0], more=len(e.problems) - 1)
    notes = [*made.notes, *([note] if note else [])]
    return Outcome(made.source, target, made.missing, made.warnings, made.references, notes=notes)


@contextlib.contextmanager
def drafting(
    sources: list[Path],
    out: Path,
    *,
    jobs: int = 1,
    references: bool = True,
    templates: Path | None = None,
) -> Iterator[Iterator[Outcome]]:
    """The outcome of each file of ``sources``, drafted into the folder ``out``, in the order given
    (``references``: write 参考表述 where a county gave no plan, as `generate` does; ``templates``: an
    office's template folder over the built-ins, as `generate --templates`).

    With ``jobs`` > 1 the worker processes start on entry, and the caller must run no other thread then
    (a progress bar's, say): a process forked while another thread holds a lock can hang on it.
    """
    claims = _Claims(out)
    make = functools.partial(_make, references=references, templates=templates)
    if jobs <= 1 or len(sources) <= 1:
        yield (_finish(made, claims) for made in map(make, sources))
        return
    # fork: the workers start with the templates, models and base document already loaded
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    _warm()
    pool = multiprocessing.get_context(method).Pool(min(jobs, len(sources)))
    try:
        yield (_finish(made, claims) for made in pool.imap(make, sources, chunksize=4))
    except BaseException:
        pool.terminate()
        raise
    pool.close()  # every task is done: let the workers end (terminate() can hang on a busy queue)
    pool.join()


def _finish(made: _Made | Outcome, claims: _Claims) -> Outcome:
    return made if isinstance(made, Outcome) else _write(made, claims)


def run(sources: list[Path], out: Path, *, jobs: int = 1, references: bool = True) -> list[Outcome]:
    """Draft every file of ``sources`` into the folder ``out``."""
    with drafting(sources, out, jobs=jobs, references=references) as outcomes:
        return list(outcomes)
