"""The order of words a person writes around a figure, read back from the .docx."""

from __future__ import annotations

import re
from pathlib import Path

from generator import pipeline
from tests.conftest import paragraphs


def _text(county, tmp_path: Path, body: str) -> str:
    out = tmp_path / "d.docx"
    pipeline.build(county(body), out=out)
    return "\n".join(text for _, text in paragraphs(out))


def test_people_counted_come_before_the_people_as_ming(county, tmp_path: Path) -> None:
    """「为1496名高龄老年人发放」, never 「为高龄老年人1496人发放」; 人次 and 户 counts stay where they are."""
    text = _text(
        county,
        tmp_path,
        """\
        总结:
          社会救助:
            指标:
              一次性生活补贴人数: 34882
              一次性生活补贴金额: 3488.2
          养老服务:
            指标:
              高龄津贴人数: 36000
              高龄津贴金额: 2317
              困难失能老人补贴人数: 1528
              困难失能老人补贴金额: 171
          儿童福利:
            指标:
              助学人次: 28
              助学金额: 9
        """,
    )
    assert "为34882名困难群众发放一次性生活补贴3488.2万元" in text
    assert "为3.6万名高龄老年人发放高龄津贴2317万元" in text
    assert "为1528名困难高龄、失能老年人发放补贴171万元" in text
    assert "为孤儿和事实无人抚养儿童28人次发放助学金9万元" in text  # 名 does not count 人次
    assert not re.search(r"\d人发放", text)


def test_a_check_of_household_means_names_whom_it_covered(county, tmp_path: Path) -> None:
    both = _text(
        county, tmp_path, "总结:\n  社会救助:\n    指标: {经济状况核对户数: 130, 经济状况核对人数: 176}\n"
    )
    assert "对居民130户176人开展家庭经济状况核对" in both and "涉及居民" not in both
    people = _text(county, tmp_path, "总结:\n  社会救助:\n    指标: {经济状况核对人数: 176}\n")
    assert "对176名居民开展家庭经济状况核对" in people


def test_the_two_disability_allowances_are_one_clause_with_both_counts(county, tmp_path: Path) -> None:
    text = _text(
        county, tmp_path, "总结:\n  残疾人福利:\n    指标: {两项补贴人次: 12109, 两项补贴金额: 1199}\n"
    )
    assert "发放残疾人两项补贴12109人次、1199万元" in text
    assert text.count("残疾人两项补贴") == 1


def test_a_noun_the_next_clause_repeats_is_said_once(county, tmp_path: Path) -> None:
    body = "总结:\n  养老服务:\n    指标: {养老机构数: 30, 民办养老机构数: 14, 养老机构床位数: 4848}\n"
    text = _text(county, tmp_path, body)
    assert "养老机构30个，其中民办14个；床位4848张" in text
    # Short shared heads are the distinction itself: 「城市低保对象……，城市特困人员……」 keep both.
    both = _text(county, tmp_path, "总结:\n  社会救助:\n    指标: {城市低保人数: 860, 城市特困人数: 208}\n")
    assert "城市低保对象860人" in both and "城市特困人员208人" in both
