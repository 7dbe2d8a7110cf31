"""参考表述: a plan the county did not give is drafted from the usual commitments (and last year's plan),
highlighted in turquoise and commented in Word, counted in the run summary, and switched off on demand."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator import pipeline
from generator.data import catalogue
from generator.draft import reference
from generator.errors import ConfigError
from generator.templateset import builtin_templates, load
from tests.conftest import BASE, INPUTS, ROOT, TIANMEN, paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNSEEN = sorted((ROOT / "tests" / "unseen" / "counties").glob("*.yaml"))
COUNTY_FILES = [*sorted(INPUTS.glob("*.yaml")), *UNSEEN]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_JOINER = "\u2060"

NO_PLAN = """\
总结:
  社会救助:
    指标: {城市低保标准: 700, 低保人数: 3160}
  养老服务:
    工作: [推进居家养老服务。]
  婚姻登记:
    标题: 规范婚姻登记
"""


@pytest.fixture(scope="module")
def usual() -> reference.ReferenceBook:
    return load(None).references


def _paragraphs_xml(path: Path) -> tuple[list[etree._Element], dict[str, str]]:
    """The body paragraphs of the .docx, and its comments (id -> text)."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        names = z.namelist()
        comments = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in names else None
    texts = {}
    for c in comments.iter(f"{W}comment") if comments is not None else []:
        texts[c.get(f"{W}id")] = "".join(t.text or "" for t in c.iter(f"{W}t"))
    return list(body.iter(f"{W}p")), texts


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t")).replace(_JOINER, "")


def _highlighted(p: etree._Element, colour: str) -> str:
    """The text of the paragraph's runs highlighted in ``colour`` (Word's name: cyan is turquoise)."""
    shown = []
    for run in p.iter(f"{W}r"):
        mark = run.find(f"{W}rPr/{W}highlight")
        if mark is not None and mark.get(f"{W}val") == colour:
            shown.append(_text(run))
    return "".join(shown)


def _plan(path: Path) -> list[tuple[str, str]]:
    """(style, text) of the plan part: from its part heading up to the signature."""
    found = paragraphs(path)
    start = [i for i, (style, _) in enumerate(found) if style == "Heading 1"][-1]
    end = next(i for i, (style, _) in enumerate(found) if style == "落款")
    return found[start:end]


def test_no_plan_gives_one_reference_section_per_summary_topic(county, tmp_path: Path, usual) -> None:
    out = tmp_path / "d.docx"
    result = pipeline.build(county(NO_PLAN), out=out)
    plan = _plan(out)
    assert plan[0][1] == "二、2025年工作计划"
    sections = [text for style, text in plan if style == "Heading 2"]
    assert sections == [
        "（一）兜牢兜准兜好基本民生底线",
        "（二）加快发展养老服务体系",
        "（三）提升婚姻登记服务水平",
    ]
    assert "【待补充" not in "".join(text for _, text in plan)
    # each section: the usual commitments of its topic, in one paragraph
    bodies = [text for style, text in plan if style == "Normal"]
    assert bodies[0] == "".join(usual.usual("社会救助")[: reference.MAX_ITEMS])
    assert bodies[2] == "".join(usual.usual("婚姻登记"))
    assert result.draft.reference_topics() == ["社会救助", "养老服务", "婚姻登记"]
    assert len(result.draft.references) == 3


