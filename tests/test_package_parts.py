"""The parts of the draft around its text: the font table (fonts that fall back on a stock Windows or WPS),
the document properties, no blank thumbnail, the comment styles; and a redrafted draft still ours."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from generator import pipeline
from generator.write import properties
from tests.conftest import MINIMAL, TIANMEN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def _xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return z.namelist()


def _font_table(path: Path) -> dict[str, etree._Element]:
    return {f.get(f"{W}name"): f for f in _xml(path, "word/fontTable.xml").iter(f"{W}font")}


def _val(font: etree._Element, tag: str) -> str | None:
    child = font.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _used_fonts(path: Path) -> tuple[set[str], set[str]]:
    """Every font the draft's XML parts name, and those named in the Chinese (eastAsia) slot."""
    used: set[str] = set()
    chinese: set[str] = set()
    for name in _names(path):
        if not name.startswith("word/") or not name.endswith(".xml") or name == "word/fontTable.xml":
            continue
        for rfonts in _xml(path, name).iter(f"{W}rFonts"):
            for slot in SLOTS:
                font = rfonts.get(f"{W}{slot}")
                if font:
                    used.add(font)
                    if slot == "eastAsia":
                        chinese.add(font)
    return used, chinese


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """天门's draft with review comments: every part a draft can have."""
    out = tmp_path_factory.mktemp("draft") / "天门.docx"
    pipeline.build(TIANMEN, out=out, review_comments=True)
    return out


def test_font_table_declares_every_font_with_gb2312_and_the_alternates(reviewed: Path) -> None:
    used, chinese = _used_fonts(reviewed)
    table = _font_table(reviewed)
    assert {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"} <= chinese
    assert used <= set(table), f"not declared: {used - set(table)}"
    for name in chinese:
        assert _val(table[name], "charset") == "86", name
        assert _val(table[name], "family") and _val(table[name], "pitch"), name
    alternates = {name: _val(table[name], "altName") for name in chinese}
    assert alternates == {
        "仿宋_GB2312": "仿宋",
        "楷体_GB2312": "楷体",
        "方正小标宋简体": "宋体",
        "黑体": None,
        "宋体": None,
    }
    assert _val(table["仿宋_GB2312"], "panose1") == "02010609030101010101"
    assert _val(table["宋体"], "panose1") == "02010600030101010101"
    assert _val(table["黑体"], "panose1") == "02010609060101010101"
    assert _val(table["方正小标宋简体"], "panose1") is None  # unknown: left out, not made up
    assert _val(table["Times New Roman"], "charset") == "00"
    # Children in schema order (Word refuses a font table that breaks it).
    order = ["altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig"]
    for font in table.values():
        tags = [etree.QName(child).localname for child in font]
        assert tags == sorted(tags, key=order.index), font.get(f"{W}name")
    assert not {"ＭＳ 明朝", "ＭＳ ゴシック"} & set(table), "no Japanese theme fonts nothing uses"


def test_an_office_sets_its_own_fonts_and_alternates(tmp_path: Path) -> None:
    folder = tmp_path / "我市模板"
    folder.mkdir()
    (folder / "样式.yaml").write_text(
        "字体:\n  正文: 方正仿宋_GBK\n替代字体:\n  方正仿宋_GBK: 仿宋\n  方正小标宋简体: 华文中宋\n  楷体_GB2312:\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.docx"
    pipeline.build(MINIMAL, out=out, templates=folder)
    table = _font_table(out)
    assert _val(table["方正仿宋_GBK"], "altName") == "仿宋"
    assert _val(table["方正仿宋_GBK"], "charset") == "86"
    assert _val(table["方正小标宋简体"], "altName") == "华文中宋"
    assert _val(table["楷体_GB2312"], "altName") is None  # an empty value drops the default
    assert _val(table["楷体_GB2312"], "charset") == "86"
    assert _val(table["仿宋_GB2312"], "altName") == "仿宋"  # the defaults not written stay (三级标题)
    used, _ = _used_fonts(out)
    assert used <= set(table)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("替代字体:\n  仿宋: 仿宋\n", "样式.yaml:2:3: 替代字体: 「仿宋」的替代字体就是它自己"),
        ("替代字体:\n  仿宋_GB2312: " + "仿" * 32 + "\n", "超过 31 个字符"),
        ("替代字体: 仿宋\n", "样式.yaml:1:"),
    ],
)
def test_a_wrong_alternate_is_reported_where_it_is(run_cli, tmp_path: Path, text: str, message: str) -> None:
    folder = tmp_path / "我市模板"
    folder.mkdir()
    (folder / "样式.yaml").write_text(text, encoding="utf-8")
    result = run_cli(MINIMAL, "-o", tmp_path / "draft.docx", "--templates", folder)
    assert result.code == 2 and message in result.err
    assert not (tmp_path / "draft.docx").exists()


