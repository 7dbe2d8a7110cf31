"""Special files (issue 21, point 2): every input is opened as a regular file with a size cap before a
byte is read, so a FIFO, /dev/zero, a device or a folder (or a link to one) is refused with a message;
an output path taken by a FIFO is never opened to look at it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, TIANMEN
from tests.hangs import fuse
from tests.test_hostile_input import refused


@pytest.fixture(autouse=True)
def _fuse() -> Iterator[None]:
    with fuse():
        yield


def _special(tmp_path: Path, kind: str, suffix: str) -> Path:
    path = tmp_path / f"{kind}{suffix}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


KINDS = {
    "fifo": "这是一个管道（FIFO），不是保存在磁盘上的普通文件",
    "zero": "这是一个设备",
    "folder": "这是一个文件夹",
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("suffix", [".yaml", ".docx", ".txt", ".xlsx"])
def test_a_special_file_as_input_is_refused_unread(run_cli, tmp_path: Path, kind: str, suffix: str) -> None:
    path = _special(tmp_path, kind, suffix)
    county = tmp_path / "县.yaml"
    shutil.copy(MINIMAL, county)
    before = county.read_bytes()
    runs = {
        ".yaml": [("validate", path), (county, "--上年", path, "-o", tmp_path / "o.docx")],
        ".docx": [("outline", path), ("init", "某县", "2025", "--从", path, "-o", tmp_path / "n.yaml")],
        ".txt": [("outline", path), ("compare", TIANMEN, path)],
        ".xlsx": [
            ("fill", county, "--季报", path),
            ("init", "某县", "2025", "--季报", path, "-o", tmp_path / "m.yaml"),
        ],
    }[suffix]
    for args in runs:
        refused(run_cli(*args, maintainer=args[0] != county), f"{path}: {KINDS[kind]}")
    if suffix == ".yaml" and kind != "folder":
        refused(run_cli(path, "-o", tmp_path / "o.docx"), f"{path}: {KINDS[kind]}")
    assert county.read_bytes() == before
    assert not [
        p for p in tmp_path.iterdir() if p != path and (p.suffix == ".docx" or p.name in ("n.yaml", "m.yaml"))
    ]


@pytest.mark.parametrize("place", ["draft", "default draft", "trace", "schema", "pdf"])
def test_a_fifo_where_an_output_goes_is_refused_not_opened(
    run_cli, tmp_path: Path, monkeypatch, place: str
) -> None:
    monkeypatch.chdir(tmp_path)
    draft = tmp_path / "o.docx"
    if place == "draft":
        os.mkfifo(draft)
        refused(run_cli(MINIMAL, "-o", draft), f"{draft}: 文件已存在，且不是本工具生成的草稿")
    elif place == "default draft":
        (tmp_path / "outputs").mkdir()
        fifo = tmp_path / "outputs" / "示例县民政局2024年工作总结及2025年工作计划.docx"
        os.mkfifo(fifo)
        refused(run_cli(MINIMAL), "文件已存在，且不是本工具生成的草稿")
    elif place == "trace":
        os.mkfifo(tmp_path / "o.trace.json")
        refused(
            run_cli(MINIMAL, "-o", draft, "--trace"), "o.trace.json: 文件已存在，且不是本命令以前写出的文件"
        )
        assert not draft.exists()
    elif place == "pdf":  # --pdf's guard read the file it found there: a FIFO hung the run
        os.mkfifo(tmp_path / "o.pdf")
        refused(run_cli(MINIMAL, "-o", draft, "--pdf"), "o.pdf: PDF 文件已存在，且不是本工具以前写出的")
        assert not draft.exists()
    else:
        os.mkfifo(tmp_path / "schema.json")
        refused(
            run_cli("schema", "-o", tmp_path / "schema.json", maintainer=True),
            "文件已存在，且不是本命令以前写出的文件",
        )


def test_a_file_growing_past_the_cap_is_refused(tmp_path: Path) -> None:
    from generator.data import inputfile

    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 11)
    with pytest.raises(inputfile.TooLarge):
        inputfile.read_regular(path, str(path), 10)
    assert inputfile.read_regular(path, str(path), 11) == b"x" * 11
