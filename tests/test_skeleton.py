"""`generator learn` and drafts that follow the learned skeleton (or the county's own layout)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator import pipeline
from generator.templateset import builtin_templates
from tests.conftest import ROOT, docx_texts, paragraphs

SKELETON = builtin_templates() / "skeleton.yaml"


def test_learning_the_seeds_reproduces_the_committed_skeleton(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "skeleton.yaml"
    result = run_cli("learn", ROOT / "seeds", "-o", out, maintainer=True)
    assert result.code == 0, result.err
    assert "已学习 5 份报告" in result.out
    assert out.read_bytes() == SKELETON.read_bytes()


def test_learned_skeleton_content() -> None:
    skeleton = yaml.safe_load(SKELETON.read_text(encoding="utf-8"))
    summary = [e["专题"] for e in skeleton["总结"]["专题"]]
    assert summary[:3] == ["社会救助", "养老服务", "儿童福利"]
    entry = next(e for e in skeleton["总结"]["专题"] if e["专题"] == "养老服务")
    assert entry["报告数"] == 5 and any("养老" in p["写法"] for p in entry["标题写法"])
    group = next(g for g in skeleton["总结"]["分组"] if g["名称"] == "社会事务")
    assert set(group["常见成员"]) == {"殡葬管理", "婚姻登记", "残疾人福利"}
    assert skeleton["计划"]["部分标题"][0] == {"写法": "{年}年工作计划", "次数": 3}


def test_unreadable_report_is_reported_and_skipped(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    result = run_cli("learn", folder, "-o", tmp_path / "s.yaml", maintainer=True)
    assert result.code == 0
    assert "跳过" in result.err and "broken.docx" in result.err
    assert "已学习 5 份报告（跳过 1 份）" in result.out


def test_learn_takes_several_folders_and_skips_junk_and_corrupt_files(run_cli, tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    for i in range(20):
        (junk / f"junk{i}.txt").write_text(f"随便写的文字{i}。没有任何标题和结构。\n" * 3, encoding="utf-8")
    (junk / "truncated.docx").write_bytes((ROOT / "seeds" / "README.md").read_bytes()[:100])
    out = tmp_path / "s.yaml"
    result = run_cli("learn", ROOT / "seeds", junk, "-o", out, maintainer=True)
    assert result.code == 0, result.err
    assert "已学习 5 份报告（跳过 21 份）" in result.out
    assert result.err.count("跳过") == 21 and "不像一份工作报告" in result.err
    assert out.read_text(encoding="utf-8") == (ROOT / "templates" / "skeleton.yaml").read_text(
        encoding="utf-8"
    )


def test_learn_never_replaces_a_file_it_did_not_write(run_cli, tmp_path: Path) -> None:
    county = tmp_path / "county.yaml"
    county.write_text("单位: 某县民政局\n", encoding="utf-8")
    result = run_cli("learn", ROOT / "seeds", "-o", county, maintainer=True)
    assert result.code == 2 and "不是本命令以前写出的文件" in result.err
    assert county.read_text(encoding="utf-8") == "单位: 某县民政局\n"
    assert run_cli("learn", ROOT / "seeds", "-o", county, "--覆盖", maintainer=True).code == 0
    assert run_cli("learn", ROOT / "seeds", "-o", county, maintainer=True).code == 0, "its own output"


def test_empty_folder_is_an_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("learn", tmp_path, "-o", tmp_path / "s.yaml", maintainer=True)
    assert result.code == 2 and "没有找到" in result.err
    assert not (tmp_path / "s.yaml").exists()


BODY = """\
总结:
  社会救助: {标题: 救助}
  养老服务: {标题: 养老}
  殡葬管理: {标题: 殡葬}
  婚姻登记: {标题: 婚姻}
  区划地名: {标题: 地名}
"""


def _level2(path: Path) -> list[str]:
    """The summary's section headings (the plan part, drafted in 参考表述, follows the plan's order)."""
    found, parts = [], 0
    for style, text in paragraphs(path):
        parts += style == "Heading 1"
        if style == "Heading 2" and parts == 1:
            found.append(text.split("）", 1)[1])
    return found


def test_draft_follows_the_skeleton_order_and_groups(county, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    pipeline.build(county(BODY), out=out)
    # 殡葬 + 婚姻 form the learned 社会事务 group; 区划地名 comes last, as in most reports.
    assert _level2(out) == ["救助", "养老", "健全社会事务服务体系", "地名"]


def test_a_changed_skeleton_changes_the_section_order(county, tmp_path: Path) -> None:
    custom = tmp_path / "my-templates"
    custom.mkdir()
    skeleton = yaml.safe_load(SKELETON.read_text(encoding="utf-8"))
    skeleton["总结"]["专题"].reverse()
    skeleton["总结"]["分组"] = []
    (custom / "skeleton.yaml").write_text(yaml.safe_dump(skeleton, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "b.docx"
    pipeline.build(county(BODY), out=out, templates=custom)
    assert _level2(out) == ["地名", "婚姻", "殡葬", "养老", "救助"]


def test_county_order_and_groups_override_the_skeleton(county, tmp_path: Path) -> None:
    data = county(
        BODY
        + """\