def test_every_reference_paragraph_is_turquoise_and_commented(county, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    undated = "单位: 测试县民政局\n地区: 测试县\n年度: 2024\n"  # 【待补充：成文日期】 in yellow
    pipeline.build(county(NO_PLAN, base=undated), out=out)
    body, comments = _paragraphs_xml(out)
    marked = [p for p in body if _highlighted(p, "cyan")]
    assert len(marked) == 3
    for p in marked:
        assert _highlighted(p, "cyan") == _text(p)  # the whole paragraph, nothing else
        ids = [s.get(f"{W}id") for s in p.iter(f"{W}commentRangeStart")]
        assert len(ids) == 1 and "参考表述" in comments[ids[0]] and "请核实、修改或删除" in comments[ids[0]]
    assert not any(_highlighted(p, "cyan") for p in body if p not in marked)
    # 【待补充】 stays yellow, as before
    assert any("【待补充" in _highlighted(p, "yellow") for p in body)
    assert all("【待补充" not in _highlighted(p, "cyan") for p in body)


def test_run_summary_names_the_reference_topics(run_cli, county, tmp_path: Path) -> None:
    result = run_cli(county(NO_PLAN), "-o", tmp_path / "d.docx")
    assert result.code == 0
    line = next(line for line in result.out.splitlines() if line.startswith("参考表述"))
    assert line.startswith("参考表述3段（计划：社会救助、养老服务、婚姻登记）")
    assert "青绿色" in line and "--不写参考" in line
    assert "起草计划：3节（社会救助、养老服务、婚姻登记）" in result.out
    validated = run_cli("validate", county(NO_PLAN), maintainer=True)
    assert "参考表述3段" in validated.out


@pytest.mark.parametrize("how", ["option", "county file"])
def test_switched_off_the_plan_is_to_be_filled_again(run_cli, county, tmp_path: Path, how: str) -> None:
    out = tmp_path / "d.docx"
    if how == "option":
        result = run_cli(county(NO_PLAN), "-o", out, "--不写参考")
    else:
        result = run_cli(county("参考表述: false\n" + NO_PLAN), "-o", out)
    assert result.code == 0 and "参考表述" not in result.out
    assert [text for _, text in _plan(out)] == ["二、2025年工作计划", "【待补充：2025年工作计划】"]
    body, comments = _paragraphs_xml(out)
    assert not any(_highlighted(p, "cyan") for p in body) and not comments


def test_a_county_plan_topic_gets_only_its_own_plan(county, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    data = county(
        NO_PLAN + "计划:\n  养老服务:\n    目标: [新建老年食堂5个。]\n  婚姻登记:\n    标题: 只写了标题\n"
    )
    result = pipeline.build(data, out=out)
    plan = _plan(out)
    at = next(i for i, (_, text) in enumerate(plan) if "加快发展养老服务体系" in text)
    assert plan[at + 1][1] == "新建老年食堂5个。"  # and nothing else under it
    assert plan[at + 2][0] == "Heading 2"
    body, _ = _paragraphs_xml(out)
    marked = [_text(p) for p in body if _highlighted(p, "cyan")]
    assert len(marked) == 2 and not any("老年" in text or "养老" in text for text in marked)
    # a title alone is no plan: the county's own title over the usual commitments
    assert any("只写了标题" in text for _, text in plan)
    assert result.draft.reference_topics() == ["社会救助", "婚姻登记"]


def test_last_years_plan_comes_first_then_what_it_does_not_cover(county, tmp_path: Path, usual) -> None:
    out = tmp_path / "d.docx"
    data = county(
        """\
        总结:
          社会救助:
            指标: {低保人数: 3160}
            去年计划:
              - 健全分层分类、城乡统筹的社会救助体系，推进低保扩围增效
              - "- 新建区域性救助服务中心2个"
        """
    )
    pipeline.build(data, out=out)
    body, _ = _paragraphs_xml(out)
    (marked,) = [_highlighted(p, "cyan") for p in body if _highlighted(p, "cyan")]
    first, second, *rest = re.findall(r"[^。]*。", marked)
    assert first == "健全分层分类、城乡统筹的社会救助体系，推进低保扩围增效。"
    assert second == "新建区域性救助服务中心2个。"
    # the usual commitment that last year's first item already makes is left out; two more fill up to four
    commitments = usual.usual("社会救助")
    assert commitments[0] not in marked
    assert rest == commitments[1:3]


def test_last_years_plan_alone_puts_a_topic_in_the_plan(county, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    data = county(NO_PLAN + "  殡葬管理:\n    去年计划: [推进节地生态安葬。]\n")
    result = pipeline.build(data, out=out)
    assert "殡葬管理" not in [s.topic for p in result.draft.parts if p.key == "总结" for s in p.sections]
    assert "殡葬管理" in result.draft.reference_topics()
    assert any(text.startswith("推进节地生态安葬。") for _, text in _plan(out))


@pytest.mark.parametrize("path", COUNTY_FILES, ids=lambda p: p.stem)
def test_every_county_gets_a_plan_with_no_number_it_lacks(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    draft = pipeline.build(path, out=out).draft
    plan = next(p for p in draft.parts if p.key == "计划")
    assert plan.sections, "an empty plan part"
    summary = next(p for p in draft.parts if p.key == "总结")
    topics = {t for s in summary.sections for t in s.topics()}
    planned = {t for s in plan.sections for t in s.topics()}
    assert topics - {"疫情防控"} <= planned
    source = path.read_text(encoding="utf-8")
    numbers = set(_NUMBER.findall(source))
    body, _ = _paragraphs_xml(out)
    for p in body:
        for n in _NUMBER.findall(_highlighted(p, "cyan")):
            assert n in numbers, f"{n} in 参考表述 of {path.name}"


def test_shipped_commitments_cover_every_topic_and_hold_no_number(usual) -> None:
    text = (builtin_templates() / reference.REFERENCE_NAME).read_text(encoding="utf-8")
    assert text.startswith("# 参考表述")  # the header for template maintainers
    body = "".join(c for topic in usual.commitments for c in usual.usual(topic))
    assert not re.search(r"[0-9０-９]", body)
    missing = set(catalogue.topic_keys()) - set(usual.commitments) - {"疫情防控"}
    assert not missing
    assert all(2 <= len(usual.usual(t)) <= reference.MAX_ITEMS for t in usual.commitments)
    # A plan of any year gets words for every topic: a dated commitment is never a topic's only one.
    assert all(usual.usual(t, 2000) for t in usual.commitments)


def test_a_plan_gets_the_words_of_its_year_and_a_short_plan_fewer(county, tmp_path: Path) -> None:
    """A 2017 plan has no 「基本养老服务清单」 (a list of 2023); a plan for the second half of a year has two
    commitments a topic, not a year's four."""
    texts = {}
    bases = {
        "2016": BASE.replace("2024", "2016"),
        "2024": BASE,
        "半年": BASE.replace("2024-12-25", "2024-07-10") + "报告期: 上半年\n",
    }
    for name, base in bases.items():
        data = county("总结:\n  养老服务:\n    指标: {养老机构数: 12}\n", name=f"{name}.yaml", base=base)
        out = tmp_path / f"{name}.docx"
        pipeline.build(data, out=out)
        texts[name] = [t for _, t in paragraphs(out)]
    plan = {}
    for name, t in texts.items():
        start = t.index(next(x for x in t if x.startswith("二、")))
        plan[name] = next(x for x in t[start:] if "养老" in x and x.endswith("。"))
    assert "基本养老服务清单" in plan["2024"] and "基本养老服务清单" not in plan["2016"]
    # The lone section's heading leads its text (「加快发展养老服务体系。」), then the commitments.
    assert plan["2024"].count("。") == 1 + 4 and plan["半年"].count("。") == 1 + 2


def test_an_office_folder_overrides_topics_and_is_checked(county, tmp_path: Path) -> None:
    folder = tmp_path / "我市模板"
    folder.mkdir()
    own = {"参考表述": {"社会救助": ["推进{全域}救助服务标准化建设。"], "婚姻登记": []}}
    (folder / reference.REFERENCE_NAME).write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "d.docx"
    pipeline.build(county(NO_PLAN), out=out, templates=folder)
    plan = [text for _, text in _plan(out)]
    assert "推进全县救助服务标准化建设。" in plan
    assert not any("婚姻" in text for text in plan)  # an empty list: no reference, no section
    assert any(text.startswith("健全覆盖城乡的基本养老服务体系") for text in plan)  # the rest built in
    own["参考表述"]["社会救助"] = ["新建救助站3个。"]
    (folder / reference.REFERENCE_NAME).write_text(yaml.safe_dump(own, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        pipeline.prepare(county(NO_PLAN), templates=folder)
    assert "参考表述.yaml" in str(caught.value) and "不能有数字" in str(caught.value)


def test_a_draft_with_references_reads_back(run_cli, tmp_path: Path) -> None:
    """init --从 our own draft: its 参考表述 becomes next year's 去年计划, and the new file drafts as written."""
    data = tmp_path / "next.yaml"
    tianmen = tmp_path / "tm.docx"
    assert run_cli(TIANMEN, "-o", tianmen).code == 0
    result = run_cli("init", "天门市", "2025", "--从", tianmen, "-o", data, maintainer=True)
    assert result.code == 0, result.err
    written = yaml.safe_load(data.read_text(encoding="utf-8"))
    assert any("困难残疾人生活补贴" in item for item in written["总结"]["残疾人福利"]["去年计划"])
    assert run_cli(data, "-o", tmp_path / "next.docx").code == 0
    # the 参考表述 of last year's draft is drafted once, not twice
    plan = "".join(text for _, text in _plan(tmp_path / "next.docx"))
    assert plan.count("困难残疾人生活补贴") == 1


def test_a_summary_only_report_gets_no_reference_plan(run_cli, county, tmp_path: Path) -> None:
    out = tmp_path / "d.docx"
    result = run_cli(county("只写总结: true\n" + NO_PLAN), "-o", out)
    assert result.code == 0 and "参考表述" not in result.out
    body, comments = _paragraphs_xml(out)
    assert not any(_highlighted(p, "cyan") for p in body) and not comments
    assert not any("工作计划" in text for _, text in paragraphs(out))


def test_a_dated_commitment_is_checked_like_any_other(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "我市模板"
    folder.mkdir()
    (folder / reference.REFERENCE_NAME).write_text(
        "参考表述:\n  社会救助:\n    - {句: 推进救助1项。, 自: 2023}\n    - {句: 推进救助。, 自: 两千}\n",
        encoding="utf-8",
    )
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2 and "程序内部错误" not in checked.out + checked.err
    assert (
        "参考表述.yaml:3:11: 参考表述.社会救助[第1项].句: 「推进救助1项。」：参考表述中不能有数字"
        in checked.out
    )
    assert "参考表述.yaml:4:21: 参考表述.社会救助[第2项].自: 应为整数" in checked.out
