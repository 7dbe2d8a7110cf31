"""Each error a clerk can cause: one Chinese line with file:line:column, exit code 2, no traceback, no file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, paragraphs


def assert_clean_failure(result, out_dir: Path) -> None:
    assert result.code == 2, result.err
    assert "Traceback" not in result.err + result.out
    assert not any(out_dir.glob("*.docx")), "no output file on error"
    assert not any(out_dir.glob(".~*")), "no temporary file left behind"


def test_yaml_syntax_error_names_line_and_column(run_cli, county, tmp_path: Path) -> None:
    data = county("总结:\n  社会救助:\n    指标:\n      城市低保标准: 694\n     农村低保标准: 521\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert f"{data}:9:" in result.err
    assert "缩进" in result.err


def test_tab_indentation_is_explained(run_cli, county, tmp_path: Path) -> None:
    data = county("总结:\n\t社会救助: {}\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "Tab" in result.err and f"{data}:6:" in result.err


def test_wrong_type_is_reported_with_what_was_written(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """
        总结:
          社会救助:
            指标:
              城市低保标准: 六百九十四
        """
    )
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert f'{data}:9:15: 总结.社会救助.指标.城市低保标准: 应为数字，实际为 "六百九十四"' in result.err


def test_unknown_key_suggests_the_right_one(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """
        总结:
          社会救助:
            指标:
              城市低保标砖: 694
          养老服物: {}
        """
    )
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert (
        f"{data}:9:7: 总结.社会救助.指标.城市低保标砖: 未知的键「城市低保标砖」，是否想写：城市低保标准？"
        in result.err
    )
    assert "是否想写：养老服务？" in result.err
    assert len(result.err.strip().splitlines()) == 2  # one line per problem


def test_english_attribute_name_is_not_a_silent_alias(run_cli, county, tmp_path: Path) -> None:
    data = county("总结:\n  社会救助:\n    指标:\n      urban_dibao_standard: 694\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "未知的键「urban_dibao_standard」" in result.err


def test_missing_required_key(run_cli, county, tmp_path: Path) -> None:
    data = county("总结: {}\n", base="单位: 测试县民政局\n年度: 2024\n成文日期: 2024-12-25\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert f"{data}:1:1: 地区: 缺少必填项「地区」" in result.err


def test_duplicate_key_is_an_error_not_a_silent_overwrite(run_cli, county, tmp_path: Path) -> None:
    data = county("总结:\n  社会救助: {标题: 甲}\n  社会救助: {标题: 乙}\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert f"{data}:7:3:" in result.err and "重复" in result.err


def test_control_character_names_the_field(run_cli, county, tmp_path: Path) -> None:
    data = county('总结:\n  党的建设:\n    工作:\n      - 内容: "加强\\x0b学习"\n')
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "总结.党的建设.工作[第1项].内容: 含有无法写入 Word 的控制字符 U+000B" in result.err


def test_impossible_date_and_plan_year(run_cli, county, tmp_path: Path) -> None:
    data = county("计划年度: 2023\n", base="单位: 甲\n地区: 乙县\n年度: 2024\n成文日期: 2024-02-30\n")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "成文日期: 不是有效的日期" in result.err
    assert "计划年度: 计划年度（2023）应晚于年度（2024）" in result.err


def test_missing_and_empty_files(run_cli, tmp_path: Path) -> None:
    result = run_cli(tmp_path / "nope.yaml", "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "找不到这个文件" in result.err
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = run_cli(empty, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "文件是空的" in result.err


def test_unwritable_output_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions; a path under a regular file can't be created by anyone.
        blocker = tmp_path / "file"
        blocker.write_text("x")
        target = blocker / "sub" / "out.docx"
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "out.docx"
    result = run_cli(MINIMAL, "-o", target)
    assert result.code == 2 and "Traceback" not in result.err
    assert "无法创建输出文件夹" in result.err or "没有写入权限" in result.err
    assert not target.exists()


def test_output_must_be_docx_and_not_the_input(run_cli, county, tmp_path: Path) -> None:
    data = county("")
    result = run_cli(data, "-o", tmp_path / "out.txt")
    assert result.code == 2 and ".docx" in result.err
    renamed = tmp_path / "data.docx"
    data.rename(renamed)
    result = run_cli(renamed, "-o", renamed)
    assert result.code == 2 and "不能与输入文件相同" in result.err
    assert renamed.read_text(encoding="utf-8").startswith("单位"), "the input is untouched"


def test_strict_turns_missing_figures_into_an_error(run_cli, county, tmp_path: Path) -> None:
    data = county("总结:\n  社会救助:\n    指标:\n      低保人数: {上年: 10661}\n")
    result = run_cli(data, "-o", tmp_path / "out.docx", "--strict")
    assert_clean_failure(result, tmp_path)
    assert "【待补充：低保人数】" in result.err  # last year's figure carried over, this year's still blank


def test_usual_figures_the_county_never_gave_are_listed_not_written(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    result = run_cli(MINIMAL, "-o", out, "--strict")
    assert result.code == 0, result.err  # not a 【待补充】: the county may simply not report them
    assert "多数报告会写、数据文件没有填的指标" in result.out
    assert "  - 社会救助：低保人数、特困人数" in result.out
    text = "\n".join(t for _, t in paragraphs(out))
    assert "待补充" not in text and "低保对象" not in text


@pytest.mark.parametrize(
    ("args", "maintainer", "message"),
    [
        ((), False, "generate: 缺少参数「数据文件.yaml」。用法见 --help"),
        ((MINIMAL, "--strikt"), False, "generate: 没有选项「--strikt」，是否想写 --strict？"),
        (
            (MINIMAL, "a.yaml", "b.yaml"),
            False,
            "generate: 多了参数：「a.yaml」、「b.yaml」。本命令的用法见 --help",
        ),
        ((MINIMAL, "--strict=3"), False, "generate: 选项「--strict」的写法不对。用法见 --help"),
        (("outlin", "x.txt"), True, "generator: 没有「outlin」这个命令，是否想写 outline？"),
        (
            ("init", "天门市", "abc"),
            True,
            "generator: 参数「年度」的取值不对：应为 1949 到 2100 之间的整数。用法见 --help",
        ),
    ],
)
def test_usage_errors_are_chinese(run_cli, args: tuple[str, ...], maintainer: bool, message: str) -> None:
    """Built from click's structured errors, not its English wording (which changes between versions)."""
    result = run_cli(*args, maintainer=maintainer)
    assert result.code == 2
    assert result.err == message + "\n"