结构:
  总结:
    部分标题: 2024年主要工作完成情况
    顺序: [区划地名, 社会救助]
    分组: []
"""
    )
    out = tmp_path / "c.docx"
    pipeline.build(data, out=out)
    assert _level2(out) == ["地名", "救助", "养老", "殡葬", "婚姻"]
    assert "一、2024年主要工作完成情况" in docx_texts(out)


def test_county_layout_typo_gets_a_suggestion(run_cli, county, tmp_path: Path) -> None:
    data = county(BODY + "结构:\n  总结:\n    顺序: [社会救主]\n")
    result = run_cli(data, "-o", tmp_path / "d.docx")
    assert result.code == 2
    assert "结构.总结.顺序[第1项]: 未知的专题「社会救主」，是否想写：社会救助？" in result.err


PLAN_ONLY = ROOT / "tests" / "layouts" / "plan_only_titled.txt"


def test_plan_only_documents_teach_the_plan_part(run_cli, tmp_path: Path) -> None:
    """A 工作要点 has no part header: its title gives the plan part's wording, its sections the plan's order."""
    out = tmp_path / "skeleton.yaml"
    result = run_cli("learn", PLAN_ONLY, "-o", out, maintainer=True)
    assert result.code == 0, result.err
    learned = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert learned["计划"]["部分标题"] == [{"写法": "{年}年工作要点", "次数": 1}]
    assert [e["专题"] for e in learned["计划"]["专题"]] == ["养老服务", "社会救助", "婚姻登记"]
    assert learned["总结"] == {"部分标题": [], "专题": [], "分组": []}


def test_plan_wordings_of_plan_only_documents_add_to_the_seeds(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / "seeds", folder)
    shutil.copy(PLAN_ONLY, folder)
    out = tmp_path / "skeleton.yaml"
    assert run_cli("learn", folder, "-o", out, maintainer=True).code == 0
    learned = yaml.safe_load(out.read_text(encoding="utf-8"))
    shipped = yaml.safe_load(SKELETON.read_text(encoding="utf-8"))
    assert {"写法": "{年}年工作要点", "次数": 1} in learned["计划"]["部分标题"]
    assert learned["总结"] == shipped["总结"], "a plan-only document teaches nothing about summaries"
    婚姻 = next(e for e in learned["计划"]["专题"] if e["专题"] == "婚姻登记")
    assert 婚姻["报告数"] == 3 and "推进婚俗改革" in [w["写法"] for w in 婚姻["标题写法"]]


PLAN_BODY = """\
总结:
  社会救助: {标题: 救助}
  养老服务: {标题: 养老}
计划:
  社会救助: {标题: 兜底, 目标: [落实低保动态管理。]}
  养老服务: {标题: 养老计划, 目标: [新建社区养老服务站三个。]}
  婚姻登记: {标题: 婚俗, 目标: [推进婚俗改革。]}
"""


def _part_sections(path: Path, part: int) -> list[str]:
    found, parts = [], 0
    for style, text in paragraphs(path):
        parts += style == "Heading 1"
        if style == "Heading 2" and parts == part:
            found.append(text.split("）", 1)[1])
    return found


def test_the_plan_part_follows_the_plans_learned_order(run_cli, county, tmp_path: Path) -> None:
    """The plan part is drafted in the order and under the wording learned from plans, not the summary's."""
    shipped = tmp_path / "shipped.docx"
    pipeline.build(county(PLAN_BODY), out=shipped)
    assert _part_sections(shipped, 2) == ["兜底", "养老计划", "婚俗"]
    custom = tmp_path / "my-templates"
    custom.mkdir()
    assert run_cli("learn", PLAN_ONLY, "-o", custom / "skeleton.yaml", maintainer=True).code == 0
    out = tmp_path / "learned.docx"
    pipeline.build(county(PLAN_BODY), out=out, templates=custom)
    assert _part_sections(out, 1) == ["救助", "养老"], "the summary keeps the catalogue's order"
    assert _part_sections(out, 2) == ["养老计划", "兜底", "婚俗"]
    assert "二、2025年工作要点" in docx_texts(out)
