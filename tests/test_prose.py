"""The sentences the tool writes itself from a county's figures read like a report (issue 19): the period
said once a paragraph and the scope once a section, no frame opening every section, standards in one form,
a county's own name for a figure, the opening written from its data, and no half-sentence with a 【待补充】."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import paragraphs

FILE = """单位: 测试县民政局
地区: 测试县
年度: 2024
成文日期: 2024-12-20
总结:
  社会救助:
    指标:
      城市低保标准: {本年: 720, 上年: 690}
      农村低保标准: 8160元/人·年
      城市低保人数: 860
      农村低保人数: 2300
      临时救助人次: 412
      临时救助金额: 63.8
  养老服务:
    指标:
      高龄津贴人数: 4210名
      高龄津贴金额: 315.6
      养老机构数: 9
      助餐场所总数: {数值: 36, 说法: 幸福食堂}
  儿童福利:
    指标:
      孤儿保障人数: 24
      孤儿保障金额: 96.5
  残疾人福利:
    指标:
      两项补贴金额: 2158
  婚姻登记:
    指标:
      结婚登记对数: 1126
"""


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    from generator import pipeline

    folder = tmp_path_factory.mktemp("prose")
    data = folder / "county.yaml"
    data.write_text(FILE, encoding="utf-8")
    pipeline.build(data, out=folder / "d.docx")
    return paragraphs(folder / "d.docx")


def _body(draft: list[tuple[str, str]]) -> list[str]:
    return [text for style, text in draft if style == "Normal"][1:]  # past the opening


def test_the_year_is_not_over_so_no_year_end_words(draft) -> None:
    text = "\n".join(t for _, t in draft)
    assert "截至年底" not in text and "全年" not in text  # dated 12月20日, no 统计截止
    assert "截至目前" in text and "今年以来" in text


def test_one_period_phrase_a_paragraph_and_the_scope_once_a_section(draft) -> None:
    for text in _body(draft):
        periods = re.findall(r"截至目前|今年以来", text)
        assert len(periods) <= 1, text
        assert text.count("全县") <= 1, text
        assert not re.search(r"全县(今年以来|截至目前|全年)", text), text  # scope and period never stacked


def test_no_frame_opens_every_section(draft) -> None:
    openings = Counter(text[:4] for text in _body(draft))
    assert max(openings.values()) == 1, openings


def test_standards_in_one_form(draft) -> None:
    text = "\n".join(_body(draft))
    assert "城市低保标准由每人每月690元提高到720元，农村低保标准为每人每年8160元" in text
    assert "元/人·月" not in text and "元/人·年" not in text


def test_the_countys_own_name_for_a_figure(draft) -> None:
    text = "\n".join(_body(draft))
    assert "幸福食堂36个" in text and "老年食堂" not in text


def test_a_classifier_stands_before_the_people_it_counts(draft) -> None:
    assert "为4210名高龄老年人发放高龄津贴315.6万元" in "\n".join(_body(draft))


def test_no_half_sentence_asks_for_a_figure_the_county_never_had(draft) -> None:
    assert not any("待补充" in text for text in _body(draft)[:-2])  # the plan part is another matter


def test_the_opening_is_written_from_the_countys_data(draft) -> None:
    opening = next(text for style, text in draft if style == "Normal")
    assert opening.startswith("2024年，测试县民政局")
    assert "社会救助、养老服务、儿童福利、残疾人福利等" in opening  # its topics, in the draft's order
    assert "履行基本民生保障和基本社会服务职责" in opening  # its topics' duties; the figures are the body's
    assert "690" not in opening and "720" not in opening
    assert opening.endswith("现将2024年工作情况和2025年工作计划汇报如下：")  # a plan is not 总结


def test_a_summary_only_report_promises_no_plan(run_cli, county, tmp_path: Path) -> None:
    data = county("只写总结: true\n总结:\n  社会救助:\n    指标:\n      临时救助人次: 412\n")
    out = tmp_path / "d.docx"
    assert run_cli(data, "-o", out).code == 0
    texts = [t for _, t in paragraphs(out)]
    assert texts[0] == "测试县民政局2024年工作总结"
    assert texts[1].endswith("现将2024年工作情况总结如下：")
    assert not any("计划" in t for t in texts)


def test_an_addressee_gets_a_report(run_cli, county, tmp_path: Path) -> None:
    data = county("主送机关: 县人民政府\n总结:\n  社会救助:\n    指标:\n      临时救助人次: 412\n")
    out = tmp_path / "d.docx"
    assert run_cli(data, "-o", out).code == 0
    assert any(t.endswith("工作计划报告如下：") for _, t in paragraphs(out))


def test_months_of_a_year_are_their_own_report(run_cli, county, tmp_path: Path) -> None:
    data = county("报告期: 1-4月\n总结:\n  社会救助:\n    指标:\n      临时救助人次: 412\n")
    out = tmp_path / "d.docx"
    assert run_cli(data, "-o", out).code == 0
    texts = [t for _, t in paragraphs(out)]
    assert texts[0] == "测试县民政局2024年1-4月工作总结\n及下一步工作计划"
    assert "二、下一步工作计划" in texts and "全年" not in "\n".join(texts)


def test_usual_figures_become_review_comments_on_their_section(run_cli, county, tmp_path: Path) -> None:
    import zipfile

    data = county("总结:\n  社会救助:\n    指标:\n      临时救助人次: 412\n")
    out = tmp_path / "d.docx"
    result = run_cli(data, "-o", out, "--review")
    assert result.code == 0, result.err
    assert "  - 社会救助：城市低保标准、农村低保标准、低保人数、特困人数" in result.out
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert "提示：多数报告在这一节写城市低保标准、农村低保标准、低保人数、特困人数" in comments


def test_clauses_share_their_verb_and_a_total_is_followed_by_its_parts(
    run_cli, county, tmp_path: Path
) -> None:
    data = county(
        "总结:\n  社会救助:\n    指标:\n      低保金额: 1856.4\n      特困供养金额: 320\n"
        "  婚姻登记:\n    指标:\n      婚姻登记总数: 7688\n      结婚登记对数: {本年: 3644, 上年: 4318}\n"
        "      离婚登记对数: 1617\n"
    )
    out = tmp_path / "d.docx"
    assert run_cli(data, "-o", out).code == 0
    text = "\n".join(t for _, t in paragraphs(out))
    assert "发放城乡低保金1856.4万元、特困人员救助供养金320万元" in text  # not 「发放……，发放……」
    assert (
        "办理各类婚姻登记业务7688例，其中结婚登记3644对，较上年减少674对，下降15.6%；离婚登记1617对" in text
    )


def test_a_countys_own_standard_is_written_in_the_same_form(run_cli, county, tmp_path: Path) -> None:
    data = county(
        "总结:\n  残疾人福利:\n    自定指标:\n      一级: 200元/人·月\n    工作:\n"
        "      - 内容: 生活补贴标准提高到一级{一级}。\n"
    )
    out = tmp_path / "d.docx"
    assert run_cli(data, "-o", out).code == 0
    assert "生活补贴标准提高到一级每人每月200元。" in "\n".join(t for _, t in paragraphs(out))


def test_a_summary_only_drafts_file_name_promises_no_plan(
    run_cli, county, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = county("只写总结: true\n总结:\n  社会救助:\n    指标:\n      临时救助人次: 412\n")
    monkeypatch.chdir(tmp_path)
    assert run_cli(data).code == 0
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == ["测试县民政局2024年工作总结.docx"]


def _drafted(run_cli, county, tmp_path: Path, figures: str) -> str:
    out = tmp_path / "d.docx"
    result = run_cli(county("总结:\n" + textwrap.indent(textwrap.dedent(figures), "  ")), "-o", out)
    assert result.code == 0, result.err
    return "\n".join(t for _, t in paragraphs(out))


def test_a_countys_own_words_win_over_a_combined_clause(run_cli, county, tmp_path: Path) -> None:
    text = _drafted(
        run_cli,
        county,
        tmp_path,
        """\
        养老服务:
          指标:
            高龄津贴人数: {数值: 5230, 说法: "为{值}80岁以上老年人发放高龄津贴"}
            高龄津贴金额: 317.5
        """,
    )
    assert "为5230人80岁以上老年人发放高龄津贴" in text and "发放高龄津贴317.5万元" in text
    assert "为高龄老年人5230人" not in text  # the catalogue's words, the county's dropped


def test_a_countys_own_words_for_households_are_kept(run_cli, county, tmp_path: Path) -> None:
    text = _drafted(
        run_cli,
        county,
        tmp_path,
        """\
        社会救助:
          指标:
            低保人数: 5000
            低保户数: {数值: 3000, 说法: 低保家庭}
        """,
    )
    assert "低保家庭3000户" in text and "城乡低保对象5000人" in text


def test_a_countys_own_clause_gets_no_verb_of_the_tools(run_cli, county, tmp_path: Path) -> None:
    text = _drafted(
        run_cli,
        county,
        tmp_path,
        """\
        养老服务:
          指标:
            助餐场所总数: {数值: 36, 说法: "建成幸福食堂{值}"}
            新建助餐场所数: {数值: 8, 说法: "新建幸福食堂{值}"}
        """,
    )
    assert "全县建成幸福食堂36个" in text and "新建幸福食堂8个" in text
    assert not re.search(r"(共有|现有)建成", text), text  # 「共有建成幸福食堂」 reads as a slip


@pytest.mark.parametrize("topic", ["社会救助", "养老服务", "婚姻登记", "社会组织", "殡葬管理"])
def test_a_summary_section_with_nothing_in_it_is_a_gap_to_fill(
    run_cli, county, tmp_path: Path, topic: str
) -> None:
    out = tmp_path / "d.docx"
    result = run_cli(county(f"总结:\n  {topic}:\n    标题: 本县的标题\n"), "-o", out)
    assert result.code == 0, result.err
    texts = [t for _, t in paragraphs(out)]
    at = next(i for i, t in enumerate(texts) if "本县的标题" in t)
    assert (
        texts[at].endswith(f"【待补充：{topic}工作情况】") or texts[at + 1] == f"【待补充：{topic}工作情况】"
    )
    assert f"{topic}工作情况" in result.out  # listed with the other gaps
