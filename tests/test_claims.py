"""Words that claim no more than the data: the standard opening and the headings of thin sections.

Read back from the .docx, as a reviewer reads them.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from generator import pipeline
from tests.conftest import paragraphs

RICH = """\
总结:
  社会救助:
    指标:
      城市低保标准: {本年: 720, 上年: 690}
      低保人数: 3160
      临时救助人次: 2188
      临时救助金额: 485.14
  养老服务:
    指标:
      高龄津贴人数: 4210
      高龄津贴金额: 315.6
      养老机构数: 12
"""
THIN = (
    RICH
    + """\
  党的建设:
    工作: [开展集中学习7次。]
"""
)


def _texts(county, tmp_path: Path, body: str, name: str) -> list[str]:
    out = tmp_path / f"{name}.docx"
    pipeline.build(county(body, name=f"{name}.yaml"), out=out)
    return [text for _, text in paragraphs(out)]


def test_the_standard_opening_names_the_duties_and_leaves_every_figure_to_the_body(
    county, tmp_path: Path
) -> None:
    texts = _texts(county, tmp_path, RICH, "rich")
    opening = texts[1]
    assert opening.startswith("2024年，测试县民政局在县委、县政府的领导下，围绕社会救助和养老服务工作，")
    assert "履行基本民生保障职责，全县民政各项工作有序推进。" in opening
    assert not re.search(r"\d", re.sub(r"20\d\d年", "", opening)), (
        opening
    )  # figures are the body's, said once
    body = "\n".join(texts[2:])
    for figure in ("720元", "3160人", "2188人次", "485.14万元", "4210名", "315.6万元", "12个"):
        assert figure in body


def test_a_section_of_one_sentence_gets_a_plain_heading_and_its_part_stays_parallel(
    county, tmp_path: Path
) -> None:
    rich = _texts(county, tmp_path, RICH, "rich")
    assert "（一）健全分层分类的社会救助体系" in rich and "（二）健全养老服务体系" in rich
    thin = _texts(county, tmp_path, THIN, "thin")
    # 「全面加强党的建设」 over 「开展集中学习7次。」 claims more than the section says.
    assert "（三）党建工作" in thin and "全面加强党的建设" not in thin
    assert "（一）社会救助工作" in thin and "（二）养老服务工作" in thin
    assert "开展集中学习7次。" in thin
    # The plan keeps its headings: a plan says what the bureau sets out to do.
    assert "兜牢兜准兜好基本民生底线" in "\n".join(thin)


def test_the_counties_own_heading_is_kept_beside_plain_ones(county, tmp_path: Path) -> None:
    own = THIN.replace("  社会救助:\n", "  社会救助:\n    标题: 兜住兜牢民生底线\n", 1)
    texts = _texts(county, tmp_path, own, "own")
    assert "（一）兜住兜牢民生底线" in texts and "（三）党建工作" in texts


def test_a_rate_is_a_sentence_of_its_own_not_something_the_county_has(county, tmp_path: Path) -> None:
    body = "总结:\n  社会救助:\n    指标: {低保人数: 18285, 特困人数: 3894, 特困集中供养率: 69.47}\n"
    text = "\n".join(_texts(county, tmp_path, body, "rate"))
    assert "全县共有城乡低保对象18285人，特困人员3894人。生活不能自理特困人员集中供养率" in text


def test_a_total_of_every_kind_lists_its_parts_after_qizhong(county, tmp_path: Path) -> None:
    """Unseen 28's shape: a total and the parts it is made of, never side by side as if of one kind."""
    body = """\
    总结:
      社会救助:
        指标:
          救助对象人数: 21389
          城市低保人数: 6420
          农村低保人数: 13403
          救助资金: 11550
          城市低保金额: 2445
          农村低保金额: 4545
    """
    text = "\n".join(_texts(county, tmp_path, textwrap.dedent(body), "total"))
    assert "纳入社会救助的各类对象21389人，其中城市低保对象6420人、农村低保对象13403人" in text
    assert "发放各类救助资金11550万元，其中城市低保金2445万元、农村低保金4545万元" in text


