"""Fuzzing the county files through validate and generate: every input is drafted or refused with
located Chinese messages (exit 0 or 2), never an internal error, never a hang (fixed seed)."""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import UserError
from tests.conftest import INPUTS, MINIMAL, TIANMEN
from tests.fuzzing import mutate

SEED = 20261201
HANG_SECONDS = 20  # a hang detector, not a speed target: one input drafts in milliseconds


@contextmanager
def no_hang(label: str) -> Iterator[None]:
    def expired(_signum: int, _frame: object) -> None:
        raise AssertionError(f"no answer within {HANG_SECONDS} s for {label}")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _inputs(count: int, seed: int) -> Iterator[tuple[int, str]]:
    rng = random.Random(seed)
    sources = [MINIMAL.read_text(encoding="utf-8"), TIANMEN.read_text(encoding="utf-8")]
    for n in range(count):
        yield n, mutate(sources[n % 2], rng)


def test_validate_fuzzed_county_files(tmp_path: Path) -> None:
    outcomes = {"drafted": 0, "refused": 0}
    for n, text in _inputs(300, SEED):
        path = tmp_path / f"fuzz{n}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        with no_hang(f"input {n}"):
            try:
                pipeline.prepare(path)
                outcomes["drafted"] += 1
            except UserError as e:
                outcomes["refused"] += 1
                for problem in e.problems:
                    assert problem.startswith((str(path), "……另有")), (n, problem)
    assert outcomes["drafted"] > 30 and outcomes["refused"] > 30, outcomes  # both paths exercised


@pytest.mark.parametrize("offset", range(2))
def test_generate_fuzzed_county_files_through_the_cli(run_cli, tmp_path: Path, offset: int) -> None:
    for n, text in _inputs(30, SEED + 1 + offset):
        path = tmp_path / f"fuzz{n}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = tmp_path / f"fuzz{n}.docx"
        with no_hang(f"input {n}"):
            result = run_cli(path, "-o", out, "--trace")
        assert result.code in (0, 2), (n, result.err)
        assert "程序内部错误" not in result.err and "Traceback" not in result.err
        if result.code == 2:
            assert not out.exists()
            assert all(line.startswith(str(path)) for line in result.err.splitlines() if line), result.err
        else:
            assert out.exists() and out.with_suffix(".trace.json").exists()
    assert INPUTS.is_dir()
