"""The draft opens in LibreOffice: converted headlessly to PDF, A4 pages, its text all there.

Needs LibreOffice (soffice) and poppler (pdfinfo, pdftotext); `.ci/run` installs them. Skipped where absent (except in CI),
because a clerk's or maintainer's machine need not have them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import MINIMAL, TIANMEN

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo"))
    and not os.environ.get("CI"),  # CI installs them: never skipped there
    reason="需要 LibreOffice 与 poppler-utils（.ci/run 会安装）",
)


def test_tianmen_draft_converts_to_a4_pdf_with_all_text(tmp_path: Path) -> None:
    docx = tmp_path / "tianmen.docx"
    pipeline.build(TIANMEN, out=docx)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "tianmen.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 15
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())
    for expected in (
        "天门市民政局2024年工作总结",
        "一、2024年工作情况",
        "每人每月694元",
        "2024年12月25日",
        "—1—",
        "—2—",
    ):
        assert expected in flat, expected


# Only the alternate exists: 仿宋 (what a stock Windows has) is Noto Serif CJK SC, 仿宋_GB2312 is nothing.
_ALTERNATE_ONLY = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>仿宋</family><accept><family>Noto Serif CJK SC</family></accept></alias>
</fontconfig>
"""


def _without_alternates(source: Path, target: Path) -> None:
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "word/fontTable.xml":
                data = re.sub(rb"<w:altName [^>]*/>", b"", data)
            out.writestr(info, data)


def _pdf_fonts(pdf: Path) -> set[str]:
    """The fonts embedded in ``pdf``, without their subset prefix (ABCDEF+)."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    return {line.split()[0].split("+")[-1] for line in lines.splitlines()[2:] if line.strip()}


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not shutil.which("pdffonts"), reason="fontconfig and pdffonts"
)
def test_libreoffice_does_not_use_the_font_tables_alternate_names(tmp_path: Path) -> None:
    """What the README says: LibreOffice (7.4) ignores w:altName and substitutes by its own rules."""
    fonts = subprocess.run(["fc-list", ":", "family"], check=True, capture_output=True, text=True).stdout
    if "Noto Serif CJK SC" not in fonts:
        pytest.skip("需要 Noto Serif CJK SC（fonts-noto-cjk）")
    with_alternates, without, control = (tmp_path / f"{n}.docx" for n in ("with", "without", "control"))
    pipeline.build(MINIMAL, out=with_alternates)
    assert b'w:altName w:val="\xe4\xbb\xbf\xe5\xae\x8b"' in zipfile.ZipFile(with_alternates).read(
        "word/fontTable.xml"
    )  # 仿宋_GB2312 → 仿宋
    _without_alternates(with_alternates, without)
    styles = tmp_path / "仿宋"  # the control: the body set in 仿宋 itself
    styles.mkdir()
    (styles / "样式.yaml").write_text("字体:\n  正文: 仿宋\n  三级标题: 仿宋\n", encoding="utf-8")
    pipeline.build(MINIMAL, out=control, templates=styles)
    conf = tmp_path / "fonts.conf"
    conf.write_text(_ALTERNATE_ONLY, encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, (with_alternates, without, control)),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )
    used = {n: _pdf_fonts(tmp_path / f"{n}.pdf") for n in ("with", "without", "control")}
    assert any(f.startswith("NotoSerifCJK") for f in used["control"]), used  # 仿宋 is there
    assert used["with"] == used["without"], used  # the alternate names change nothing
    assert not any(f.startswith("NotoSerifCJK") for f in used["with"]), used
