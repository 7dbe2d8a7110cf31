"""An office's template folder adds topics and figures in its own 专题.yaml: every command sees them, the
installed catalogue is untouched, and mistakes in the file are located Chinese lines."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator.data import catalogue
from tests.conftest import BASE, docx_texts

TOPIC_FILE = """\
专题:
  志愿服务:
    标题: {总结: 大力发展志愿服务事业, 计划: 推动志愿服务常态化}
    关键词: [志愿者]
    指标:
      社区志愿服务站点数: {单位: 个, 说明: 在册的社区志愿服务站点数, 示例: 120, 口径: 期末数}
      志愿服务项目数: {单位: 个, 说明: 全年开展的志愿服务项目数, 示例: 80}
  社会救助:
    指标:
      防返贫监测户数: {单位: 户, 说明: 纳入防止返贫动态监测的户数, 示例: 300, 口径: 期末数}
"""

COUNTY = """\
模板: 办公室模板
总结:
  社会救助:
    指标:
      低保人数: 10661
      防返贫监测户数: 320
  志愿服务:
    指标:
      社区志愿服务站点数: 126
      志愿服务项目数: 85
"""


@pytest.fixture(autouse=True)
def _builtin_afterwards():
    yield
    catalogue.use_office(())  # in-process runs: the next test starts from the built-in catalogue


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "办公室模板"
    (folder / "总结").mkdir(parents=True)
    (folder / "专题.yaml").write_text(TOPIC_FILE, encoding="utf-8")
    return folder


@pytest.mark.usefixtures("office")
def test_the_draft_writes_the_office_topic_and_figures(run_cli, tmp_path: Path) -> None:
    data = tmp_path / "县.yaml"
    data.write_text(BASE + COUNTY, encoding="utf-8")
    out = tmp_path / "县.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    text = "\n".join(docx_texts(out))
    assert "大力发展志愿服务事业" in text
    assert "126个" in text and "85个" in text
    assert "防返贫监测户数320户" in text
    assert "社区志愿服务站点数" not in catalogue.CATALOGUE_FILE.read_text(encoding="utf-8")


def test_the_office_template_of_its_own_topic_is_used(run_cli, office: Path, tmp_path: Path) -> None:
    (office / "总结" / "志愿服务.j2").write_text(
        "全县建成社区志愿服务站点{{ 指标.社区志愿服务站点数 }}。\n{{ 指标.段落() }}\n", encoding="utf-8"
    )
    data = tmp_path / "县.yaml"
    data.write_text(BASE + COUNTY, encoding="utf-8")
    out = tmp_path / "县.docx"
    assert run_cli(data, "-o", out).code == 0
    assert "全县建成社区志愿服务站点126个。" in docx_texts(out)


@pytest.mark.usefixtures("office")
def test_without_the_folder_the_topic_is_unknown(run_cli, tmp_path: Path) -> None:
    data = tmp_path / "县.yaml"
    data.write_text(BASE + COUNTY.replace("模板: 办公室模板\n", ""), encoding="utf-8")
    result = run_cli("validate", data, maintainer=True)
    assert result.code == 2
    assert "志愿服务" in result.err


def test_validate_with_templates_option(run_cli, office: Path, tmp_path: Path) -> None:
    data = tmp_path / "县.yaml"
    data.write_text(BASE + COUNTY.replace("模板: 办公室模板\n", ""), encoding="utf-8")
    result = run_cli("validate", data, "--templates", office, maintainer=True)
    assert result.code == 0, result.err
    assert "志愿服务" in result.out


def test_topics_and_schema_list_them(run_cli, office: Path) -> None:
    listed = run_cli("topics", "--templates", office, maintainer=True)
    assert listed.code == 0
    assert "\n志愿服务\n" in listed.out
    assert "社区志愿服务站点数：在册的社区志愿服务站点数（单位：个；期末数" in listed.out
    assert "防返贫监测户数" in listed.out
    assert "志愿服务项目数" not in run_cli("topics", maintainer=True).out
    schema = run_cli("schema", "--templates", office, maintainer=True)
    assert schema.code == 0
    assert "社区志愿服务站点数" in json.dumps(json.loads(schema.out), ensure_ascii=False)


def test_init_writes_the_office_topic_and_the_folder(run_cli, office: Path, tmp_path: Path) -> None:
    target = tmp_path / "新县.yaml"
    result = run_cli("init", "新县", "2024", "-o", target, "--templates", office, maintainer=True)
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert "\n模板: 办公室模板" in text
    assert "  志愿服务:\n    标题: 大力发展志愿服务事业" in text
    assert "# 社区志愿服务站点数:" in text
    assert run_cli("validate", target, maintainer=True).code == 0


def test_check_templates_wants_no_builtin_for_the_office_topic(run_cli, office: Path) -> None:
    result = run_cli("check-templates", office, maintainer=True)
    assert "缺少模板" not in result.out
    assert "志愿服务" not in "".join(line for line in result.out.splitlines() if not line.startswith("警告"))
    assert result.code == 0, result.out


def test_check_templates_checks_the_office_topic_template(run_cli, office: Path) -> None:
    (office / "总结" / "志愿服务.j2").write_text("{{ 指标.社区志愿服务站点数 }}\n", encoding="utf-8")
    result = run_cli("check-templates", office, maintainer=True)
    assert result.code != 0
    assert "总结/志愿服务.j2" in result.out and "志愿服务项目数" in result.out


def test_an_undeclared_topic_template_says_how_to_declare_it(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "办公室模板"
    (folder / "总结").mkdir(parents=True)
    (folder / "总结" / "志愿服务.j2").write_text("{{ 指标.段落() }}\n", encoding="utf-8")
    data = tmp_path / "县.yaml"
    data.write_text(BASE + "模板: 办公室模板\n", encoding="utf-8")
    for result in (
        run_cli("validate", data, maintainer=True),
        run_cli("check-templates", folder, maintainer=True),
    ):
        assert result.code != 0
        said = result.out + result.err
        assert "总结/志愿服务.j2: 「志愿服务」不是已有的专题" in said
        assert "专题.yaml 中声明" in said and "标题: {总结: …, 计划: …}" in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专题:\n  志愿服务:\n    指标: {}\n", "专题.yaml:2: 新专题「志愿服务」缺少「标题」"),
        (
            "专题:\n  社会救助:\n    指标:\n      低保人数: {单位: 人, 说明: 重复}\n",
            "专题.yaml:4: 指标「低保人数」已是内置专题「社会救助」的指标",
        ),
        ("专题:\n  社会救助:\n    指标:\n      某某数: {单位: 个}\n", "专题.yaml:4:"),
        ("专题:\n  社会救助:\n    指标:\n      某某数: {单位: 个, 说明: 甲, 口径: 合计}\n", "口径"),
        ("专题:\n  社会救助:\n    标题: {总结: 甲, 计划: 乙}\n", "专题.yaml:2: 「社会救助」是内置专题"),
        ("专题：\n  志愿服务：{}\n", "专题.yaml:"),
        (  # the guide's title typed with a Chinese input method: one key with no value, once said as None
            "专题:\n  志愿服务:\n    标题: {总结：大力发展志愿服务事业，计划：推动志愿服务常态化}\n    指标: {}\n",
            "专题.yaml:3:12: 花括号里键和值之间要用半角冒号加一个空格「: 」",
        ),
    ],
)
def test_mistakes_in_the_topic_file_are_located(run_cli, tmp_path: Path, text: str, expected: str) -> None:
    folder = tmp_path / "办公室模板"
    folder.mkdir()
    (folder / "专题.yaml").write_text(text, encoding="utf-8")
    for result in (
        run_cli("topics", "--templates", folder, maintainer=True),
        run_cli("check-templates", folder, maintainer=True),
    ):
        said = result.out + result.err
        assert result.code != 0
        assert expected in said, said
        assert "程序内部错误" not in said and "Traceback" not in said


@pytest.mark.usefixtures("office")
def test_a_second_office_does_not_see_the_first_ones_topics(run_cli, tmp_path: Path) -> None:
    other = tmp_path / "别的模板"
    other.mkdir()
    data = tmp_path / "县.yaml"
    data.write_text(BASE + COUNTY, encoding="utf-8")
    assert run_cli("validate", data, maintainer=True).code == 0
    plain = tmp_path / "另一县.yaml"
    plain.write_text(BASE + textwrap.dedent(COUNTY).replace("办公室模板", "别的模板"), encoding="utf-8")
    result = run_cli("validate", plain, maintainer=True)
    assert result.code == 2 and "志愿服务" in result.err


def _guide_blocks() -> list[str]:
    """The code blocks of templates/README.md's 「新增专题」 section, in order."""
    guide = (Path(__file__).resolve().parent.parent / "templates" / "README.md").read_text(encoding="utf-8")
    section = guide[guide.index("## 示例：新增一个专题") :]
    section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
    blocks = []
    for chunk in section.split("```")[1::2]:
        _lang, _, body = chunk.partition("\n")
        blocks.append(textwrap.dedent(body))
    return blocks


