"""Writing the draft: atomic, folders created, a hand-edited draft never overwritten."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from docx import Document

from generator import pipeline
from generator.errors import OutputError
from generator.write import files
from tests.conftest import MINIMAL


def test_folder_is_created_and_no_temporary_file_remains(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "draft.docx"
    result = pipeline.build(MINIMAL, out=out)
    assert result.path == out and out.is_file()
    assert [p.name for p in out.parent.iterdir()] == ["draft.docx"]


def test_draft_gets_the_usual_file_permissions(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    pipeline.build(MINIMAL, out=out)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_regenerating_an_untouched_draft_replaces_it(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    pipeline.build(MINIMAL, out=out)
    assert files.is_untouched_draft(out)
    again = pipeline.build(MINIMAL, out=out)
    assert again.path == out and not again.notes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


def test_a_hand_edited_draft_is_kept_and_a_new_name_used(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "draft.docx"
    pipeline.build(MINIMAL, out=out)
    doc = Document(str(out))
    doc.paragraphs[1].add_run("(领导批注:此段再斟酌)")
    doc.save(str(out))
    edited = out.read_bytes()
    assert not files.is_untouched_draft(out)

    result = run_cli(MINIMAL, "-o", out)
    assert result.code == 0
    assert out.read_bytes() == edited, "the edited draft is untouched"
    fresh = tmp_path / "draft（2）.docx"
    assert fresh.is_file()
    assert "手工修改" in result.out and str(fresh) in result.out
    # the next run replaces (2), an untouched draft of ours, instead of piling up (3), (4) …
    result = run_cli(MINIMAL, "-o", out)
    assert f"已生成：{fresh}" in result.out


def test_a_foreign_file_with_the_same_name_is_refused_unless_asked(tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    out.write_bytes(b"not a docx at all")
    with pytest.raises(OutputError, match=r"不是本工具生成的草稿.*--覆盖"):
        pipeline.build(MINIMAL, out=out)
    assert out.read_bytes() == b"not a docx at all"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"], "no temp file, no draft(2)"
    result = pipeline.build(MINIMAL, out=out, overwrite=True)
    assert result.path == out and files.is_untouched_draft(out)
