"""Careless input, round two (issue 21, points 6, 7, 9 and 10): the user's situation — a tag typed by
hand, a protected .docx, a trace file saved over, a template in GBK, a full disk, a long name, a legacy
console — is a located Chinese message (exit 2), never 「程序内部错误」; files the user owns are kept."""

from __future__ import annotations

import errno
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator.write import files
from tests.conftest import BASE, MINIMAL, ROOT, TIANMEN
from tests.quarterly_sheets import write_sheet

GENERATE = "import sys; from generator.cli import generate_main; sys.argv[0] = 'generate'; generate_main()"


def refused(result, *fragments: str) -> str:
    assert result.code == 2, result.out + result.err
    assert "程序内部错误" not in result.err and "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, result.err
    return result.err


def _draft(run_cli, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "d.docx"
    assert run_cli(MINIMAL, "-o", out, *extra).code == 0
    return out


def _patched_zip(source: Path, target: Path, *, flag: int = 0, method: int | None = None) -> Path:
    """``source`` with every member's flag bits or compression method set, headers and directory alike."""
    data = bytearray(source.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = 0
        while (i := data.find(signature, i)) >= 0:
            data[i + flags_at] |= flag
            if method is not None:
                struct.pack_into("<H", data, i + flags_at + 2, method)
            i += 4
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    return target


# ---- point 6: the user's situation, not our bug -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            "!!timestamp 20241220",
            'county.yaml:4:7: 成文日期: 应为日期，如 2024-12-25 或 2024年12月25日，实际为 "20241220"',
        ),
        ("!!bool 也许", "county.yaml:4:7: 成文日期: 应为日期"),
        ("!!map 文字", "county.yaml:4:7: 「!!map」只能用于「键: 值」的写法，请删去「!!map」"),
        ("!!int [1]", "county.yaml:4:7: "),
    ],
)
def test_a_tag_typed_by_hand_is_located(run_cli, county, value: str, said: str) -> None:
    data = county(base=BASE.replace("成文日期: 2024-12-25", f"成文日期: {value}"))
    refused(run_cli("validate", data, maintainer=True), said)


@pytest.mark.parametrize(
    ("patch", "said"),
    [
        ({"flag": 1}, "文件设置了打开密码（已加密）"),
        ({"method": 18}, "文件用了本工具不支持的压缩方式"),
        # methods zipfile knows, over deflated bytes: LZMA crashed learn (found by the long fuzz)
        ({"method": 14}, "文件用了本工具不支持的压缩方式"),
        ({"method": 12}, "文件用了本工具不支持的压缩方式"),
    ],
)
def test_a_protected_or_oddly_packed_docx_is_refused_and_learn_goes_on(
    run_cli, tmp_path: Path, patch: dict[str, int], said: str
) -> None:
    bad = _patched_zip(_draft(run_cli, tmp_path), tmp_path / "报告" / "坏.docx", **patch)
    refused(run_cli("outline", bad, maintainer=True), f"{bad}: {said}")
    refused(run_cli("审读", bad, maintainer=True), said)
    refused(run_cli("init", "某县", "2025", "--从", bad, "-o", tmp_path / "x.yaml", maintainer=True), said)
    # in a folder to learn from, it is listed and the good reports are learnt
    (tmp_path / "报告" / "好.txt").write_text((ROOT / "seeds").glob("*.txt").__next__().read_text("utf-8"))
    learnt = run_cli("learn", tmp_path / "报告", "-o", tmp_path / "骨架.yaml", maintainer=True)
    assert learnt.code == 0, learnt.err
    assert f"跳过 {bad}" in learnt.err and said in learnt.err
    assert "已学习 1 份报告（跳过 1 份）" in learnt.out
    # as an existing output it is not ours: refused, not a crash
    refused(run_cli(MINIMAL, "-o", bad), "文件已存在，且不是本工具生成的草稿")


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"{}", "不是 generate --trace 写出的追踪文件"),
        (b"not json", "d.trace.json:1:1: 追踪文件不是有效的 JSON"),
        ('{"a": 1}'.encode("utf-16"), "追踪文件不是 UTF-8 编码"),
        (b'{"summary": {"counts": []}, "figures": [1]}', "不是 generate --trace 写出的追踪文件"),
    ],
)
def test_compare_refuses_a_trace_file_saved_over(run_cli, tmp_path: Path, content: bytes, said: str) -> None:
    draft = _draft(run_cli, tmp_path, "--trace")
    assert run_cli("compare", draft, MINIMAL, maintainer=True).code == 0
    (tmp_path / "d.trace.json").write_bytes(content)
    refused(run_cli("compare", draft, MINIMAL, maintainer=True), said)


