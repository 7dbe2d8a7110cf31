"""A cache that rots (issue 21, point 4): every entry carries the digest of its bytes, checked before they
reach pickle, marshal or the zip reader. A flipped bit in any kind of cached file (the base document, a
compiled template, the config pickle) only means the entry is made again: the draft is the same, never a
corrupt zip, a crash or a silently different text. Runs are subprocesses: a flip in marshal data can
crash the interpreter itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, docx_texts


def _generate(cache: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MINZHENG_CACHE": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(MINIMAL), "-o", str(out), "--覆盖"],
        check=False,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _entries(cache: Path) -> dict[str, Path]:
    """The largest cached file of each kind."""
    kinds = {"base": "base/*.docx", "template": "templates/*/*.jinja", "config": "config/*.pickle"}
    found = {}
    for kind, pattern in kinds.items():
        files = sorted(cache.glob(pattern), key=lambda p: p.stat().st_size)
        assert files, f"no {kind} entry in the cache"
        found[kind] = files[-1]
    return found


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    cache = tmp_path_factory.mktemp("cache")
    out = cache.parent / "reference.docx"
    first = _generate(cache, out)
    assert first.returncode == 0, first.stderr
    return cache, docx_texts(out)


@pytest.mark.parametrize("kind", ["base", "template", "config"])
@pytest.mark.parametrize("where", [0.0, 0.01, 0.3, 0.6, 0.99])
def test_a_flipped_bit_in_a_cached_file_changes_nothing(
    reference: tuple[Path, list[str]], tmp_path: Path, kind: str, where: float
) -> None:
    source, texts = reference
    cache = tmp_path / "cache"
    subprocess.run(["cp", "-a", str(source), str(cache)], check=True)
    entry = _entries(cache)[kind]
    data = bytearray(entry.read_bytes())
    data[int(where * (len(data) - 1))] ^= 0x10
    entry.write_bytes(bytes(data))
    out = tmp_path / "o.docx"
    result = _generate(cache, out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" or "缓存" not in result.stderr
    assert docx_texts(out) == texts
    again = _generate(cache, out)  # the entry was made again, whole
    assert again.returncode == 0 and docx_texts(out) == texts
    assert _entries(cache)[kind].read_bytes() != bytes(data)


def test_a_truncated_or_emptied_cache_file_is_made_again(
    reference: tuple[Path, list[str]], tmp_path: Path
) -> None:
    source, texts = reference
    cache = tmp_path / "cache"
    subprocess.run(["cp", "-a", str(source), str(cache)], check=True)
    for i, entry in enumerate(_entries(cache).values()):
        entry.write_bytes(entry.read_bytes()[: 100 * i])
    out = tmp_path / "o.docx"
    result = _generate(cache, out)
    assert result.returncode == 0, result.stderr
    assert docx_texts(out) == texts