def test_city_and_rural_standards_raised_together_are_one_clause(county, tmp_path: Path) -> None:
    body = """\
    总结:
      社会救助:
        指标:
          城市低保标准: {本年: 720, 上年: 650}
          农村低保标准: {本年: 649, 上年: 550}
          城市特困供养标准: {本年: 1440, 上年: 1440}
          农村特困供养标准: {本年: 1150, 上年: 1021}
    """
    text = "\n".join(_texts(county, tmp_path, textwrap.dedent(body), "raised"))
    assert "城市、农村低保标准分别由每人每月650元、550元提高到720元、649元" in text
    # One of the two kept as it was: each said on its own.
    assert "城市特困人员救助供养标准保持每人每月1440元不变" in text
    assert "农村特困人员救助供养标准由每人每月1021元提高到1150元" in text


def test_an_amount_per_person_says_per_person_once(county, tmp_path: Path) -> None:
    one = "总结:\n  社会救助:\n    指标: {低保月人均补助: {本年: 480, 上年: 450}}\n"
    text = "\n".join(_texts(county, tmp_path, one, "one"))
    assert "城乡低保月人均补助水平由450元提高到480元" in text and "每人每月" not in text.split("二、")[0]
    two = "总结:\n  社会救助:\n    指标: {城市低保月人均补助: 381.29, 农村低保月人均补助: 249.64}\n"
    text = "\n".join(_texts(county, tmp_path, two, "two"))
    assert "城市、农村低保月人均补助水平分别为381.29元、249.64元" in text
    yearly = "总结:\n  社会救助:\n    指标: {农村低保月人均补助: 3832.03元/人·年}\n"
    text = "\n".join(_texts(county, tmp_path, yearly, "yearly"))
    assert "每人每年3832.03元" in text  # a yearly amount typed for a monthly name keeps its period


def test_period_scope_and_leiji_never_stack(county, tmp_path: Path) -> None:
    """「2024年，全县累计实施……」 says the same thing three times: the period and the scope are enough."""
    body = "总结:\n  社会救助:\n    指标: {临时救助人次: 2188, 临时救助金额: 485.14}\n"
    text = "\n".join(_texts(county, tmp_path, body, "stack"))
    assert "今年以来，全县实施临时救助2188人次" in text  # 成文日期 2024-12-25: the year is not over
    assert not re.search(r"(\d{4}年|以来)，全县累计", text)
    assert "健全分层分类的社会救助体系。" not in text  # one section of figures alone: they open the part


def test_a_standard_still_to_fill_reads_as_the_others(county, tmp_path: Path) -> None:
    body = "总结:\n  社会救助:\n    指标: {城市低保标准: {上年: 690}, 低保人数: 3160}\n"
    text = "\n".join(_texts(county, tmp_path, body, "todo"))
    assert "每人每月【待补充：城市低保标准】元" in text and "元/人·月" not in text


def test_a_summary_of_one_topic_in_figures_alone_opens_with_the_figures(county, tmp_path: Path) -> None:
    """Held-out 62: 「健全分层分类的社会救助体系。截至年底，……」 claims what the figures do not say."""
    figures = "    指标: {低保人数: 3702, 特困人数: 316, 临时救助人次: 1710}\n"
    texts = _texts(county, tmp_path, "总结:\n  社会救助:\n" + figures, "figures")
    at = texts.index("一、2024年工作回顾")
    assert texts[at + 1].startswith("截至目前，全县共有城乡低保对象3702人")
    # With words of the county's own, the topic's heading leads the text as before.
    own = _texts(
        county, tmp_path, "总结:\n  社会救助:\n" + figures + "    工作: [开展救助政策宣传。]\n", "own"
    )
    assert own[own.index("一、2024年工作回顾") + 1].startswith("健全分层分类的社会救助体系。")
