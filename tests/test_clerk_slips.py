"""The slips a clerk makes while typing a bureau's figures, each answered by a message that says what to
write (issue 20): run through the CLI as the clerk runs it, the draft read back where one is written."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINIMAL, docx_texts


def test_a_comparison_without_last_years_figure_still_writes_the_figure_and_says_how(
    run_cli, county, tmp_path: Path
) -> None:
    data = county(
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 800
            工作:
              - 标题: 提高保障标准
                内容: 城市低保标准{城市低保标准.同比}。
        """
    )
    out = tmp_path / "draft.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    text = "\n".join(docx_texts(out))
    assert "每人每月800元" in text, "the standard sentence still writes the figure"
    assert "请模板维护人员" not in result.out and "没有写进草稿的数字" not in result.out
    assert (
        f"注意：{data}:11: 「{{城市低保标准.同比}}」没有写出：数据文件没有「城市低保标准」上年的数。"
        "要写与上年的比较，把它写成 城市低保标准: {本年: 800, 上年: 上年的数}，或运行时加 --上年 上年的数据文件；"
        "不比较就删去「{城市低保标准.同比}」"
    ) in result.out
    # with last year's figure the comparison is written and nothing is noted
    data.write_text(
        data.read_text(encoding="utf-8").replace("800", "{本年: 800, 上年: 700}"), encoding="utf-8"
    )
    result = run_cli(data, "-o", out)
    assert result.code == 0 and "没有写出" not in result.out
    assert "800元" in "\n".join(docx_texts(out))


def test_a_custom_figures_comparison_without_last_year_says_the_pair_form(
    run_cli, county, tmp_path: Path
) -> None:
    data = county(
        """\
        总结:
          养老服务:
            自定指标:
              幸福食堂: 36个
            工作:
              - 内容: 建成幸福食堂{幸福食堂}{幸福食堂.同比}。
        """
    )
    result = run_cli(data, "-o", tmp_path / "draft.docx")
    assert result.code == 0, result.err
    assert "幸福食堂: {本年: 36, 上年: 上年的数, 单位: 个}" in result.out


def test_standards_written_per_month_or_per_year_as_reports_write_them(
    run_cli, county, tmp_path: Path
) -> None:
    data = county(
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 800元/月
              农村低保标准: 6600元/年
              城市特困供养标准: 1100元/人/月
              农村特困供养标准: {数值: 1000, 单位: 元/月}
        """
    )
    out = tmp_path / "draft.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    text = "\n".join(docx_texts(out))
    for written in ("每人每月800元", "每人每年6600元", "1100元", "1000元"):
        assert written in text


def test_none_for_a_figure_says_where_to_write_it(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """\
        总结:
          社会救助:
            指标:
              城市低保标准: 无
          养老服务:
            自定指标:
              省级荣誉: 无
        """
    )
    result = run_cli(data, "-o", tmp_path / "draft.docx")
    assert result.code == 2 and not (tmp_path / "draft.docx").exists()
    assert (
        f"{data}:8:15: 总结.社会救助.指标.城市低保标准: 「无」不是数字：没有这一项就不写它（删去这一行，或冒号后留空）；"
        "没有的情况（如「全年未发生……」）请写进本专题「工作」的内容"
    ) in result.err
    assert (
        f"{data}:11:13: 总结.养老服务.自定指标.省级荣誉: 「无」不是数字：没有这一项就删去这一行（和工作内容中引用它的文字）"
    ) in result.err


def test_a_zero_in_the_countys_own_sentence_is_refused_not_printed(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """\
        总结:
          养老服务:
            自定指标:
              省级荣誉: 0项
            工作:
              - 标题: 争创品牌
                内容: 获得省级以上荣誉{省级荣誉}。
        """
    )
    result = run_cli(data, "-o", tmp_path / "draft.docx")
    assert result.code == 2 and not (tmp_path / "draft.docx").exists()
    assert (
        "工作[第1项]引用的「{省级荣誉}」为 0，草稿会写成「获得省级以上荣誉0项」：没有就删去「省级荣誉」和引用它的文字"
    ) in result.err


def test_a_custom_figure_in_wan_without_a_unit_asks_for_the_unit(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """\
        总结:
          养老服务:
            自定指标:
              平台投入: 1000万
            工作:
              - 内容: 投入{平台投入}建设平台。
        """
    )
    result = run_cli(data, "-o", tmp_path / "draft.docx")
    assert result.code == 2
    assert (
        f"{data}:8:13: 总结.养老服务.自定指标.平台投入: 「1000万」没有写单位：万后面要写单位，如「1000万元」「1000万人次」"
    ) in result.err


def test_usual_figures_say_how_to_leave_a_topics_standard_figures_out(run_cli, tmp_path: Path) -> None:
    result = run_cli(MINIMAL, "-o", tmp_path / "draft.docx")
    assert result.code == 0, result.err
    assert (
        "多数报告会写、数据文件没有填的指标3个（不是待补充，草稿中不写；有数据时填进「指标」即可）："
        in result.out
    )
    assert (
        "  本县没有这些数字就不用填。某个专题不写标准指标的句子、只写本县自己的文字时，"
        "在这个专题下写「标准句式: false」，这里就不再列出它。"
    ) in result.out


def test_every_line_starting_with_a_brace_is_reported_at_once(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """\
        总结:
          养老服务:
            自定指标:
              食堂: 13个
              床位: 200张
            工作:
              - 标题: 助餐
                内容: {食堂}老年食堂投入运营。
              - 标题: 床位
                内容: {床位}护理型床位建成。
        """
    )
    result = run_cli(data, "-o", tmp_path / "draft.docx")
    assert result.code == 2
    hint = '以「{」开头的文字会被当成花括号写法；请给整段文字加引号，如：内容: "{名称}……"'
    assert result.err.splitlines() == [f"{data}:12:13: {hint}", f"{data}:14:13: {hint}"]


def test_a_failed_strict_run_says_no_file_was_written(run_cli, county, tmp_path: Path) -> None:
    # Two gaps: the figure with no 本年, and the section's work (nothing known is written in it).
    data = county("总结:\n  社会救助:\n    指标:\n      低保人数: {上年: 10661}\n")
    out = tmp_path / "draft.docx"
    result = run_cli(data, "-o", out, "--strict")
    assert result.code == 2 and not out.exists()
    assert result.err.splitlines()[-1] == (
        "没有写出文件（--strict）：待补充2项；补全后再运行，或去掉 --strict 生成草稿"
    )