def test_run_summary_lists_output_sections_and_missing_items(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    result = run_cli(MINIMAL, "-o", out)
    assert result.code == 0, result.err
    assert f"已生成：{out}" in result.out
    assert "起草总结：2节（社会救助、养老服务）" in result.out
    assert "没有待补充的项目。" in result.out
    assert "养老服务：高龄津贴金额" in result.out
    assert out.exists()


@pytest.mark.parametrize("args", [["--help"], ["generate", "--help"], ["topics", "--help"]])
def test_maintainer_help_is_chinese(run_cli, args: list[str]) -> None:
    result = run_cli(*args, maintainer=True)
    assert result.code == 0
    assert "选项" in result.out or "命令" in result.out
    assert "显示" in result.out or "数据文件" in result.out or "专题" in result.out


def test_clerk_help_is_chinese(run_cli) -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "起草" in result.out and "--strict" in result.out and "选项" in result.out


def test_every_maintainer_command_has_chinese_help(run_cli) -> None:
    from generator.cli import app

    names = [c.name for c in app.registered_commands]
    assert {
        "generate",
        "topics",
        "outline",
        "learn",
        "validate",
        "init",
        "schema",
        "check-templates",
        "compare",
    } <= set(names)
    for name in names:
        result = run_cli(name, "--help", maintainer=True)
        assert result.code == 0, name
        assert "用法:" in result.out and "[选项]" in result.out, name
        assert "显示本帮助并退出" in result.out, name


def test_custom_figure_errors(run_cli, county, tmp_path: Path) -> None:
    data = county(
        '总结:\n  养老服务:\n    自定指标:\n      食堂: "13\\x0b个"\n      床位: 很多张\n      站点: {数值: 3}\n'
    )
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "总结.养老服务.自定指标.食堂: 含有无法写入 Word 的控制字符 U+000B" in result.err
    assert (
        '总结.养老服务.自定指标.床位: 应写成「数字+单位」，如 "13个"、"1.4亿元"，实际为 "很多张"'
        in result.err
    )
    assert "总结.养老服务.自定指标.站点: 应写成「数字+单位」" in result.err


def test_an_internal_bug_is_one_chinese_line_without_traceback(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import pipeline

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("first line\nsecond line")

    monkeypatch.setattr(pipeline, "build", broken)
    monkeypatch.delenv("MINZHENG_DEBUG", raising=False)
    result = run_cli(MINIMAL)
    assert result.code == 1
    assert (
        result.err
        == "generate: 程序内部错误（RuntimeError: first line）。请把这行信息和所用的数据文件发给维护人员。\n"
    )


def test_missing_previous_year_file_and_template_folder(run_cli, county, tmp_path: Path) -> None:
    data = county("")
    result = run_cli(data, "-o", tmp_path / "out.docx", "--上年", tmp_path / "去年.yaml")
    assert_clean_failure(result, tmp_path)
    assert "去年.yaml: 找不到这个文件" in result.err
    data = county("模板: 本市模板\n", name="with-templates.yaml")
    result = run_cli(data, "-o", tmp_path / "out.docx")
    assert_clean_failure(result, tmp_path)
    assert "「模板」指定的文件夹" in result.err and "不存在" in result.err


def test_pdf_without_libreoffice_says_how_to_install(run_cli, tmp_path: Path, monkeypatch) -> None:
    from generator.write import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "d.docx"
    result = run_cli(MINIMAL, "-o", out, "--pdf")
    assert result.code == 2
    assert out.is_file()  # the draft itself is written
    assert "未找到 LibreOffice" in result.err and "安装" in result.err
    assert not out.with_suffix(".pdf").exists()


def test_pdf_beside_the_draft(run_cli, tmp_path: Path) -> None:
    from generator.write import pdf

    if pdf.find_soffice() is None and not os.environ.get(
        "CI"
    ):  # CI installs it (.ci/run): never skipped there
        pytest.skip("未安装 LibreOffice")
    out = tmp_path / "d.docx"
    result = run_cli(MINIMAL, "-o", out, "--pdf")
    assert result.code == 0, result.err
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert f"已生成：{out.with_suffix('.pdf')}" in result.out


def test_every_reader_says_the_same_of_a_folder_and_a_missing_file(run_cli, tmp_path: Path) -> None:
    """The county file, a report to outline and a 统计季报 are read through one translation (errors.reading)."""
    folder = tmp_path / "一个文件夹.yaml"
    folder.mkdir()
    for args, wanted in (
        ((folder,), "YAML 文件"),
        (("outline", folder), "报告的 .txt 或 .docx 文件"),
    ):
        result = run_cli(*args, maintainer=args[0] == "outline")
        assert result.code == 2
        assert f"{folder}: 这是一个文件夹，请给出文件的路径（{wanted}）" in result.err
        assert "Traceback" not in result.err
    missing, county = tmp_path / "没有这个.xlsx", tmp_path / "县.yaml"
    county.write_bytes(MINIMAL.read_bytes())  # fill writes in place: never the repository's file
    result = run_cli("fill", county, "--季报", missing, maintainer=True)
    assert result.code == 2 and f"{missing}: 找不到这个文件，请检查文件名和所在文件夹" in result.err
    sheet_folder = tmp_path / "季报.xlsx"
    sheet_folder.mkdir()
    result = run_cli("fill", county, "--季报", sheet_folder, maintainer=True)
    assert result.code == 2
    assert f"{sheet_folder}: 这是一个文件夹，请给出文件的路径（统计季报的 .xlsx 文件）" in result.err
