"""Every template mistake of issue 22 located and explained, statically, in both generate and check-templates.

One test per failure the issue lists: each shows the mistake a template maintainer makes and what the two
commands must say (file:line, in Chinese, what to write instead, exit 2, no draft written).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from tests.conftest import MINIMAL, TIANMEN, docx_texts

ENGLISH = ("Jinja", "unexpected", "expected", "Error", "generator.draft", "object", "Traceback")


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "办公室模板"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def both(run_cli, tmp_path: Path, folder: Path) -> tuple[str, str]:
    """check-templates' and generate's messages for ``folder``; both must fail with exit 2, no draft."""
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2, checked.out + checked.err
    out = tmp_path / "草稿.docx"
    generated = run_cli(MINIMAL, "-o", out, "--templates", folder)
    assert generated.code == 2, generated.out + generated.err
    assert not out.exists()
    for text in (checked.out, generated.err):
        assert not any(word in text for word in ENGLISH), text
    return checked.out, generated.err


def test_a_statement_closed_by_a_lone_brace_says_percent_is_missing(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会救助.j2": "第一行\n{% if 指标 }\n有\n{% endif %}\n"})
    for text in both(run_cli, tmp_path, folder):
        assert "总结/社会救助.j2:2: 模板语法错误：缺少 %" in text
        assert "多了一个" not in text


def test_an_unclosed_if_is_reported_where_it_opened(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会救助.j2": "第一行\n{% if 指标 %}\n有\n\n\n第六行\n"})
    for text in both(run_cli, tmp_path, folder):
        assert "总结/社会救助.j2:2: 模板语法错误：{% if %} 没有对应的 {% endif %}" in text


def test_a_full_width_bracket_in_code_names_the_ascii_one(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会救助.j2": "{{ 指标.段落（） }}\n"})
    for text in both(run_cli, tmp_path, folder):
        assert "总结/社会救助.j2:1: 模板语法错误：出现了全角字符「（」" in text and "应写「(」" in text


def test_a_misspelt_figure_in_a_branch_the_data_does_not_reach_is_found(run_cli, tmp_path: Path) -> None:
    template = """\
        {% if 指标.有("临时救助人次") and false %}
        {{ 指标.临时救助资金 }}
        {% endif %}
        {{ 指标.段落() }}
        """
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert "总结/社会救助.j2:2: 专题「社会救助」没有指标「临时救助资金」，是否想写：临时救助金额" in text
        assert "FigureSet" not in text and "catalogue.yaml" not in text


def test_a_misspelt_figure_in_has_is_found(run_cli, tmp_path: Path) -> None:
    template = '{% if 指标.有("临时救助资金") %}\n{% endif %}\n{{ 指标.段落() }}\n'
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert "社会救助.j2:1: 专题「社会救助」没有指标「临时救助资金」，是否想写：临时救助金额" in text


def test_a_figure_of_another_topic_names_its_topic_and_template(run_cli, tmp_path: Path) -> None:
    """特困供养机构数 belongs to 养老服务: 「是否想写：特困供养金额」 sent the maintainer the wrong way."""
    template = (
        '{% if 指标.有("特困供养机构数") %}\n有{{ 指标.特困供养机构数 }}。\n{% endif %}\n{{ 指标.段落() }}\n'
    )
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert (
            "总结/社会救助.j2:1: 「特困供养机构数」是专题「养老服务」的指标，专题「社会救助」的模板拿不到它；"
            "请把这句写进 总结/养老服务.j2"
        ) in text
        assert "是否想写" not in text


def test_an_unknown_filter_is_named_once_with_the_list_of_ours(run_cli, tmp_path: Path) -> None:
    template = '{{ 指标.段落() }}\n{% if false %}\n{{ ["甲", "乙"] | 连接 }}\n{% endif %}\n'
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert text.count("没有过滤器「连接」") == 1, text
        assert "总结/社会救助.j2:3: 没有过滤器「连接」" in text
        assert "本工具的过滤器：参考、中文日期、数字、同比" in text


def test_an_unknown_macro_and_name_get_the_closest_one(run_cli, tmp_path: Path) -> None:
    template = """\
        {% import "_宏.j2" as 宏 with context %}
        {{ 指标.段落() }}
        {{ 宏.工作条码(工作) }}
        {{ 地区名称 }}
        """
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert "社会救助.j2:3: 「_宏.j2」中没有宏「工作条码」（是否想写：工作条目" in text
        assert "社会救助.j2:4: 未定义的名称「地区名称」，是否想写：地区" in text


def test_macros_imported_without_context_are_refused_at_the_import(run_cli, tmp_path: Path) -> None:
    template = '{% import "_宏.j2" as 宏 %}\n{{ 指标.段落() }}\n{{ 宏.工作条目(工作) }}\n'
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert "社会救助.j2:1: 导入「_宏.j2」要加 with context" in text
        assert "templates/_宏.j2" not in text  # the built-in file is not blamed


def test_a_number_typed_into_a_template_is_an_error(run_cli, tmp_path: Path) -> None:
    template = '{{ 指标.段落() }}\n{% if 指标.有("低保人数") %}\n保障水平提高5%。\n{% endif %}\n'
    folder = folder_with(tmp_path, {"总结/社会救助.j2": template})
    for text in both(run_cli, tmp_path, folder):
        assert "社会救助.j2:3: 模板中写了数字「5%」" in text


def test_a_misnamed_topic_template_is_an_error_with_the_name_meant(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会求助.j2": "{{ 指标.段落() }}\n"})
    for text in both(run_cli, tmp_path, folder):
        assert "总结/社会求助.j2: 「社会求助」不是已有的专题" in text
        assert "文件名应为 总结/社会救助.j2" in text


def test_a_config_file_with_the_wrong_suffix_is_an_error(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"样式.yml": "字号:\n  正文: 16\n"})
    for text in both(run_cli, tmp_path, folder):
        assert "样式.yml: 模板文件夹中的这个文件不会被读取：文件名不对，是否想写：样式.yaml" in text


def test_a_templates_folder_that_does_not_exist_is_an_error(run_cli, tmp_path: Path) -> None:
    (tmp_path / "我市模板").mkdir()
    out = tmp_path / "草稿.docx"
    result = run_cli(MINIMAL, "-o", out, "--templates", tmp_path / "我市模版")
    assert result.code == 2 and not out.exists()
    assert "找不到这个模板文件夹" in result.err and "是否想写：" in result.err and "我市模板" in result.err
    checked = run_cli("check-templates", tmp_path / "我市模版", maintainer=True)
    assert checked.code == 2 and "是否想写" in checked.err


def test_check_templates_exits_2_for_a_template_error(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会救助.j2": "{{ 指标.段落() }}\n{{ 不存在 }}\n"})
    result = run_cli("check-templates", folder, maintainer=True)
    assert result.code == 2 and "1 个错误" in result.out


def test_batch_takes_templates(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(TIANMEN, source)
    template = "@标题 {{ 标题 }}\n本办公室的导语。\n{% for 部分 in 各部分 %}\n# {{ 部分.标题 }}\n"
    template += "{% for 节 in 部分.各节 %}\n## {{ 节.标题 }}\n{{ 节.正文 }}\n{% endfor %}\n{% endfor %}\n"
    template += "@落款 {{ 落款 }}\n@日期 {{ 日期 }}\n"
    folder = folder_with(tmp_path, {"report.j2": template})
    result = run_cli("batch", source, "-o", tmp_path / "out", "--templates", folder, maintainer=True)
    assert result.code == 0, result.out + result.err
    (drafted,) = (tmp_path / "out").iterdir()
    assert "本办公室的导语。" in docx_texts(drafted)
    missing = run_cli("batch", source, "-o", tmp_path / "o2", "--templates", tmp_path / "无", maintainer=True)
    assert missing.code == 2 and "找不到这个模板文件夹" in missing.err


def test_a_phrasebook_typo_is_located_at_its_line(run_cli, tmp_path: Path) -> None:
    phrases = "句式:\n  社会救助:\n    城市低保人数:\n      句: 城市低保对象{值\n"
    folder = folder_with(tmp_path, {"句式.yaml": phrases})
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2
    assert "句式.yaml:4:" in checked.out and ":1:1:" not in checked.out
    assert "城市低保对象{值」应含有且只含一个{值}" in checked.out


def test_a_misspelt_phrasebook_key_is_located_without_pydantic_names(run_cli, tmp_path: Path) -> None:
    phrases = "句式:\n  社会救助:\n    城市低保人数:\n      句: 城市低保对象{值}\n      分相: 城市{值}\n"
    folder = folder_with(tmp_path, {"句式.yaml": phrases})
    checked = run_cli("check-templates", folder, maintainer=True)
    assert "句式.yaml:5:7: 句式.社会救助.城市低保人数.分相: 未知的键「分相」" in checked.out
    assert "constrained-str" not in checked.out and "Phrase" not in checked.out


def test_a_broken_partial_phrasebook_does_not_warn_for_every_figure(run_cli, tmp_path: Path) -> None:
    phrases = "句式:\n  社会救助:\n    城市低保人数: 城市低保对象{数值}\n"
    folder = folder_with(tmp_path, {"句式.yaml": phrases})
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2 and "句式.yaml:3:" in checked.out
    assert "没有写法" not in checked.out, checked.out


def test_every_phrasebook_mistake_is_shown_at_once(run_cli, tmp_path: Path) -> None:
    """A maintainer fixes a 句式.yaml in one pass: each mistake at its own line, not the first per run."""
    phrases = (
        "待补充:\n  社会救助: [城市低保人, 特困人]\n"
        "合写:\n  社会救助:\n    - 实施临时救助{临时救助人次}\n"
        "句式:\n  社会救助:\n    城市低保标准: 城市低保标准{值\n    不存在的指标: 某某{值}\n"
    )
    folder = folder_with(tmp_path, {"句式.yaml": phrases})
    for result in (
        run_cli("check-templates", folder, maintainer=True),
        run_cli(MINIMAL, "--templates", folder, "-o", tmp_path / "d.docx"),
    ):
        assert result.code == 2
        text = result.out + result.err
        assert "句式.yaml:2:" in text and "没有指标「城市低保人」" in text and "没有指标「特困人」" in text
        assert "句式.yaml:5:" in text and "应引用两个以上不同的指标" in text
        assert "句式.yaml:8:" in text and "「城市低保标准{值」应含有且只含一个{值}" in text
        assert "句式.yaml:9:" in text and "没有指标「不存在的指标」" in text
    assert not (tmp_path / "d.docx").exists()


def test_a_filter_named_in_chinese_for_a_builtin_gets_the_builtin(run_cli, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"总结/社会救助.j2": '{{ 指标.段落() }}\n{{ 工作 | 连接("、") }}\n'})
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2
    assert "社会救助.j2:2: 没有过滤器「连接」，是否想写：join" in checked.out