def test_the_guide_example_works_as_written(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    topics, phrases, template, county, commands = _guide_blocks()
    folder = tmp_path / "办公室模板"
    (folder / "总结").mkdir(parents=True)
    (folder / "专题.yaml").write_text(topics, encoding="utf-8")
    (folder / "句式.yaml").write_text(phrases, encoding="utf-8")
    (folder / "总结" / "志愿服务.j2").write_text(template, encoding="utf-8")
    data = tmp_path / "县.yaml"
    data.write_text(county, encoding="utf-8")
    out = tmp_path / "县.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    text = docx_texts(out)
    assert any(p.endswith("全县建成社区志愿服务站点126个。") for p in text)
    assert any("开展志愿服务项目85个" in p for p in text)
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 0, checked.out
    assert "志愿服务" not in checked.out.replace("检查了", "")
    monkeypatch.chdir(tmp_path)
    ran = 0
    for line in commands.splitlines():
        words = line.split("#")[0].split()
        if words:
            result = run_cli(*words[1:], maintainer=words[0] == "generator")
            assert result.code == 0, (line, result.err, result.out)
            ran += 1
    assert ran == 6
    assert "志愿服务" in (tmp_path / "测试县2024.yaml").read_text(encoding="utf-8")


def test_a_phrase_for_an_undeclared_topic_says_to_declare_it(run_cli, tmp_path: Path) -> None:
    """句式.yaml written for 志愿服务 before 专题.yaml: 「是否想写：养老服务」 alone sent the maintainer astray."""
    folder = tmp_path / "办公室模板"
    folder.mkdir()
    (folder / "句式.yaml").write_text(
        "句式:\n  志愿服务:\n    志愿服务项目数: 开展志愿服务项目{值}\n", "utf-8"
    )
    result = run_cli("check-templates", folder, maintainer=True)
    assert result.code == 2
    assert "未知的专题「志愿服务」" in result.out
    assert "先在模板文件夹的 专题.yaml 中声明，见 templates/README.md「示例：新增一个专题」" in result.out
