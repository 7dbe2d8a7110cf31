"""The per-user cache (compiled templates, the styled base document, validated config, the catalogue): the
same drafts with it cold, warm or broken, and never used when others could write to it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import cache
from tests.conftest import ROOT, TIANMEN


def _generate(out: Path, cache_dir: str) -> None:
    env = {**os.environ, "MINZHENG_CACHE": cache_dir}
    code = "import sys; from generator.cli import generate_main; sys.argv[0] = 'generate'; generate_main()"
    command = [sys.executable, "-c", code, str(TIANMEN), "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)


# What differs between two runs by design: the time of drafting, and the fingerprint that covers it.
_RUN_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>|<dc:identifier>)[^<]*")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["docProps/core.xml"] = _RUN_STAMPS.sub(rb"\1", parts["docProps/core.xml"])
    return parts


def test_cold_warm_broken_and_no_cache_give_the_same_draft(tmp_path: Path) -> None:
    kept = tmp_path / "cache"
    _generate(tmp_path / "cold.docx", str(kept))
    assert {p.name for p in kept.iterdir()} == {"templates", "base", "config", "catalogue"}
    _generate(tmp_path / "warm.docx", str(kept))
    for path in kept.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00garbage")
    _generate(tmp_path / "broken.docx", str(kept))
    _generate(tmp_path / "none.docx", "")
    drafts = [_parts(tmp_path / f"{name}.docx") for name in ("cold", "warm", "broken", "none")]
    assert all(d == drafts[0] for d in drafts)


def test_a_cache_folder_others_can_write_to_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("MINZHENG_CACHE", str(shared))
    assert cache.folder("templates") is None
    shared.chmod(0o700)
    assert cache.folder("templates") == shared / "templates"
    (shared / "templates").chmod(0o775)
    assert cache.folder("templates") is None


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINZHENG_CACHE", "")
    assert cache.root() is None and cache.folder("base") is None


def test_remembered_values_come_back_and_broken_ones_are_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MINZHENG_CACHE", str(tmp_path))
    calls: list[int] = []

    def make() -> dict[str, int]:
        calls.append(1)
        return {"值": len(calls)}

    assert cache.remembered("test", "key", make) == {"值": 1}
    assert cache.remembered("test", "key", make) == {"值": 1} and len(calls) == 1
    (tmp_path / "test" / "key.pickle").write_bytes(b"not a pickle")
    assert cache.remembered("test", "key", make) == {"值": 2}
    assert cache.remembered("test", "other", make) == {"值": 3}


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_cache_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINZHENG_CACHE", str(tmp_path / "c"))
    cache.remembered("test", "key", lambda: 1)
    for path in (tmp_path / "c", tmp_path / "c" / "test"):
        assert path.stat().st_mode & 0o077 == 0
