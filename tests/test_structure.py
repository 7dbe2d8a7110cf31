"""The structured text templates write, and numbering by level."""

from __future__ import annotations

import pytest

from generator.draft.markup import Block, escape, parse, placeholders, shift
from generator.draft.numbering import chinese, number


def test_parse_markers() -> None:
    text = "@标题 题目\n@主送 县政府:\n导语\n\n# 部分\n## 节\n- 甲\n- 乙\n\\# 不是标题\n@落款 单位\n@日期 2024年1月2日\n"
    kinds = [(b.kind, b.level, b.text) for b in parse(text)]
    assert kinds == [
        ("title", 0, "题目"),
        ("addressee", 0, "县政府:"),
        ("paragraph", 0, "导语"),
        ("heading", 1, "部分"),
        ("heading", 2, "节"),
        ("item", 0, "甲"),
        ("item", 0, "乙"),
        ("paragraph", 0, "# 不是标题"),
        ("signature", 0, "单位"),
        ("date", 0, "2024年1月2日"),
    ]


def test_unknown_directive_is_an_error() -> None:
    with pytest.raises(ValueError, match="@签名"):
        parse("@签名 某某")


def test_escape_protects_user_text_that_looks_like_markup() -> None:
    user = "# 不是标题\n- 不是条目\n@标题 也不是\n普通\n##"  # 「##」 alone is a heading of no words in markup
    blocks = parse(escape(user))
    assert [b.kind for b in blocks] == ["paragraph"] * 5
    assert [b.text for b in blocks] == user.split("\n")


def test_shift_pushes_headings_down() -> None:
    assert shift("# a\n正文 # 不动\n## b", 2) == "### a\n正文 # 不动\n#### b"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (34, "三十四")])
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese(n) == text


def test_numbering_by_level_restarts_below_a_higher_heading() -> None:
    blocks = [
        Block("heading", "甲", 1),
        Block("heading", "a", 2),
        Block("heading", "x", 3),
        Block("heading", "y", 3),
        Block("heading", "b", 2),
        Block("heading", "z", 3),
        Block("heading", "乙", 1),
        Block("heading", "c", 2),
    ]
    texts = [b.text for b in number(blocks, ["{一}、", "（{一}）", "{1}.", "（{1}）"])]
    assert texts == ["一、甲", "（一）a", "1.x", "2.y", "（二）b", "1.z", "二、乙", "（一）c"]


def test_items_number_yi_shi_and_restart_at_headings() -> None:
    blocks = [
        Block("heading", "节", 2),
        Block("item", "甲。"),
        Block("paragraph", "说明"),
        Block("item", "乙。"),
        Block("heading", "节", 2),
        Block("item", "丙。"),
        Block("item", "丁。"),
    ]
    texts = [b.text for b in number(blocks, ["{一}、", "（{一}）", "{1}.", "（{1}）"])]
    assert texts[1] == "一是甲。" and texts[3] == "二是乙。" and texts[5:] == ["一是丙。", "二是丁。"]


def test_headings_deeper_than_four_levels_become_items() -> None:
    blocks = [Block("heading", "四", 4), Block("heading", "五", 5), Block("heading", "五乙", 5)]
    texts = [(b.kind, b.text) for b in number(blocks, ["{一}、", "（{一}）", "{1}.", "（{1}）"])]
    assert texts == [("heading", "（1）四"), ("item", "一是五。"), ("item", "二是五乙。")]


def test_placeholders_are_found_with_either_colon() -> None:
    assert placeholders("甲【待补充：城市低保标准】乙【待补充：低保人数】") == ["城市低保标准", "低保人数"]


def test_full_width_punctuation_in_county_text() -> None:
    from generator.draft.markup import full_width

    assert full_width("2023年,我市低保标准(城市)提高到1201元;共1,234人,10:30开会") == (
        "2023年，我市低保标准（城市）提高到1201元；共1,234人，10:30开会"
    )


def test_an_item_that_already_says_its_number_is_not_numbered_twice() -> None:
    items = [Block("item", "一是出台指导意见；二是引入评估机制。"), Block("item", "加强执法监督。")]
    blocks = number(items, ["{一}、", "（{一}）", "{1}.", "（{1}）"])
    assert [b.text for b in blocks] == ["一是出台指导意见；二是引入评估机制。", "二是加强执法监督。"]
