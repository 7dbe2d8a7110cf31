"""Last year's figures, reviewer checks (warnings and Word comments), `validate`, `init` and `schema`."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.data.loader import validate
from generator.data.schema import Report
from generator.data.yamlsource import Source, load
from generator.errors import InputError
from tests.conftest import TIANMEN, docx_texts

SUSPICIOUS = """\
总结:
  社会救助:
    指标:
      城市低保标准: 8400
      低保人数: 1000
      城市低保人数: 700
      农村低保人数: 500
      临时救助人次: {本年: 2188, 上年: 1200}
      临时救助金额: 48514
  社会组织:
    指标:
      社会组织总数: 385
      年检参检率: 118
"""


def test_inline_last_year_is_phrased(county, tmp_path: Path) -> None:
    data = county(
        "总结:\n  婚姻登记:\n    指标:\n      结婚登记对数: {本年: 3644, 上年: 4318}\n      离婚登记对数: 1617\n"
    )
    out = tmp_path / "d.docx"
    pipeline.build(data, out=out)
    text = "\n".join(docx_texts(out))
    assert "结婚登记3644对，较上年减少674对，下降15.6%" in text
    assert "离婚登记1617对，办理" in text or "离婚登记1617对。" in text  # no comparison without last year


def test_previous_year_file(run_cli, county, tmp_path: Path) -> None:
    this = county("总结:\n  社会救助:\n    指标:\n      城市低保标准: 694\n      临时救助人次: 2188\n")
    last = county(
        "总结:\n  社会救助:\n    指标:\n      城市低保标准: 650\n      临时救助人次: 2050\n",
        name="last.yaml",
        base="单位: 测试县民政局\n地区: 测试县\n年度: 2023\n成文日期: 2023-12-25\n",
    )
    for flag in ("--上年", "--prev"):
        out = tmp_path / f"d{flag}.docx"
        result = run_cli(this, "-o", out, flag, last)
        assert result.code == 0, result.err
        text = "\n".join(docx_texts(out))
        assert "城市低保标准由每人每月650元提高到694元" in text
        assert "实施临时救助2188人次，较上年增加138人次，增长6.7%" in text


def test_inline_last_year_wins_over_the_file_with_a_note(run_cli, county, tmp_path: Path) -> None:
    this = county("总结:\n  社会救助:\n    指标:\n      临时救助人次: {本年: 2188, 上年: 2000}\n")
    last = county(
        "总结:\n  社会救助:\n    指标:\n      临时救助人次: 2050\n",
        name="last.yaml",
        base="单位: 甲\n地区: 乙县\n年度: 2023\n成文日期: 2023-12-25\n",
    )
    result = run_cli(this, "-o", tmp_path / "d.docx", "--prev", last)
    assert result.code == 0
    assert "上年为2000人次" in result.out and "上年文件中为2050人次" in result.out


def test_warnings_in_the_run_summary(run_cli, county, tmp_path: Path) -> None:
    result = run_cli(county(SUSPICIOUS), "-o", tmp_path / "d.docx")
    assert result.code == 0, result.err  # warnings are not errors
    out = result.out
    assert "请核对5处" in out
    assert "城市低保人数+农村低保人数之和大于低保人数（1000人）" in out
    assert "城市低保标准为8400元/人·月，像是年标准" in out
    assert "临时救助人次与上年相比变化82.3%" in out
    assert "每人次临时救助金额约221728元，不在常见范围" in out
    assert "年检参检率为118%，超出0–100%的范围" in out


def test_money_in_yuan_and_a_monthly_figure_in_yearly_units_are_pointed_out(
    run_cli, county, tmp_path: Path
) -> None:
    """Held-out 63 (「78499088元」 written as typed) and 55 (a 月人均 amount typed 元/人·年): warnings, not errors."""
    data = county(
        "总结:\n  社会救助:\n    指标: {低保金额: 78499088元, 农村低保月人均补助: 3832.03元/人·年}\n"
    )
    result = run_cli(data, "-o", tmp_path / "d.docx")
    assert result.code == 0, result.err
    assert (
        "低保金额写成了「78499088元」，草稿照写；报告中这样大的金额通常写作万元，如「7849.91万元」"
        in result.out
    )
    assert "农村低保月人均补助是按月的数，这里写的是3832.03元/人·年（每人每年）" in result.out
    small = run_cli(
        county("总结:\n  社会救助:\n    指标: {低保金额: 850000元}\n", name="s.yaml"),
        "-o",
        tmp_path / "s.docx",
    )
    assert "写成了" not in small.out  # under 100万元, 元 is how many reports write it


def test_review_puts_each_warning_on_the_sentence_with_the_figure(run_cli, county, tmp_path: Path) -> None:
    out = tmp_path / "review.docx"
    result = run_cli(county(SUSPICIOUS), "-o", out, "--review")
    assert result.code == 0 and "已写成Word批注" in result.out
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode()
        body = z.read("word/document.xml").decode()
    # five 请核对 comments; the proofreader's (审读：…), the usual-figure reminders (提示：…) and the plan's
    # 参考表述 comments come on top
    found = [c.text for c in Document(str(out)).comments]
    assert len([c for c in found if not c.startswith(("审读：", "提示：", "参考表述："))]) == 5
    assert comments.count("<w:comment ") == len(found)
    assert "民政年报起草器" in comments and "像是年标准" in comments
    # the comment on 年检参检率 spans the sentence that carries 118%
    paragraph = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", body) if "118%" in p)
    assert "commentRangeStart" in paragraph and "commentReference" in paragraph


def test_tianmen_example_has_no_warnings() -> None:
    assert pipeline.prepare(TIANMEN).warnings == []


def test_validate_command(run_cli, county, tmp_path: Path) -> None:
    data = county(SUSPICIOUS)
    result = run_cli("validate", data, maintainer=True)
    assert result.code == 0
    assert "数据文件格式无误" in result.out and "请核对5处" in result.out and "待补充" in result.out
    assert (
        not list(tmp_path.glob("*.docx"))
        and not Path("outputs", "测试县民政局2024年工作总结及2025年工作计划.docx").exists()
    )
    bad = county("总结:\n  社会救助:\n    指标:\n      城市低保标准: 约700\n", name="bad.yaml")
    result = run_cli("validate", bad, maintainer=True)
    assert result.code == 2 and "bad.yaml:8:15:" in result.err and "是约数" in result.err


def test_init_scaffold_validates_drafts_and_is_protected(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "某县2024.yaml"
    result = run_cli("init", "某县", "2024", "-o", target, maintainer=True)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=民政年报.schema.json\n")
    assert (
        "      # 城市低保标准:  # 统计指标「城市最低生活保障平均标准」：城市居民最低生活保障标准；单位 元/人·月"
        in text
    )
    assert (tmp_path / "民政年报.schema.json").is_file()
    draft = pipeline.prepare(target)
    # the usual topics: empty ones to fill (【待补充】), their plans drafted in 参考表述 to check
    assert draft.missing and len(draft.references) >= 6
    assert len([s for p in draft.parts for s in p.sections]) >= 8
    # --全部: every figure of the schema is in it, commented out
    everything = tmp_path / "全部.yaml"
    assert run_cli("init", "某县", "2024", "--全部", "-o", everything, maintainer=True).code == 0
    full = everything.read_text(encoding="utf-8")
    from generator.data import catalogue

    for topic in catalogue.topics():
        for figure in topic.figures:
            assert f"      # {figure.key}:" in full
    result = run_cli("init", "某县", "2024", "-o", target, maintainer=True)
    assert result.code == 2 and "文件已存在" in result.err and "--覆盖" in result.err
    assert target.read_text(encoding="utf-8") == text
    # --覆盖, as for every other writing command: the file (and a foreign schema beside it) is replaced
    target.write_text("单位: 手写的\n", encoding="utf-8")
    (tmp_path / "民政年报.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli("init", "某县", "2024", "-o", target, "--覆盖", maintainer=True)
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8") == text
    assert "民政年报数据文件" in (tmp_path / "民政年报.schema.json").read_text(encoding="utf-8")


def test_schema_has_chinese_titles_and_checks_the_scaffold(run_cli, tmp_path: Path) -> None:
    result = run_cli("schema", maintainer=True)
    schema = json.loads(result.out)
    assert schema["title"] == "民政年报数据文件"
    assert schema["properties"]["总结"]["description"]
    figures = schema["$defs"]["social_assistance_figures"]
    assert figures["title"] == "社会救助·指标" and figures["additionalProperties"] is False
    assert "元/人·月" in figures["properties"]["城市低保标准"]["description"]
    target = tmp_path / "s.yaml"
    run_cli("init", "某县", "2024", "-o", target, maintainer=True)
    as_json = json.loads(
        json.dumps(yaml.safe_load(target.read_text(encoding="utf-8")), default=str)
    )  # dates as text
    jsonschema.validate(as_json, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"单位": "甲", "地区": "乙", "年度": 2024, "成文日期": "2024-12-25", "总结": {"养老服物": {}}},
            schema,
        )


# ---- any YAML value either validates or gives a clean error -------------------------------------

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["城市低保标准", "临时救助人次", "年检参检率"]),
    yaml_values,
    st.sampled_from(["社会救助", "社会组织"]),
)
def test_any_yaml_value_validates_or_fails_cleanly(
    tmp_path: Path, key: str, value: object, topic: str
) -> None:
    document = {
        "单位": "甲",
        "地区": "乙县",
        "年度": 2024,
        "成文日期": "2024-12-25",
        "总结": {topic: {"指标": {key: value}, "工作": [{"内容": value}]}},
    }
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    try:
        source: Source = load(path)
        validate(source, Report)
    except InputError as e:
        assert e.problems and all(line.startswith(str(path)) for line in e.problems)
        return
    pipeline.prepare(path)  # what validates also drafts


def test_references_in_county_text(county, tmp_path: Path, run_cli) -> None:
    data = county(
        """
        总结:
          社会救助:
            标准句式: false
            指标:
              低保人数: 111721
              城市低保标准: {本年: 570, 上年: 520}
            自定指标:
              网格员: 996人
            工作:
              - 内容: 标准由每人每月{城市低保标准.上年.数值}元提高到每人每月{城市低保标准.数值}元，为{低保人数.数值}名低保人员发放低保金，选聘网格员{网格员}。
        """
    )
    out = tmp_path / "d.docx"
    pipeline.build(data, out=out)
    texts = docx_texts(out)
    # A part with one section writes its heading as the lead sentence of the section's first paragraph.
    assert any(
        t.endswith("标准由每人每月520元提高到每人每月570元，为111721名低保人员发放低保金，选聘网格员996人。")
        for t in texts
    )
    assert not any(
        "全市城市低保标准" in t for t in texts
    )  # 标准句式: false — no standard sentence repeats it
    bad = county(
        "总结:\n  社会救助:\n    工作:\n      - 内容: 共{低保人口}人，{城市低保标准.值}\n", name="bad.yaml"
    )
    result = run_cli(bad, "-o", tmp_path / "e.docx")
    assert result.code == 2 and "「{城市低保标准.值}」写法有误" in result.err
    bad = county("总结:\n  社会救助:\n    工作:\n      - 内容: 共{低保人口}人\n", name="bad2.yaml")
    result = run_cli(bad, "-o", tmp_path / "e.docx")
    assert result.code == 2 and "引用了「{低保人口}」" in result.err and "是否想写：低保人数？" in result.err
