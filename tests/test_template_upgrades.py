"""Upgrades announced: a copied built-in file names its source and version, check-templates reports copies
whose built-in has changed since, `generator 模板 对比` shows the change, and figures renamed upstream get
the same 「已改名」 notices in templates as in data files (and `generator 模板 更新` rewrites them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.office import upgrades
from generator.templateset import builtin_templates
from tests.conftest import BASE, TIANMEN, docx_texts


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return tmp_path / "办公室模板"


def _pretend_copied_from(office: Path, name: str, old_text: str) -> None:
    """Make the office's copy of ``name`` one taken when the built-in read ``old_text`` (as if the built-in
    had changed since): its header's version and the kept original."""
    path = office / name
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    path.write_text(header.replace(upgrades.version(body), upgrades.version(old_text)) + "\n" + body, "utf-8")
    kept = json.loads((office / upgrades.ORIGINALS).read_text(encoding="utf-8"))
    kept[name] = {"版本": upgrades.version(old_text), "原文": old_text}
    (office / upgrades.ORIGINALS).write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")


def test_copy_writes_a_header_naming_source_and_version(run_cli, office: Path) -> None:
    result = run_cli("模板", "复制", "总结/社会救助.j2", "--到", office, maintainer=True)
    assert result.code == 0, result.err
    builtin = (builtin_templates() / "总结" / "社会救助.j2").read_text(encoding="utf-8")
    header, _, body = (office / "总结" / "社会救助.j2").read_text(encoding="utf-8").partition("\n")
    assert body == builtin
    assert "复制自内置模板 总结/社会救助.j2" in header and upgrades.version(builtin) in header
    assert header.startswith("{#") and header.endswith("#}")
    assert run_cli("模板", "对比", office / "总结" / "社会救助.j2", maintainer=True).out.endswith(
        "没有改过\n"
    )
    checked = run_cli("check-templates", office, maintainer=True)
    assert checked.code == 0 and "内置模板此后已改" not in checked.out


def test_copy_never_overwrites_and_names_the_closest_builtin(run_cli, office: Path) -> None:
    assert run_cli("模板", "复制", "总结/社会救助.j2", "--到", office, maintainer=True).code == 0
    mine = office / "总结" / "社会救助.j2"
    mine.write_text(mine.read_text(encoding="utf-8") + "本办公室的一句话。\n", encoding="utf-8")
    again = run_cli("模板", "复制", "总结/社会救助.j2", "--到", office, maintainer=True)
    assert again.code == 2 and "文件已存在" in again.err and "--覆盖" in again.err
    assert "本办公室的一句话。" in mine.read_text(encoding="utf-8")
    wrong = run_cli("模板", "复制", "总结/社会求助.j2", "--到", office, maintainer=True)
    assert wrong.code == 2 and "是否想写：总结/社会救助.j2" in wrong.err


def test_copies_draft_exactly_as_the_builtins(run_cli, office: Path, tmp_path: Path) -> None:
    for name in ("report.j2", "_宏.j2", "总结/社会救助.j2", "计划/养老服务.j2", "句式.yaml"):
        assert run_cli("模板", "复制", name, "--到", office, maintainer=True).code == 0
    plain, copied = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run_cli(TIANMEN, "-o", plain).code == 0
    assert run_cli(TIANMEN, "-o", copied, "--templates", office).code == 0
    assert docx_texts(plain) == docx_texts(copied)


def test_a_changed_report_j2_is_reported_and_diffed(run_cli, office: Path) -> None:
    assert run_cli("模板", "复制", "report.j2", "--到", office, maintainer=True).code == 0
    now = (builtin_templates() / "report.j2").read_text(encoding="utf-8")
    signature = next(line for line in now.splitlines() if "落款" in line and not line.startswith("{#"))
    old = now.replace(signature, "@落款 旧的落款写法", 1)
    _pretend_copied_from(office, "report.j2", old)
    checked = run_cli("check-templates", office, maintainer=True)
    assert checked.code == 0
    assert (
        f"警告: {office / 'report.j2'}：复制自内置模板 report.j2 的 {upgrades.version(old)} 版" in checked.out
    )
    assert "内置模板此后已改" in checked.out and "generator 模板 对比" in checked.out
    diff = run_cli("模板", "对比", office / "report.j2", maintainer=True)
    assert diff.code == 0
    assert "--- 内置 report.j2（" in diff.out and "复制时）" in diff.out
    assert "\n-@落款 旧的落款写法\n" in diff.out and f"\n+{signature}\n" in diff.out
    merged = run_cli("模板", "对比", office / "report.j2", "--已合并", maintainer=True)
    assert merged.code == 0
    assert "内置模板此后已改" not in run_cli("check-templates", office, maintainer=True).out