def test_a_gbk_template_is_located_in_generate_and_check_templates(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "模板"
    (folder / "总结").mkdir(parents=True)
    source = (ROOT / "templates" / "总结" / "养老服务.j2").read_text(encoding="utf-8")
    (folder / "总结" / "养老服务.j2").write_bytes(("{# 第一行 #}\n" + source).encode("gbk"))
    said = "养老服务.j2:1: 模板文件不是 UTF-8 编码（可能被另存为 GBK/ANSI），请用记事本或 VS Code 另存为 UTF-8 后再试"
    refused(run_cli(TIANMEN, "-o", tmp_path / "d.docx", "--templates", folder), said)
    checked = run_cli("check-templates", folder, maintainer=True)
    assert checked.code == 2 and said in checked.out and "程序内部错误" not in checked.err


def test_init_into_a_folder_not_yet_made_makes_it(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "新文件夹" / "x.yaml"
    result = run_cli("init", "某县", "2025", "-o", target, maintainer=True)
    assert result.code == 0, result.err
    assert "地区: 某县" in target.read_text(encoding="utf-8")


def _full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_only(*_args: object, **_kwargs: object) -> None:
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


@pytest.mark.parametrize("failure", [_full_disk, _read_only])
def test_init_and_fill_on_a_full_disk_or_in_a_read_only_folder(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure
) -> None:
    sheet = write_sheet(tmp_path / "2025年12月季报.xlsx")
    data = tmp_path / "某县2025.yaml"
    assert run_cli("init", "某县", "2025", "-o", data, maintainer=True).code == 0
    before = data.read_bytes()
    if failure is _full_disk:
        monkeypatch.setattr(os, "fsync", failure)
    else:
        monkeypatch.setattr(tempfile, "NamedTemporaryFile", failure)
        monkeypatch.setattr(tempfile, "mkstemp", failure)
    said = "磁盘空间已满" if failure is _full_disk else "没有写入权限"
    refused(run_cli("init", "某县", "2025", "-o", tmp_path / "另一个.yaml", maintainer=True), said)
    assert not (tmp_path / "另一个.yaml").exists()
    err = refused(run_cli("fill", data, "--季报", sheet, maintainer=True), said)
    assert "No space" not in err and "Permission denied" not in err
    assert data.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_a_name_too_long_is_refused_before_writing(run_cli, tmp_path: Path) -> None:
    long = tmp_path / ("长" * 100 + ".docx")
    refused(run_cli(MINIMAL, "-o", long), "文件名太长（305 字节），请用短一些的文件名（-o）")
    refused(run_cli("init", "某县", "2025", "-o", long.with_suffix(".yaml"), maintainer=True), "文件名太长")
    # a name that fits, but whose trace (d.trace.json) would not, is refused before the draft is written
    near = tmp_path / ("长" * 81 + ".docx")
    refused(run_cli(MINIMAL, "-o", near, "--trace"), "文件名太长")
    assert not near.exists()
    assert files.MAX_NAME_BYTES == 255


def _subprocess(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", GENERATE, *args]
    return subprocess.run(
        command, check=False, capture_output=True, env={**os.environ, **env}, cwd=cwd, timeout=300
    )


def test_a_gbk_console_gets_the_whole_summary(tmp_path: Path) -> None:
    data = ROOT / "inputs" / "城口县2024.yaml"  # its 待补充 list names places as 「二、… › （六）…」
    plain = _subprocess([str(data), "-o", str(tmp_path / "a.docx")], {"PYTHONIOENCODING": "utf-8"}, tmp_path)
    gbk = _subprocess([str(data), "-o", str(tmp_path / "b.docx")], {"PYTHONIOENCODING": "gbk"}, tmp_path)
    assert plain.returncode == gbk.returncode == 0, gbk.stderr.decode("gbk", errors="replace")
    want = plain.stdout.decode("utf-8").replace(" › ", " > ").replace("a.docx", "b.docx")
    assert " › " in plain.stdout.decode("utf-8")
    assert gbk.stdout.decode("gbk") == want


def test_a_c_locale_without_utf8_mode_still_finds_the_templates(tmp_path: Path) -> None:
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = _subprocess([str(MINIMAL), "-o", str(tmp_path / "草稿.docx")], env, tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", errors="replace")
    assert (tmp_path / "草稿.docx").is_file()
    assert "已生成：".encode() in done.stdout


# ---- point 7: files the user owns ---------------------------------------------------------------


def _fake_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice stand-in that writes a small PDF where asked (the real one takes a minute)."""
    from generator.write import pdf

    def run(command: list[str], **_kwargs: object) -> None:
        out, source = Path(command[command.index("--outdir") + 1]), Path(command[-1])
        (out / (source.stem + ".pdf")).write_bytes(b"%PDF-1.4\n%%EOF\n")

    monkeypatch.setattr(pdf, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", run)


def test_pdf_never_replaces_a_pdf_it_did_not_write(run_cli, tmp_path: Path, monkeypatch) -> None:
    _fake_soffice(monkeypatch)
    draft, made = tmp_path / "报告.docx", tmp_path / "报告.pdf"
    made.write_bytes(b"%PDF-1.7 the user's own\n%%EOF\n")
    err = refused(run_cli(MINIMAL, "-o", draft, "--pdf"), f"{made}: PDF 文件已存在，且不是本工具以前写出的")
    assert "--覆盖" in err
    assert not draft.exists()  # refused before the draft was written
    assert made.read_bytes() == b"%PDF-1.7 the user's own\n%%EOF\n"
    # --覆盖 forces; then the PDF is ours, and a later run replaces it without asking
    assert run_cli(MINIMAL, "-o", draft, "--pdf", "--覆盖").code == 0
    assert made.read_bytes().startswith(b"%PDF-1.4") and b"%minzheng-pdf:sha256:" in made.read_bytes()
    assert run_cli(MINIMAL, "-o", draft, "--pdf").code == 0
    # saved over (an incremental update appended): no longer ours
    made.write_bytes(made.read_bytes() + b"1 0 obj\n<<>>\nendobj\n%%EOF\n")
    refused(run_cli(MINIMAL, "-o", draft, "--pdf"), "PDF 文件已存在")


def test_rollup_never_replaces_a_table_or_trace_it_did_not_write(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "县区"
    folder.mkdir()
    for name in ("天门市2024.yaml", "环翠区2024.yaml"):
        (folder / name).write_bytes((ROOT / "inputs" / name).read_bytes())
    city, table = tmp_path / "市.yaml", tmp_path / "对比.xlsx"
    table.write_bytes(b"the user's own sheet")
    refused(run_cli("汇总", folder, "-o", city, "--表", table, maintainer=True), f"{table}: 对比表已存在")
    assert table.read_bytes() == b"the user's own sheet" and not city.exists()
    table.unlink()
    (tmp_path / "市.trace.json").write_text('{"mine": 1}', encoding="utf-8")
    refused(run_cli("汇总", folder, "-o", city, "--trace", maintainer=True), "市.trace.json: 文件已存在")
    (tmp_path / "市.trace.json").unlink()
    args = ("汇总", folder, "-o", city, "--表", table, "--trace")
    assert run_cli(*args, maintainer=True).code == 0
    assert run_cli(*args, maintainer=True).code == 0  # its own files: replaced without asking


@pytest.fixture
def filling(run_cli, tmp_path: Path):
    sheet = write_sheet(tmp_path / "2025年12月季报.xlsx")
    data = tmp_path / "某县2025.yaml"
    assert run_cli("init", "某县", "2025", "-o", data, maintainer=True).code == 0
    return data, sheet


def test_fill_keeps_the_files_mode_and_crlf(run_cli, filling) -> None:
    data, sheet = filling
    data.write_bytes(data.read_bytes().replace(b"\n", b"\r\n"))
    data.chmod(0o600)
    result = run_cli("fill", data, "--季报", sheet, maintainer=True)
    assert result.code == 0, result.err
    after = data.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") > 10
    assert b"7512" in after
    assert oct(data.stat().st_mode & 0o777) == oct(0o600)


def test_fill_writes_through_a_link_to_the_shared_file(run_cli, filling, tmp_path: Path) -> None:
    data, sheet = filling
    link = tmp_path / "链接.yaml"
    link.symlink_to(data)
    assert run_cli("fill", link, "--季报", sheet, maintainer=True).code == 0
    assert link.is_symlink()
    assert b"7512" in data.read_bytes()


def test_fill_refuses_a_read_only_file(run_cli, filling) -> None:
    data, sheet = filling
    data.chmod(0o444)
    before = data.read_bytes()
    refused(run_cli("fill", data, "--季报", sheet, maintainer=True), f"{data}: 文件是只读的，没有改动")
    assert data.read_bytes() == before and oct(data.stat().st_mode & 0o777) == oct(0o444)


def test_a_read_only_draft_is_not_replaced(run_cli, tmp_path: Path) -> None:
    draft = _draft(run_cli, tmp_path)
    draft.chmod(0o444)
    before = draft.read_bytes()
    refused(run_cli(MINIMAL, "-o", draft), "文件是只读的")
    assert draft.read_bytes() == before and oct(draft.stat().st_mode & 0o777) == oct(0o444)


# ---- point 10: messages that name the user's file and speak Chinese ----------------------------


def test_a_checked_text_is_blamed_on_the_users_file_not_a_temporary_one(tmp_path: Path) -> None:
    from generator.errors import InputError
    from generator.tools import fill

    target = tmp_path / "某县2025.yaml"
    with pytest.raises(InputError) as caught:
        fill.check(BASE + "总结:\n  社会救助:\n    指标:\n      城市低保人数: 很多\n", target)
    assert caught.value.problems[0].startswith(f"{target}:8:")
    assert ".~minzheng" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # nothing written to check it, so no folder is needed


@pytest.mark.parametrize(
    ("region", "said"),
    [
        (" ", "地区名称「 」是空的"),
        ("某县\n单位: x", "地区名称「某县\\n单位: x」中含有换行或不可见的控制字符"),
    ],
)
def test_a_region_no_file_can_carry_is_refused(run_cli, tmp_path: Path, monkeypatch, region, said) -> None:
    monkeypatch.chdir(tmp_path)
    err = refused(run_cli("init", region, "2025", maintainer=True), said)
    assert ".yaml" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_region_with_a_hash_reads_back_whole(run_cli, tmp_path: Path) -> None:
    import yaml

    target = tmp_path / "x.yaml"
    assert run_cli("init", "某县 #注释", "2025", "-o", target, maintainer=True).code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["地区"] == "某县 #注释" and data["单位"] == "某县 #注释民政局"


def test_a_jobs_count_below_one_is_said_in_chinese(run_cli, tmp_path: Path) -> None:
    err = refused(run_cli("batch", tmp_path, "-j", "0", maintainer=True))
    assert "参数「-j/--jobs」的取值不对：应为不小于1的整数" in err


def test_an_exponent_is_no_unit(run_cli, county) -> None:
    data = county("总结:\n  社会救助:\n    指标:\n      城市低保人数: 1e-400\n")
    err = refused(run_cli("validate", data, maintainer=True), '应为数字，实际为 "1e-400"：这是科学记数法写法')
    assert "e-400」" not in err


def test_a_mapping_as_a_key_is_shown_as_written(run_cli, county) -> None:
    data = county("总结:\n  社会救助:\n    指标:\n      ? {a: 1}\n      : 3\n")
    err = refused(run_cli("validate", data, maintainer=True), "county.yaml:8:9: 「{a: 1}」不能用作键")
    assert "Decimal" not in err


@pytest.mark.parametrize("command", ["generate", "validate"])
def test_templates_that_are_no_folder_are_an_error(run_cli, tmp_path: Path, command: str) -> None:
    args = ("-o", tmp_path / "d.docx") if command == "generate" else ()
    for templates, said in ((tmp_path / "没有", "找不到这个模板文件夹"), (MINIMAL, "这不是一个文件夹")):
        result = run_cli(command, MINIMAL, "--templates", templates, *args, maintainer=True)
        refused(result, f"{templates}: {said}")
    assert not (tmp_path / "d.docx").exists()


def test_os_errors_are_said_in_chinese(run_cli, tmp_path: Path) -> None:
    (tmp_path / "文件").write_text("", encoding="utf-8")
    err = refused(run_cli(MINIMAL, "-o", tmp_path / "文件" / "d.docx"))
    assert "无法创建输出文件夹（已有同名的文件或文件夹）" in err and "File exists" not in err


# ---- point 9: init --从 on a long report ---------------------------------------------------------


def test_init_from_a_report_pasted_together_places_as_from_one_copy(run_cli, tmp_path: Path) -> None:
    """Sentences, headings and plan items met again (a report pasted twice) are read as the first time."""
    seed = min((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    once, twice = tmp_path / "一份.txt", tmp_path / "两份.txt"
    once.write_text(seed, encoding="utf-8")
    twice.write_text(seed + "\n" + seed, encoding="utf-8")
    for source in (once, twice):
        result = run_cli(
            "init", "某县", "2025", "--从", source, "-o", source.with_suffix(".yaml"), maintainer=True
        )
        assert result.code == 0, result.err
    first = once.with_suffix(".yaml").read_text(encoding="utf-8")
    again = twice.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "上年" in first and again.count("去年计划") >= first.count("去年计划") > 0


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_report_far_longer_than_any_report_is_refused_at_the_cap(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Past the cap on lines with text, init --从 and outline refuse the file (in seconds, not minutes for
    300,000 paragraphs: benchmarks/init_from.py); at the cap, with blank lines besides, it is read."""
    from docx import Document

    from generator.analysis import reading

    seed = min((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    lines = [ln for ln in seed.splitlines() if ln.strip()]
    monkeypatch.setattr(reading, "MAX_PARAGRAPHS", len(lines))

    def write(name: str, paragraphs: list[str]) -> Path:
        path = tmp_path / f"{name}{suffix}"
        if suffix == ".txt":
            path.write_text("\n".join(paragraphs), encoding="utf-8")
        else:
            doc = Document()
            for text in paragraphs:
                doc.add_paragraph(text)
            doc.save(str(path))
        return path

    at_cap = write("刚好", [x for ln in lines for x in (ln, "")])
    result = run_cli("init", "某县", "2025", "--从", at_cap, "-o", tmp_path / "刚好.yaml", maintainer=True)
    assert result.code == 0, result.err
    over = write("超过", [*lines, "多出的一段。"])
    unit = "行" if suffix == ".txt" else "段"
    message = f"{over}: 文件有 {len(lines) + 1} {unit}，有文字的超过了 {len(lines)} {unit}的上限"
    refused(
        run_cli("init", "某县", "2025", "--从", over, "-o", tmp_path / "超过.yaml", maintainer=True), message
    )
    assert not (tmp_path / "超过.yaml").exists()
    refused(run_cli("outline", over, maintainer=True), message)


def test_an_output_that_cannot_be_read_is_refused_not_an_internal_error(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing file at the output path we may not read (root reads everything, so the refusal to read is
    simulated): not known to be ours, so it is kept, with the message — never 「程序内部错误」."""
    from generator.data import inputfile

    out = tmp_path / "草稿.docx"
    out.write_bytes(b"someone else's file")

    def unreadable(*_args: object) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(out))

    monkeypatch.setattr(inputfile, "read_regular", unreadable)
    result = run_cli("schema", "-o", out, maintainer=True)
    assert result.code == 2, result.err
    assert "程序内部错误" not in result.err and "文件已存在" in result.err
    assert out.read_bytes() == b"someone else's file"
