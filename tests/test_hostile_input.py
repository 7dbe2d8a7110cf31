"""Careless and hostile input, one regression test per case: pasted Word text, odd numbers and keys,
file names made from what a county wrote, commands that must not overwrite, oversized and bomb-like
reports. Every case is drafted or refused with a located Chinese message (exit 2), never a crash."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from generator.analysis.outline import outline
from generator.errors import InputError
from generator.write import files
from tests.conftest import BASE, MINIMAL, ROOT, TIANMEN, docx_texts

AID = "总结:\n  社会救助:\n    指标:\n"


def refused(result, *fragments: str) -> str:
    assert result.code == 2, result.out + result.err
    assert "程序内部错误" not in result.err and "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, result.err
    return result.err


# ---- the commonest slips: exact messages ------------------------------------------------------

SLIPS = {
    "full-width colon": (
        AID + "      城市低保标准：720\n      临时救助金额: 260.5\n",
        "county.yaml:8:13: 「城市低保标准」后面用了全角冒号「：」；键和值之间要用半角冒号加一个空格，如「城市低保标准: 720」",
    ),
    "full-width comma": (
        AID + "      临时救助人次: {本年: 2188，上年: 2050}\n",
        "county.yaml:8:24: 花括号里要用半角逗号「,」分隔，如 {本年: 2188, 上年: 2050}；这里用了全角逗号「，」",
    ),
    "full-width colons in braces": (  # parses as one key with no value: the schema saw an unknown key
        AID + "      临时救助人次: {本年：2188，上年：2050}\n",
        (
            "county.yaml:8:18: 花括号里键和值之间要用半角冒号加一个空格「: 」，如 {本年: 2188, 上年: 2050}；"
            "这里用了全角冒号「：」，还有全角逗号「，」（应为「, 」）"
        ),
    ),
    "text starting with {": (
        "总结:\n  社会救助:\n    自定指标:\n      名称: 13个\n    工作:\n      - 内容: {名称}社区完成改造\n",
        'county.yaml:10:13: 以「{」开头的文字会被当成花括号写法；请给整段文字加引号，如：内容: "{名称}……"',
    ),
    "approximate figure": (
        AID + "      临时救助金额: 约4116万元\n",
        (
            'county.yaml:8:15: 总结.社会救助.指标.临时救助金额: "约4116万元" 是约数：指标只填统计数（如 4116万）；'
            "「约」「余」「以上」这类词请写进工作内容的文字里，如：内容: 全年发放救助资金约{名称}"
        ),
    ),
    "approximate 自定指标": (
        "总结:\n  社会救助:\n    自定指标:\n      覆盖率: 85%以上\n",
        'county.yaml:8:12: 总结.社会救助.自定指标.覆盖率: "85%以上" 是约数：指标只填统计数（如 85%）；',
    ),
    "unknown unit suffix": (
        AID + "      低保人数: 2.3千万\n",
        (
            'county.yaml:8:13: 总结.社会救助.指标.低保人数: 应为数字，实际为 "2.3千万"：数字后只能跟「万」或「亿」，'
            "不能写「千万」；请换算后再写，如 2300万 或 23000000"
        ),
    ),
    "leading space": (
        " 单位: 测试县民政局\n",
        "county.yaml:1:1: 最外层的键前面不能有空格，请删去这一行行首的空格",
    ),
}


@pytest.mark.parametrize("case", list(SLIPS), ids=list(SLIPS))
def test_the_commonest_slips_say_what_to_write(run_cli, county, tmp_path: Path, case: str) -> None:
    body, message = SLIPS[case]
    data = county(body, base="" if case == "leading space" else BASE)
    if case == "leading space":
        data.write_text(body + BASE.split("\n", 1)[1], encoding="utf-8")
    err = refused(run_cli(data, "-o", tmp_path / "out.docx"), message)
    assert err.startswith(str(data)), err
    assert not (tmp_path / "out.docx").exists()


def test_a_custom_figure_name_may_hold_ascii_punctuation(run_cli, county, tmp_path: Path) -> None:
    data = county(
        "总结:\n  社会救助:\n    自定指标:\n      助联体(县级): 13个\n    工作:\n      - 内容: 建成{助联体(县级)}。\n"
    )
    out = tmp_path / "out.docx"
    assert run_cli(data, "-o", out).code == 0
    assert "建成13个。" in "\n".join(docx_texts(out))


# ---- data limits: the data's, not the template's ----------------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1.0e+50", "county.yaml:8:13: 数字「1.0e+50」大得（或小得）不合常理"),
        ("1.0e+999999999", "county.yaml:8:13: 数字「1.0e+999999999」大得（或小得）不合常理"),
        ("200000000000", "低保人数: 200000000000人 超出了合理范围（本项最大 1000000000人）"),
        ("1:30", "county.yaml:8:13: 「1:30」会被读成六十进制数"),
        ("0x1F", "county.yaml:8:13: 「0x1F」是十六进制"),
        (".inf", "county.yaml:8:13: 「.inf」不是可用的数字写法"),
    ],
)
def test_absurd_and_odd_numbers_are_refused_before_any_arithmetic(
    run_cli, county, value: str, fragment: str
) -> None:
    data = county(AID + f"      低保人数: {value}\n")
    start = time.monotonic()
    refused(run_cli("validate", data, maintainer=True), fragment)
    assert time.monotonic() - start < 10, "refused at once, not after a long computation"


def test_absurd_plan_year_is_refused(run_cli, county, tmp_path: Path) -> None:
    data = county("计划年度: 1.0e+999999999\n")
    refused(run_cli(data, "-o", tmp_path / "o.docx"), "county.yaml:5:7: 数字「1.0e+999999999」大得")


def test_minus_zero_drafts_as_zero(run_cli, county, tmp_path: Path) -> None:
    out = tmp_path / "o.docx"
    data = county("总结:\n  养老服务:\n    指标:\n      新建助餐场所数: -0\n")
    assert run_cli(data, "-o", out).code == 0
    text = "".join(docx_texts(out))
    assert "-0" not in text


def test_a_county_file_too_large_is_a_data_error(run_cli, county, tmp_path: Path) -> None:
    data = county(AID + "      低保人数: 100\n")
    with data.open("a", encoding="utf-8") as f:
        f.write("# " + "填" * (400 * 1024) + "\n")
    refused(run_cli(data, "-o", tmp_path / "o.docx"), f"{data}: 文件有 1.2 MB，超过了 1 MB 的上限")


def test_keys_nesting_and_many_errors(run_cli, county, tmp_path: Path) -> None:
    refused(
        run_cli(county("备注[1]: x\n"), "-o", tmp_path / "o.docx"),
        "county.yaml:5:1: 备注[1]: 未知的键「备注[1]」",
    )
    deep = county("总结: " + "[" * 10000 + "]" * 10000 + "\n", name="deep.yaml")
    refused(run_cli(deep, "-o", tmp_path / "o.docx"), "deep.yaml")
    many = county("".join(f"未知{i}: 1\n" for i in range(20000)), name="many.yaml")
    err = refused(run_cli(many, "-o", tmp_path / "o.docx"), "……另有 19950 处问题未列出（共 20000 处）")
    assert len(err.splitlines()) == 51


# ---- text pasted from Word, control and invisible characters ---------------------------------


def test_word_soft_line_break_and_invisible_characters_are_read_with_a_note(
    run_cli, county, tmp_path: Path
) -> None:
    data = county("总结:\n  社会救助:\n    工作:\n      - 内容: 第一句\v第二句\u200b。\n")
    out = tmp_path / "o.docx"
    result = run_cli(data, "-o", out)
    assert result.code == 0, result.err
    assert "第 8 行有从 Word 粘贴来的软回车" in result.out and "看不见的格式字符" in result.out
    assert "第一句第二句。" in "\n".join(docx_texts(out))


@pytest.mark.parametrize(
    ("char", "where"), [("\x01", "标题"), ("\u202e", "单位"), ("\ue000", "标题"), ("\x0c\x01", "标题")]
)
def test_control_bidi_and_private_use_characters_are_located_by_field(
    run_cli, county, tmp_path: Path, char: str, where: str
) -> None:
    if where == "单位":
        data = county("", base=BASE.replace("测试县民政局", f"测试县{char}民政局"))
    else:
        data = county(f"标题: 测试{char}标题\n")
    err = refused(run_cli(data, "-o", tmp_path / "o.docx", "--trace"))
    assert f"{where}: 含有不可见的控制字符或专用字符 U+{ord(char[-1]):04X}" in err
    assert not list(tmp_path.glob("*.json"))


# ---- files stay where they belong ------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    ["../../逃逸县民政局", "/tmp/绝对路径民政局", "甲/乙县民政局", "CON", "很长" * 60, "县\u202e民政局"],
)
def test_output_names_stay_inside_outputs(run_cli, county, tmp_path: Path, monkeypatch, unit: str) -> None:
    monkeypatch.chdir(tmp_path)
    data = county("", base=BASE.replace("测试县民政局", unit))
    result = run_cli(data)
    if "\u202e" in unit:
        refused(result, "单位: 含有不可见的控制字符")
        return
    assert result.code == 0, result.err
    written = [p for p in tmp_path.rglob("*.docx")]
    assert len(written) == 1 and written[0].parent == tmp_path / "outputs", written
    assert len(written[0].name.encode()) <= 210


def test_blank_unit_is_a_data_error(run_cli, county, tmp_path: Path) -> None:
    refused(
        run_cli(county("", base=BASE.replace("测试县民政局", '" "')), "-o", tmp_path / "o.docx"),
        "单位: 不能为空",
    )


def test_two_bureaus_of_the_same_district_name_get_two_drafts(
    run_cli, county, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for city in ("兰州市", "拉萨市"):
        base = BASE.replace("测试县民政局", f"{city}城关区民政局").replace("测试县", "城关区")
        assert run_cli(county("", base=base, name=f"{city}.yaml")).code == 0
    assert len(list((tmp_path / "outputs").glob("*.docx"))) == 2


def test_maintainer_commands_never_replace_a_county_file(run_cli, tmp_path: Path) -> None:
    county_file = tmp_path / "county.yaml"
    county_file.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    before = county_file.read_bytes()
    refused(run_cli("schema", "-o", county_file, maintainer=True), "不是本命令以前写出的文件")
    refused(run_cli("learn", ROOT / "seeds", "-o", county_file, maintainer=True), "不是本命令以前写出的文件")
    assert county_file.read_bytes() == before
    schema = tmp_path / "民政年报.schema.json"
    schema.write_text("我的笔记", encoding="utf-8")
    refused(
        run_cli("init", "某县", "2025", "-o", tmp_path / "new.yaml", maintainer=True),
        "不是本命令以前写出的文件",
    )
    assert schema.read_text(encoding="utf-8") == "我的笔记" and not (tmp_path / "new.yaml").exists()
    schema.unlink()
    assert run_cli("init", "某县", "2025", "-o", tmp_path / "new.yaml", maintainer=True).code == 0
    assert run_cli("schema", "-o", schema, maintainer=True).code == 0, "its own output may be replaced"


def _edit_part(path: Path, part: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    assert old in entries[part]
    entries[part] = entries[part].replace(old, new, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("word/styles.xml", b'w:val="32"', b'w:val="30"'),
        ("docProps/core.xml", b"<cp:lastModifiedBy", b"<dc:subject>review</dc:subject><cp:lastModifiedBy"),
    ],
)
def test_a_hand_edit_anywhere_in_the_package_is_kept(
    tmp_path: Path, part: str, old: bytes, new: bytes
) -> None:
    from generator import pipeline

    out = tmp_path / "draft.docx"
    pipeline.build(MINIMAL, out=out)
    assert files.is_untouched_draft(out)
    _edit_part(out, part, old, new)
    edited = out.read_bytes()
    result = pipeline.build(MINIMAL, out=out)
    assert out.read_bytes() == edited and result.path == tmp_path / "draft（2）.docx"


def test_stale_temp_files_of_a_killed_run_are_cleaned_up(tmp_path: Path) -> None:
    from generator import pipeline

    stale = tmp_path / ".~minzheng-killed.tmp"
    fresh = tmp_path / ".~minzheng-running.tmp"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"half a draft")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    pipeline.build(MINIMAL, out=tmp_path / "draft.docx")
    assert not stale.exists() and fresh.exists(), "only old leftovers go; a concurrent run's temp stays"


def test_county_template_folder_must_be_beside_the_file(run_cli, county, tmp_path: Path) -> None:
    data = county("模板: /etc\n")
    refused(run_cli(data, "-o", tmp_path / "o.docx"), "「模板」只能是本文件所在文件夹或其下的文件夹")
    data = county("模板: ../\n", name="other.yaml")
    refused(run_cli(data, "-o", tmp_path / "o.docx"), "「模板」只能是本文件所在文件夹或其下的文件夹")


# ---- the template sandbox --------------------------------------------------------------------

SANDBOX = {
    "nested loops": (
        "{% for i in [0]*100000 %}{% for j in [0]*100000 %}{% endfor %}{% endfor %}",
        "超过 1 秒（处理器时间）",
    ),
    "center": ('{{ "x".center(1000000000) }}', "参数 1000000000 过大"),
    "center filter": ('{{ "x"|center(1000000000) }}', "参数 1000000000 过大"),
    "format width": ("{{ '%1000000000s' % 'x' }}", "宽度过大"),
    "str.format width": ('{{ "{:1000000000}".format("x") }}', "宽度过大"),
    "lipsum": ("{{ lipsum(100000000) }}", "lipsum"),
    "doubling ~": (
        '{% set ns = namespace(s="ab") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        "用 ~ 连接得到的字符串或列表过长",
    ),
    "join": ('{{ ([("x"*100000)]*100000)|join }}', "过长"),
}


@pytest.mark.parametrize("case", list(SANDBOX), ids=list(SANDBOX))
def test_the_sandbox_bounds_time_and_memory(run_cli, tmp_path: Path, case: str) -> None:
    template, fragment = SANDBOX[case]
    folder = tmp_path / "t" / "总结"
    folder.mkdir(parents=True)
    (folder / "养老服务.j2").write_text(template + "\n", encoding="utf-8")
    start = time.monotonic()
    result = run_cli(MINIMAL, "-o", tmp_path / "o.docx", "--templates", tmp_path / "t")
    refused(result, "养老服务.j2", fragment)
    assert time.monotonic() - start < 20


def test_a_template_symlinked_out_of_its_folder_is_not_read(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "t" / "总结"
    folder.mkdir(parents=True)
    (folder / "养老服务.j2").symlink_to("/etc/passwd")
    result = run_cli(MINIMAL, "-o", tmp_path / "o.docx", "--templates", tmp_path / "t")
    err = refused(result, "不是模板文件夹内的普通文件（可能是链接）")
    assert "root:" not in err
    checked = run_cli("check-templates", tmp_path / "t", maintainer=True)
    assert checked.code == 2 and "可能是链接" in checked.out and "root:" not in checked.out


# ---- reading reports: linear and bounded -------------------------------------------------------


def test_a_large_text_report_outlines_linearly(tmp_path: Path) -> None:
    seed = (ROOT / "seeds" / "000_8337c2c2e93111ce.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(seed * 300, encoding="utf-8")  # ~3 MB, thousands of headings
    result = outline(big)
    assert len(result.headings) > 5000
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(InputError, match="超过了 20 MB 的上限"):
        outline(huge)


def _docx_with(tmp_path: Path, name: str, document_xml: bytes) -> Path:
    source = tmp_path / "source.docx"
    if not source.exists():
        from generator import pipeline

        pipeline.build(MINIMAL, out=source)
    path = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for entry in zin.namelist():
            z.writestr(entry, document_xml if entry == "word/document.xml" else zin.read(entry))
    return path


@pytest.mark.parametrize(
    ("name", "xml", "fragment"),
    [
        ("truncated.docx", b"<w:document xmlns:w='x'><w:body><w:p>", "文件已损坏"),
        (
            "entities.docx",
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>',
            "DTD",
        ),
        ("bomb.docx", b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>", "大得异常"),
    ],
)
def test_corrupt_and_bomb_like_docx_reports_are_clean_errors(
    tmp_path: Path, name: str, xml: bytes, fragment: str
) -> None:
    with pytest.raises(InputError, match=fragment):
        outline(_docx_with(tmp_path, name, xml))


def test_corrupt_deflate_stream_is_a_clean_error(tmp_path: Path) -> None:
    path = _docx_with(tmp_path, "ok.docx", (b"<w:document/>"))
    data = bytearray(path.read_bytes())
    start = data.find(b"word/document.xml") + 40
    data[start : start + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    with pytest.raises(InputError):
        outline(path)


def test_tianmen_is_still_drafted_by_the_same_rules() -> None:
    assert TIANMEN.exists()
