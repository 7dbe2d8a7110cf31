"""The drafts as they render: LibreOffice lays them out with Chinese fonts, and the PDF is read back.

`.ci/run` installs LibreOffice, poppler and the fonts (fonts-noto-cjk, fonts-arphic-ukai) that
generator/write/fonts.conf maps the 公文 fonts to. In CI this test never skips; on a machine without
LibreOffice it skips and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.write import pdf
from generator.write.profile import Profile
from tests import pages
from tests.conftest import INPUTS

DRAFTS = ("天门市2024", "中山市2023", "示例")
STAND_INS = {"仿宋_GB2312": "Noto Serif CJK SC", "楷体_GB2312": "AR PL UKai CN", "黑体": "Noto Sans CJK SC"}


def _missing() -> str | None:
    if pdf.find_soffice() is None:
        return "未安装 LibreOffice（soffice），无法检查版面；.ci/run 会安装"
    if shutil.which("fc-match") is None:
        return "未安装 fontconfig（fc-match）"
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf.FONTS_CONF)}
    for name, font in STAND_INS.items():
        found = subprocess.run(
            ["fc-match", "-f", "%{family}", name], check=False, capture_output=True, text=True, env=env
        )
        if font not in found.stdout:
            return f"{name} 没有映射到 {font}（缺 fonts-noto-cjk 或 fonts-arphic-ukai）"
    return None


def _need_layout_tools() -> None:
    """Skip without LibreOffice and the fonts, except in CI, which must have them."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"CI 必须检查版面：{reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pages.Layout]:
    _need_layout_tools()
    folder = tmp_path_factory.mktemp("render")
    found = {}
    for name in DRAFTS:
        docx = folder / f"{name}.docx"
        result = pipeline.build(INPUTS / f"{name}.yaml", out=docx)
        found[name] = pages.read(docx, pdf.convert(result.path), result.draft.profile)
    return found


@pytest.fixture(params=DRAFTS)
def layout(request: pytest.FixtureRequest, layouts: dict[str, pages.Layout]) -> pages.Layout:
    return layouts[request.param]


def test_every_character_reaches_the_page(layout: pages.Layout) -> None:
    assert not layout.unmatched, [line.text for line in layout.unmatched]
    assert layout.lost == []
    assert pages.lost_punctuation(layout) == 0


def test_pages_hold_22_lines_on_the_grid(layout: pages.Layout) -> None:
    assert pages.grid_faults(layout) == []
    if len(layout.pages) > 2:
        assert max(pages.lines_per_page(layout)[1:-1]) == 22


def test_full_lines_hold_28_characters(layout: pages.Layout) -> None:
    counts = pages.chars_per_line(layout)
    assert counts and max(counts) == 28, counts
    assert pages.fill_faults(layout) == []
    assert pages.short_lines(layout) == []


def test_page_numbers_outside_edge(layout: pages.Layout) -> None:
    assert pages.page_number_faults(layout) == []


def test_no_line_breaks_against_kinsoku(layout: pages.Layout) -> None:
    assert pages.kinsoku_faults(layout) == []


def test_closing_never_alone(layout: pages.Layout) -> None:
    assert not pages.closing_alone(layout)
    last = layout.pages[-1].lines
    assert [layout.paragraphs[line.paragraph][0] for line in last[-2:]] == ["落款", "成文日期"]


def test_no_number_cut_in_its_digits(layouts: dict[str, pages.Layout]) -> None:
    assert [pages.number_splits(layout) for layout in layouts.values()] == [[], [], []]


def test_the_checks_see_faults() -> None:
    """The page checks are not vacuous: a broken layout fails them."""
    g = pages.Geometry.of(Profile())
    layout = pages.Layout(
        [("Normal", "生活费749万元。下一段"), ("落款", "某局"), ("成文日期", "2024年1月1日")],
        [
            pages.PageInfo(1, [pages.Line(1, 700, g.left, g.right, "生活费74")], "—1—", 0, 0),
            pages.PageInfo(
                2,
                [
                    pages.Line(2, 700, g.left, g.right, "9万元"),
                    pages.Line(2, 671, g.left, g.right, "下一段"),
                    pages.Line(2, 600, g.left, g.right, "某局"),
                    pages.Line(2, 570, g.left, g.right, "2024年1月1日"),
                ],
                "—3—",
                0,
                0,
            ),
        ],
        g,
    )
    pages._match(layout)
    assert layout.lost == [(0, "。")]
    assert pages.number_splits(layout)
    assert pages.page_number_faults(layout)


UNSEEN = sorted((Path(__file__).parent / "unseen" / "counties").glob("*.yaml"))


@pytest.fixture(scope="module")
def unseen_layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pages.Layout]:
    """The drafts of the 20 county files made from real reports' figures (material the layout was not
    tuned on), converted in one LibreOffice run."""
    _need_layout_tools()
    folder = tmp_path_factory.mktemp("unseen")
    drafts = {path.stem: pipeline.build(path, out=folder / f"{path.stem}.docx") for path in UNSEEN}
    soffice = pdf.find_soffice()
    assert soffice is not None
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf.FONTS_CONF)}
    profile = tmp_path_factory.mktemp("lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
        ]
        + [str(r.path) for r in drafts.values()],
        check=True,
        capture_output=True,
        timeout=600,
        env=env,
    )
    return {
        name: pages.read(r.path, r.path.with_suffix(".pdf"), r.draft.profile) for name, r in drafts.items()
    }


def test_unseen_counties_render_as_cleanly(unseen_layouts: dict[str, pages.Layout]) -> None:
    assert len(unseen_layouts) == len(UNSEEN) >= 34
    faults = {
        name: {
            "lost": pages.lost_punctuation(layout),
            "splits": pages.number_splits(layout),
            "kinsoku": pages.kinsoku_faults(layout),
            "fill": pages.fill_faults(layout) + pages.short_lines(layout),
            "grid": pages.grid_faults(layout),
            "page numbers": pages.page_number_faults(layout),
            "closing alone": pages.closing_alone(layout),
        }
        for name, layout in unseen_layouts.items()
    }
    assert {name: {k: v for k, v in found.items() if v} for name, found in faults.items()} == {
        name: {} for name in unseen_layouts
    }
