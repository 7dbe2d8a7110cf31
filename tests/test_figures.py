"""The catalogue's figures as a clerk gives them: units, old keys, work items' figures, the report's period,
and no figure lost — for every topic and any mix of figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline, templateset
from generator.data import catalogue
from generator.data.facts import facts
from generator.data.numbers import scaled
from generator.data.period import parse_period
from generator.data.schema import Report
from generator.draft.coverage import provided, written
from generator.draft.markup import marks, unmark
from generator.errors import InputError
from tests.conftest import paragraphs

BASE = {"单位": "测试县民政局", "地区": "测试县", "年度": 2024, "成文日期": dt.date(2024, 12, 25)}
TOPICS_WITH_FIGURES = [t.key for t in catalogue.topics() if t.figures]


def draft_of(tmp_path: Path, data: dict[str, Any]) -> pipeline.Draft:
    path = tmp_path / "county.yaml"
    path.write_text(yaml.safe_dump({**BASE, **data}, allow_unicode=True), encoding="utf-8")
    return pipeline.prepare(path)


def body(draft: pipeline.Draft) -> str:
    return "\n".join(b.text for b in draft.blocks)


# ---- the catalogue itself ------------------------------------------------------------------------


def test_catalogue_is_grounded_and_consistent() -> None:
    figures = catalogue.figures()
    assert len(figures) >= 150
    assert "资金" in catalogue.topic_keys() and catalogue.topic("资金").figure("民政事业费") is not None
    names = [f.name for f in figures.values()]
    assert len(names) == len(set(names)), "English names are unique over the catalogue"
    assert sum(1 for f in figures.values() if f.official) >= 100, "most figures name their official indicator"
    for f in figures.values():
        assert f.kind in catalogue.KINDS and f.period in catalogue.PERIODS and f.role in catalogue.ROLES, (
            f.key
        )
        assert f.help and f.example, f.key
        for split in f.parts:
            for key in split:
                part = catalogue.figure(key)
                assert part is not None and part.topic == f.topic, (f.key, key)
                assert part.units() == f.units() or f.kind != "standard", (f.key, key)
        if f.households:
            assert figures[f.households].unit == "户" and f.unit == "人", f.key
        for old in f.old:
            assert old not in figures, f"old key {old} is still a key"
    assert catalogue.figure("农村低保标准").units()["元/人·年"] == 1  # type: ignore[union-attr]
    assert catalogue.figure("社会组织总数") is catalogue.figure("社会组织数")


def test_every_figure_has_its_words() -> None:
    phrases = templateset.load(None).phrases
    missing = [f.key for f in catalogue.figures().values() if not phrases.has_phrase(f)]
    assert missing == []


# ---- no figure lost: every topic, any mix ----------------------------------------------------------


def _example(figure: catalogue.Figure) -> str:
    return str(figure.example)


@pytest.mark.parametrize("part", catalogue.PARTS)
@pytest.mark.parametrize("topic", TOPICS_WITH_FIGURES)
def test_every_figure_of_a_topic_is_written(tmp_path: Path, part: str, topic: str) -> None:
    figures = catalogue.topic(topic).figures
    data = {part: {topic: {"指标": {f.key: _example(f) for f in figures}}}}
    draft = draft_of(tmp_path, data)
    assert draft.unwritten == []
    text = unmark(body(draft))
    keys = {fact.key for fact in facts(text)}
    for f in figures:
        shown = scaled(Decimal(str(f.example)), f.unit)
        expected = facts(shown)
        assert shown in text or (expected and expected[0].key in keys), f.key  # 每人每月700元 is 700元/人·月


@st.composite
def mixes(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    """A topic of either part with any subset of its figures, each in 指标 or in a work item."""
    part = draw(st.sampled_from(catalogue.PARTS))
    topic = draw(st.sampled_from(TOPICS_WITH_FIGURES))
    figures = catalogue.topic(topic).figures
    chosen = draw(st.lists(st.sampled_from(figures), min_size=1, max_size=12, unique_by=lambda f: f.key))
    section: dict[str, Any] = {}
    work: dict[str, Any] = {}
    for f in chosen:
        value: Any = _example(f)
        if f.whole and draw(st.booleans()):
            value = {"本年": value, "上年": str(int(Decimal(value) * Decimal("0.8")))}
        (work if draw(st.booleans()) else section.setdefault("指标", {}))[f.key] = value
    if work:
        section["工作"] = [{"标题": "一项工作", "指标": work}]
    if draw(st.booleans()):
        section["标准句式"] = False
    return part, topic, {part: {topic: section}}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mixes())
def test_any_mix_of_figures_is_written_or_reported(
    tmp_path: Path, mix: tuple[str, str, dict[str, Any]]
) -> None:
    part, topic, data = mix
    draft = draft_of(tmp_path, data)
    shown = written(body(draft))
    lost = {u.figure.source for u in draft.unwritten}
    given_figures = provided(draft.report, part, topic)
    assert {f.source for f in given_figures} <= shown | lost
    own_words = data[part][topic].get("标准句式") is False
    if not own_words:
        assert lost == set()  # the standard sentences write every figure not in the county's own text
    else:
        assert lost == {f.source for f in given_figures if "/工作/" not in f.source}
        assert all("标准句式: false" in u.why for u in draft.unwritten)


def test_a_total_and_its_parts_are_both_written(tmp_path: Path) -> None:
    data = {
        "总结": {
            "社会救助": {
                "指标": {
                    "低保户数": 5210,
                    "低保人数": 9876,
                    "城市低保人数": 3876,
                    "农村低保人数": 6000,
                    "特困人数": 1200,
                }
            }
        }
    }
    text = unmark(body(draft_of(tmp_path, data)))
    assert "城乡低保对象5210户9876人，其中城市3876人、农村6000人；特困人员1200人" in text


def test_equal_standards_are_one_urban_rural_standard(tmp_path: Path) -> None:
    draft = draft_of(tmp_path, {"总结": {"社会救助": {"指标": {"城市低保标准": 700, "农村低保标准": 700}}}})
    text = body(draft)
    assert "城乡低保标准为每人每月700元" in unmark(text)
    shared = [source for source, shown in marks(text) if shown == "每人每月700元"]
    assert shared == ["总结/社会救助/城市低保标准|总结/社会救助/农村低保标准"]
    assert draft.unwritten == []


def test_a_work_items_figures_sit_in_its_paragraph_and_are_not_repeated(tmp_path: Path) -> None:
    data = {
        "总结": {
            "养老服务": {
                "指标": {"高龄津贴人数": 5230, "高龄津贴金额": 317.6, "助餐场所总数": 36},
                "工作": [
                    {
                        "标题": "推进老年助餐",
                        "内容": "建成幸福食堂{助餐场所总数}，新建一批助餐点。",
                        "指标": {"新建助餐场所数": 10},
                    },
                ],
            }
        }
    }
    draft = draft_of(tmp_path, data)
    texts = [unmark(b.text) for b in draft.blocks]
    work = next(t for t in texts if "推进老年助餐" in t)
    assert "建成幸福食堂36个，新建一批助餐点。" in work  # the county's wording, not 老年食堂（助餐点）
    assert work.endswith(
        "新建一批助餐点。累计新建老年食堂（助餐点）10个。"
    )  # no period phrase: the item set it
    everything = "\n".join(texts)
    assert everything.count("36个") == 1 and everything.count("10个") == 1
    assert "为5230名高龄老年人发放高龄津贴317.6万元" in everything
    assert draft.unwritten == []


# ---- units: as the clerk gave them, compared like with like -----------------------------------------


def test_a_figure_is_written_in_the_unit_it_was_given_in(tmp_path: Path) -> None:
    data = {
        "总结": {
            "社会救助": {
                "指标": {
                    "城市低保标准": 720,
                    "农村低保标准": {"本年": "6252元/人·年", "上年": "480元/人·月"},
                    "低保人数": "3.41万名",
                    "低保金额": "2.37亿元",
                    "特困人数": 1200,
                }
            },
            "社会组织": {"指标": {"社会组织数": "385家"}},
        }
    }
    draft = draft_of(tmp_path, data)
    text = unmark(body(draft))
    assert "农村低保标准由每人每年5760元提高到6252元" in text  # last year's converted exactly to 元/人·年
    assert "城乡低保对象3.41万名" in text and "发放城乡低保金2.37亿元" in text and "社会组织385家" in text
    assert draft.warnings == []  # 6252元/人·年 is no monthly standard written as an annual one


def test_checks_compare_like_with_like(tmp_path: Path) -> None:
    data = {
        "总结": {
            "社会救助": {
                "指标": {
                    "低保人数": "1万名",
                    "城市低保人数": 9000,
                    "农村低保人数": "0.2万人",
                    "农村低保标准": 8400,
                }
            }
        }
    }
    messages = [w.text for w in draft_of(tmp_path, data).warnings]
    assert any("城市低保人数+农村低保人数之和大于低保人数（1万名）" in m for m in messages)
    assert any("农村低保标准为8400元/人·月，像是年标准" in m for m in messages)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("700元/人·日", "单位「元/人·日」不是这一项可用的单位；本项单位：元/人·月（也可写元/人·年、元）"),
        ({"数值": 700, "单位": "元/日"}, "「单位：元/日」不是这一项可用的单位"),
        ({"本年": 700, "上年": "7801元/人·年"}, "上年：7801元/人·年不能精确换算为元/人·月"),
    ],
)
def test_a_unit_that_does_not_fit_says_which_do(tmp_path: Path, value: Any, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("（", "\\（").replace("）", "\\）")):
        draft_of(tmp_path, {"总结": {"社会救助": {"指标": {"城市低保标准": value}}}})


# ---- old keys ---------------------------------------------------------------------------------------


def test_old_keys_keep_working_with_a_note(tmp_path: Path) -> None:
    draft = draft_of(tmp_path, {"总结": {"社会组织": {"指标": {"社会组织总数": 385, "新成立社会组织数": 9}}}})
    text = unmark(body(draft))
    assert "登记的社会组织385家" in text and "新登记成立社会组织9家" in text  # the old unit, 家, kept
    assert any("「社会组织总数」已改名为「社会组织数」" in n for n in draft.notes)
    with pytest.raises(InputError, match="「社会组织总数」是「社会组织数」的旧名"):
        draft_of(tmp_path, {"总结": {"社会组织": {"指标": {"社会组织总数": 385, "社会组织数": 385}}}})


# ---- the report's period ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "last", "annual"),
    [
        ("全年", "全年", 12, True),
        ("上半年", "上半年", 6, False),
        ("前三季度", "前三季度", 9, False),
        ("三季度", "三季度", 9, False),
        ("1-10月", "1-10月", 10, True),
        ("1—11月", "1-11月", 11, True),
        ("1至12月", "全年", 12, True),
        ("1-4月", "1-4月", 4, False),  # the months' own report, with a 下一步 plan
    ],
)
def test_report_periods(text: str, label: str, last: int, annual: bool) -> None:
    period = parse_period(text)
    assert (period.label, period.last_month, period.annual) == (label, last, annual)


def test_period_words() -> None:
    def timing(**extra: Any) -> tuple[str, str, str]:
        report = Report.model_validate({**BASE, **extra})
        t = report.timing
        return t.stock, t.flow, t.title(report.unit)

    # Dated 2024-12-25 with no 统计截止: the year is not over, so 截至目前 and 今年以来, never 截至年底 or 全年.
    assert timing() == ("截至目前", "今年以来", "测试县民政局2024年工作总结及2025年工作计划")
    assert timing(成文日期="2025-01-10")[:2] == ("截至年底", "全年")
    assert timing(统计截止="2024-12-31")[:2] == (
        "截至年底",
        "全年",
    )  # the clerk says the figures are the year's
    assert timing(报告期="1-4月", 成文日期="2024-05-06") == (
        "截至4月底",
        "1-4月",
        "测试县民政局2024年1-4月工作总结及下一步工作计划",
    )
    assert timing(统计截止="2024-10-31") == (
        "截至10月底",
        "1-10月",
        "测试县民政局2024年工作总结及2025年工作计划",
    )
    assert timing(统计截止="2024-11-20")[:2] == ("截至11月20日", "1月1日至11月20日")
    assert timing(报告期="上半年", 成文日期="2024-06-20")[:2] == ("截至目前", "今年以来")
    assert timing(报告期="上半年", 成文日期="2024-07-05") == (
        "截至6月底",
        "上半年",
        "测试县民政局2024年上半年工作总结和下半年工作计划",
    )
    assert timing(报告期="三季度", 成文日期="2024-10-08")[1:] == (
        "三季度",
        "测试县民政局2024年三季度工作总结和四季度工作计划",
    )
    assert timing(报告期="全年", 统计截止="2024-11-30")[:2] == ("截至11月底", "1-11月")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"报告期": "下半年"}, "不是可用的报告期：「下半年」"),
        ({"统计截止": "2023-12-31"}, "统计截止（2023-12-31）应在年度（2024）之内"),
        ({"报告期": "上半年", "统计截止": "2024-09-30"}, "晚于报告期「上半年」的最后一天"),
        ({"计划年度": 2024}, "只有半年、季度报告"),
    ],
)
def test_period_mistakes(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Report.model_validate({**BASE, **extra})
    assert Report.model_validate({**BASE, "报告期": "上半年", "计划年度": 2024}).plan_year == 2024


# ---- reported when not written ------------------------------------------------------------------------


def test_a_figure_the_countys_own_words_leave_out_is_reported(run_cli, county, tmp_path: Path) -> None:
    data = county(
        """
        总结:
          社会救助:
            标准句式: false
            指标:
              低保人数: 6287
              特困人数: 1124
            自定指标:
              网格员: 996人
            工作:
              - 内容: 为{低保人数}低保对象按时发放低保金。
        """
    )
    result = run_cli(data, "-o", tmp_path / "d.docx")
    assert result.code == 0, result.err
    assert "没有写进草稿的数字2个" in result.out
    assert "总结.社会救助.指标.特困人数（1124人）没有写进草稿：本专题写了「标准句式: false」" in result.out
    assert (
        "总结.社会救助.自定指标.网格员（996人）没有写进草稿：自定指标只在本县的文字中以{网格员}引用时写出"
        in result.out
    )
    strict = run_cli(data, "-o", tmp_path / "e.docx", "--strict")
    assert strict.code == 2 and "特困人数（1124人）没有写进草稿" in strict.err
    assert not (tmp_path / "e.docx").exists()


def test_last_years_file_in_another_unit_is_converted(run_cli, county, tmp_path: Path) -> None:
    this = county(
        "总结:\n  社会救助:\n    指标:\n      农村低保标准: 6252元/人·年\n      低保金额: 2.37亿元\n"
    )
    last = county(
        "总结:\n  社会救助:\n    指标:\n      农村低保标准: 480\n      低保金额: 21000\n",
        name="last.yaml",
        base="单位: 测试县民政局\n地区: 测试县\n年度: 2023\n成文日期: 2023-12-25\n",
    )
    out = tmp_path / "d.docx"
    result = run_cli(this, "-o", out, "--prev", last)
    assert result.code == 0, result.err
    text = "\n".join(t for _, t in paragraphs(out))
    assert "农村低保标准由每人每年5760元提高到6252元" in text  # 480元/人·月 = 5760元/人·年
    assert "发放城乡低保金2.37亿元，较上年增加0.27亿元，增长12.9%" in text  # in the unit typed this year


def test_an_amount_per_case_reads_the_same_written_either_way() -> None:
    """The draft's 「每人次5418.08元」 is the county file's 5418.08元/人次 (held-out 55)."""
    (said,) = facts("临时救助平均救助水平为每人次5418.08元。")
    (typed,) = facts("5418.08元/人次")
    assert said.key == typed.key == (Decimal("5418.08"), "元/人次")
