"""The house wording is sayable (issue 22, point 3): 句式.yaml writes a figure's bare number and its unit
apart ({数}, {单位}), and an office overrides one named block of report.j2 alone with {% extends %}."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator import pipeline
from tests.conftest import TIANMEN, docx_texts


def office(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "办公室模板"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def drafted(run_cli, tmp_path: Path, folder: Path) -> list[str]:
    out = tmp_path / "草稿.docx"
    result = run_cli(TIANMEN, "-o", out, "--templates", folder)
    assert result.code == 0, result.out + result.err
    return docx_texts(out)


def test_a_standard_in_the_house_words_with_its_bare_number(run_cli, tmp_path: Path) -> None:
    folder = office(
        tmp_path, {"句式.yaml": "句式:\n  社会救助:\n    城市低保标准: 城市低保保障线每人每月{数}元\n"}
    )
    texts = drafted(run_cli, tmp_path, folder)
    assert any("城市低保保障线每人每月694元" in t for t in texts)
    assert not pipeline.prepare(TIANMEN, templates=folder).unwritten  # the figure still counts as written


def test_the_unit_placeholder_gives_the_unit_after_the_bare_number(run_cli, tmp_path: Path) -> None:
    phrases = "句式:\n  社会救助:\n    城市低保标准: 城市低保保障线每人每月{数}{单位}\n    救助资金: 全年救助资金共{数}{单位}\n"
    texts = drafted(run_cli, tmp_path, office(tmp_path, {"句式.yaml": phrases}))
    joined = "\n".join(texts)
    assert "城市低保保障线每人每月694元" in joined
    assert "全年救助资金共2.37亿元" in joined  # {数} keeps its 亿, {单位} is what follows it


HOUSE_STANDARD = "句式:\n  社会救助:\n    城市低保标准: 城市低保标准提高到每人每月{数}元\n"


def house_draft(run_cli, county, tmp_path: Path, figures: str) -> str:
    data = county("总结:\n  社会救助:\n    指标:\n" + figures)
    out = tmp_path / "草稿.docx"
    result = run_cli(data, "-o", out, "--templates", office(tmp_path, {"句式.yaml": HOUSE_STANDARD}))
    assert result.code == 0, result.out + result.err
    return "\n".join(docx_texts(out))


def test_the_house_wording_compares_a_standard_in_money(run_cli, county, tmp_path: Path) -> None:
    text = house_draft(run_cli, county, tmp_path, "      城市低保标准: {本年: 700, 上年: 650}\n")
    assert "城市低保标准提高到每人每月700元，较上年增加50元，增长7.7%" in text
    assert "元/人·月" not in text


def test_the_house_wording_never_calls_a_yearly_standard_monthly(run_cli, county, tmp_path: Path) -> None:
    text = house_draft(run_cli, county, tmp_path, "      城市低保标准: 8400元/人·年\n")
    assert "城市低保标准提高到每人每年8400元" in text
    assert "每月8400" not in text


def test_a_pattern_with_both_forms_is_a_located_error(run_cli, tmp_path: Path) -> None:
    phrases = "句式:\n  社会救助:\n    城市低保标准: 每人每月{数}{单位}{值}\n"
    checked = run_cli("check-templates", office(tmp_path, {"句式.yaml": phrases}), maintainer=True)
    assert checked.code == 2
    assert "句式.yaml:3:" in checked.out and "{数}" in checked.out


OPENING = """\
    {% extends "内置/report.j2" %}
    {% block 导语 %}
    {{ 总结期 }}，{{ 单位 }}认真落实上级部署。现将有关情况{{ 如下 }}：
    {% endblock %}
    """


def test_an_office_overrides_the_opening_alone(run_cli, tmp_path: Path) -> None:
    builtin = drafted(run_cli, tmp_path, office(tmp_path / "空", {"说明.md": "空"}))
    texts = drafted(run_cli, tmp_path, office(tmp_path, {"report.j2": OPENING}))
    assert texts[1] == "2024年，天门市民政局认真落实上级部署。现将有关情况汇报如下："
    assert texts[1] not in builtin
    assert texts[:1] + texts[2:] == builtin[:1] + builtin[2:]  # title, parts, signature: the built-in's


def test_an_office_overrides_the_signature_and_the_part_headers(run_cli, tmp_path: Path) -> None:
    report = """\
        {% extends "内置/report.j2" %}
        {% block 部分标题 %}
        # {{ 部分.标题 }}（{{ 单位 }}）
        {% endblock %}
        {% block 落款 %}
        @落款 {{ 落款 }}办公室
        @日期 {{ 日期 }}
        {% endblock %}
        """
    texts = drafted(run_cli, tmp_path, office(tmp_path, {"report.j2": report}))
    assert texts[-2] == "天门市民政局办公室"
    assert sum("（天门市民政局）" in t for t in texts) == 2  # both part headers


def test_check_templates_passes_a_block_override_and_names_a_misspelt_block(run_cli, tmp_path: Path) -> None:
    good = run_cli("check-templates", office(tmp_path, {"report.j2": OPENING}), maintainer=True)
    assert good.code == 0, good.out
    misspelt = OPENING.replace("block 导语", "block 导言")
    bad = run_cli("check-templates", office(tmp_path / "b", {"report.j2": misspelt}), maintainer=True)
    assert bad.code == 2
    assert "report.j2:2: 「内置/report.j2」中没有块「导言」" in bad.out and "可改写的块：" in bad.out
    assert "导语" in bad.out.split("可改写的块：")[1]
