"""A template folder's config files (issue 21, point 8): a link in place of 样式.yaml, skeleton.yaml,
句式.yaml, 无模板.yaml or 参考表述.yaml is refused before it is opened, as a linked .j2 is, and no line of
the linked file ever appears in a message."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.hangs import fuse
from tests.test_hostile_input import refused

NAMES = ["样式.yaml", "skeleton.yaml", "句式.yaml", "无模板.yaml", "参考表述.yaml"]


@pytest.fixture(autouse=True)
def _fuse() -> Iterator[None]:
    with fuse():
        yield


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "shadow"
    secret.write_text("zhangsan:*:19000:0:99999:7:::\n机密: 口令123\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("name", NAMES)
def test_a_linked_config_file_is_refused_unread(run_cli, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / name).symlink_to(_secret(tmp_path))
    result = run_cli(MINIMAL, "-o", tmp_path / "o.docx", "--templates", folder)
    err = refused(
        result, f"{folder / name}: 不是模板文件夹内的普通文件（可能是链接、文件夹或设备），不予读取"
    )
    assert "zhangsan" not in err and "口令" not in err and "机密" not in err
    assert not (tmp_path / "o.docx").exists()
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code != 0 and "程序内部错误" not in checked.out + checked.err
    assert "zhangsan" not in checked.out + checked.err and "口令" not in checked.out + checked.err


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_a_special_file_in_place_of_a_config_file_is_refused(run_cli, tmp_path: Path, target: str) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    place = folder / "样式.yaml"
    if target == "fifo":
        os.mkfifo(place)
    elif target == "folder":
        place.mkdir()
    else:
        place.symlink_to(target)
    refused(
        run_cli(MINIMAL, "-o", tmp_path / "o.docx", "--templates", folder),
        f"{place}: 不是模板文件夹内的普通文件",
    )


def test_a_linked_county_template_folder_config_is_refused(run_cli, county, tmp_path: Path) -> None:
    (tmp_path / "模板").mkdir()
    (tmp_path / "模板" / "句式.yaml").symlink_to(_secret(tmp_path))
    data = county("模板: 模板\n")
    err = refused(run_cli(data, "-o", tmp_path / "o.docx"), "句式.yaml: 不是模板文件夹内的普通文件")
    assert "zhangsan" not in err