def test_core_properties_say_who_drafted_it_when_and_its_title(reviewed: Path) -> None:
    core = _xml(reviewed, "docProps/core.xml")

    def text(tag: str) -> str:
        found = core.find(tag, CORE_NS)
        assert found is not None, tag
        return found.text or ""

    assert text("dc:title") == "天门市民政局2024年工作总结及2025年工作计划"
    assert text("dc:creator") == text("cp:lastModifiedBy") == "天门市民政局"
    now = datetime.now(UTC)
    for tag in ("dcterms:created", "dcterms:modified"):
        stamp = text(tag)
        assert stamp.endswith("Z"), "W3CDTF in UTC"
        when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        assert now - timedelta(minutes=30) < when <= now, stamp
    props = Document(str(reviewed)).core_properties  # and python-docx (as Word) reads them back
    assert props.created == props.modified and props.author == "天门市民政局"


def test_no_blank_thumbnail(reviewed: Path) -> None:
    names = _names(reviewed)
    assert not [n for n in names if "thumbnail" in n or n.endswith((".jpeg", ".jpg", ".png"))]
    with zipfile.ZipFile(reviewed) as z:
        assert b"thumbnail" not in z.read("_rels/.rels")
        assert b"jpeg" not in z.read("[Content_Types].xml")


def test_comment_styles_exist_for_every_style_the_comments_use(reviewed: Path) -> None:
    styles = {s.get(f"{W}styleId"): s for s in _xml(reviewed, "word/styles.xml").iter(f"{W}style")}
    referred = set()
    for part in ("word/comments.xml", "word/document.xml"):
        for tag in ("pStyle", "rStyle"):
            referred |= {e.get(f"{W}val") for e in _xml(reviewed, part).iter(f"{W}{tag}")}
    assert {"CommentText", "CommentReference"} <= referred
    assert referred <= set(styles), f"undefined: {referred - set(styles)}"
    assert styles["CommentText"].get(f"{W}type") == "paragraph"
    assert styles["CommentReference"].get(f"{W}type") == "character"
    names = {sid: s.find(f"{W}name").get(f"{W}val") for sid, s in styles.items()}
    assert names["CommentText"] == "annotation text" and names["CommentReference"] == "annotation reference"


def test_a_redrafted_draft_replaces_the_last_and_an_edited_one_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "draft.docx"
    monkeypatch.setattr(properties, "drafted_now", lambda: datetime(2024, 12, 20, 8, 0, tzinfo=UTC))
    pipeline.build(MINIMAL, out=out)
    assert Document(str(out)).core_properties.created == datetime(2024, 12, 20, 8, 0, tzinfo=UTC)
    monkeypatch.undo()
    again = pipeline.build(MINIMAL, out=out)  # drafted at another time: still recognised as ours
    assert again.path == out and not again.notes
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]
    assert Document(str(out)).core_properties.created != datetime(2024, 12, 20, 8, 0, tzinfo=UTC), (
        "the second run's"
    )

    doc = Document(str(out))
    doc.paragraphs[1].add_run("（主任：此段再斟酌）")
    doc.save(str(out))
    third = pipeline.build(MINIMAL, out=out)
    assert third.path != out and "2" in third.path.stem and third.notes
    assert "此段再斟酌" in "".join(p.text for p in Document(str(out)).paragraphs)
