"""The draft opens in LibreOffice: converted headlessly to PDF, A4 pages, its text all there.

Needs LibreOffice (soffice) and poppler (pdfinfo, pdftotext); `.ci/run` installs them. Skipped where absent (except in CI),
because a clerk's or maintainer's machine need not have them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from tests.conftest import TIANMEN

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