def test_diff_of_a_file_not_copied_by_the_tool_says_so(run_cli, office: Path) -> None:
    (office / "总结").mkdir(parents=True)
    (office / "总结" / "社会救助.j2").write_text("{{ 指标.段落() }}\n", encoding="utf-8")
    result = run_cli("模板", "对比", office / "总结" / "社会救助.j2", maintainer=True)
    assert result.code == 2 and "用 generator 模板 复制 复制的文件才能对比" in result.err


RENAMED = """\
{% if 指标.有("孤儿基本生活保障标准") %}
散居孤儿基本生活保障标准达到{{ 指标.孤儿基本生活保障标准 }}。
{% endif %}
{{ 指标.段落() }}
"""

CHILDREN = """\
总结:
  儿童福利:
    指标:
      散居孤儿保障标准: 2124
"""


def test_renamed_figures_in_templates_are_noticed_and_still_work(
    run_cli, office: Path, tmp_path: Path
) -> None:
    (office / "总结").mkdir(parents=True)
    (office / "总结" / "儿童福利.j2").write_text(RENAMED, encoding="utf-8")
    data = tmp_path / "县.yaml"
    data.write_text(BASE + CHILDREN, encoding="utf-8")
    out = tmp_path / "县.docx"
    result = run_cli(data, "-o", out, "--templates", office)
    assert result.code == 0, result.err
    assert any(
        "散居孤儿基本生活保障标准达到每人每月2124元。" in p for p in docx_texts(out)
    )  # 有("旧名") holds
    where = office / "总结" / "儿童福利.j2"
    notice = f"{where}:1: 「孤儿基本生活保障标准」已改名为「散居孤儿保障标准」，仍可使用；建议改用新名"
    assert f"注意：{notice}" in result.out
    assert f"注意：{where}:2: 「孤儿基本生活保障标准」已改名" in result.out
    checked = run_cli("check-templates", office, maintainer=True)
    assert f"警告: {notice}" in checked.out and f"generator 模板 更新 {office}" in checked.out


def test_update_rewrites_renamed_figures(run_cli, office: Path, tmp_path: Path) -> None:
    (office / "总结").mkdir(parents=True)
    (office / "总结" / "儿童福利.j2").write_text(RENAMED, encoding="utf-8")
    result = run_cli("模板", "更新", office, maintainer=True)
    assert result.code == 0
    assert "改写了 2 处" in result.out
    text = (office / "总结" / "儿童福利.j2").read_text(encoding="utf-8")
    assert text == RENAMED.replace('孤儿基本生活保障标准"', '散居孤儿保障标准"').replace(
        "指标.孤儿基本生活保障标准", "指标.散居孤儿保障标准"
    )
    assert "已改名" not in run_cli("check-templates", office, maintainer=True).out
    data = tmp_path / "县.yaml"
    data.write_text(BASE + CHILDREN, encoding="utf-8")
    out = tmp_path / "县.docx"
    assert run_cli(data, "-o", out, "--templates", office).code == 0
    assert any("散居孤儿基本生活保障标准达到每人每月2124元。" in p for p in docx_texts(out))
    assert "没有用旧名的指标" in run_cli("模板", "更新", office, maintainer=True).out


def test_the_template_commands_help_shows_their_names(run_cli) -> None:
    """Typer sized the name column by characters: the two-cell Chinese names were cut to 「…」."""
    result = run_cli("模板", "--help", maintainer=True)
    assert result.code == 0
    rows = [line for line in result.out.splitlines() if "内置模板" in line or "新名" in line]
    for name in ("复制", "对比", "更新"):
        assert any(f"│ {name}  " in row for row in rows), result.out
    assert "…  " not in result.out


def _pretend_rewritten_from(office: Path, name: str, old_blocks: str) -> None:
    """Make the office's rewrite of blocks of ``name`` one taken when those blocks read ``old_blocks``."""
    path = office / name
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    kept = json.loads((office / upgrades.ORIGINALS).read_text(encoding="utf-8"))
    now = kept[name + "#块"]["原文"]
    path.write_text(
        header.replace(upgrades.version(now), upgrades.version(old_blocks)) + "\n" + body, "utf-8"
    )
    kept[name + "#块"] = {"版本": upgrades.version(old_blocks), "原文": old_blocks}
    (office / upgrades.ORIGINALS).write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")


def test_a_rewritten_block_changed_upstream_is_reported_and_diffed(
    run_cli, office: Path, tmp_path: Path
) -> None:
    """The office rewrote 落款 alone (the guide's way); the built-in's 落款 changed since: announced, shown."""
    copied = run_cli("模板", "复制", "report.j2", "--块", "落款", "--到", office, maintainer=True)
    assert copied.code == 0, copied.err
    mine = office / "report.j2"
    header, _, body = mine.read_text(encoding="utf-8").partition("\n")
    builtin = (builtin_templates() / "report.j2").read_text(encoding="utf-8")
    signature = upgrades.blocks(builtin)["落款"]
    assert "改写自内置模板 report.j2 的块 落款" in header and upgrades.version(signature + "\n") in header
    assert body == '{% extends "内置/report.j2" %}\n' + signature + "\n"
    assert "警告:" not in run_cli("check-templates", office, maintainer=True).out
    plain, rewritten = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run_cli(TIANMEN, "-o", plain).code == 0
    assert run_cli(TIANMEN, "-o", rewritten, "--templates", office).code == 0
    assert docx_texts(plain) == docx_texts(rewritten)  # a rewrite starts as the built-in's own block

    old = signature.replace("@落款 {{ 落款 }}", "@落款 旧的落款写法") + "\n"
    _pretend_rewritten_from(office, "report.j2", old)
    checked = run_cli("check-templates", office, maintainer=True)
    assert checked.code == 0
    assert f"警告: {mine}：改写自内置模板 report.j2 的块 落款 的 {upgrades.version(old)} 版" in checked.out
    assert "内置模板此后已改" in checked.out
    diff = run_cli("模板", "对比", mine, maintainer=True)
    assert diff.code == 0 and "--- 内置 report.j2 的块 落款（" in diff.out
    assert "\n-@落款 旧的落款写法\n" in diff.out and "\n+@落款 {{ 落款 }}\n" in diff.out
    assert run_cli("模板", "对比", mine, "--已合并", maintainer=True).code == 0
    assert "警告:" not in run_cli("check-templates", office, maintainer=True).out


def test_a_change_to_other_blocks_reaches_a_rewrite_without_notice(office: Path) -> None:
    """Its version is that of the blocks it rewrites: the rest of report.j2 it follows by itself."""
    upgrades.copy("report.j2", office, only=("导语",))
    builtin = (builtin_templates() / "report.j2").read_text(encoding="utf-8")
    header = (office / "report.j2").read_text(encoding="utf-8").partition("\n")[0]
    assert upgrades.version(upgrades.blocks(builtin)["导语"] + "\n") in header
    assert upgrades.version(builtin) not in header
    assert upgrades.outdated(office) == []


GUIDE_REWRITE = """\
{% extends "内置/report.j2" %}
{% block 导语 %}
{{ 总结期 }}，{{ 单位 }}认真落实上级部署。现将有关情况{{ 如下 }}：
{% endblock %}
"""


def test_a_hand_written_rewrite_asks_to_record_its_version(run_cli, office: Path, tmp_path: Path) -> None:
    office.mkdir()
    mine = office / "report.j2"
    mine.write_text(GUIDE_REWRITE, encoding="utf-8")
    checked = run_cli("check-templates", office, maintainer=True)
    assert checked.code == 0
    assert f"警告: {mine}：改写了内置模板 report.j2 的块 导语，没有记下照的是哪一版" in checked.out
    assert f"generator 模板 对比 {mine} --已合并" in checked.out
    refused = run_cli("模板", "对比", mine, maintainer=True)
    assert refused.code == 2 and "--已合并" in refused.err and "程序内部错误" not in refused.err
    assert run_cli("模板", "对比", mine, "--已合并", maintainer=True).code == 0
    assert mine.read_text(encoding="utf-8").endswith("\n" + GUIDE_REWRITE)  # the office's text untouched
    assert "警告:" not in run_cli("check-templates", office, maintainer=True).out
    out = tmp_path / "草稿.docx"
    assert run_cli(TIANMEN, "-o", out, "--templates", office).code == 0
    assert docx_texts(out)[1] == "2024年，天门市民政局认真落实上级部署。现将有关情况汇报如下："


def test_copying_an_unknown_block_lists_the_blocks(run_cli, office: Path) -> None:
    result = run_cli("模板", "复制", "report.j2", "--块", "开头", "--到", office, maintainer=True)
    assert (
        result.code == 2 and "没有块「开头」" in result.err and "导语" in result.err and "落款" in result.err
    )
    assert not (office / "report.j2").exists()
