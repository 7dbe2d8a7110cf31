"""A PDF beside the draft: LibreOffice converts the .docx headlessly, when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.errors import UserError
from generator.write import files, owned

# Maps the 公文 fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) to free CJK fonts on Linux.
FONTS_CONF = Path(__file__).with_name("fonts.conf")
_WELL_KNOWN = (
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
    Path("C:/Program Files (x86)/LibreOffice/program/soffice.exe"),
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
INSTALL_HINT = (
    "请安装 LibreOffice（免费）：Windows、macOS 从 LibreOffice 官方网站下载安装；"
    "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-ukai。"
    "安装后重新运行本命令，或用 Word/WPS 打开草稿另存为 PDF"
)


class PdfError(UserError):
    """No PDF could be made (LibreOffice missing or failing); the .docx itself was written."""


def find_soffice() -> str | None:
    """LibreOffice's command, from PATH or its usual install folder."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in _WELL_KNOWN if p.is_file()), None)


def convert(docx: Path, *, overwrite: bool = False) -> Path:
    """Write ``docx`` as PDF beside it (same name, .pdf) and return the PDF's path. An existing PDF
    there is replaced only when this tool wrote it (and nobody saved over it since), or ``overwrite``."""
    owned.guard_bytes(docx.with_suffix(".pdf"), owned.is_our_pdf, overwrite=overwrite, what="PDF 文件")
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(f"已生成 {docx}，但未找到 LibreOffice，无法转换为 PDF。{INSTALL_HINT}。")
    env = dict(os.environ)
    if sys.platform.startswith("linux"):
        env.setdefault("FONTCONFIG_FILE", str(FONTS_CONF))
    target = docx.with_suffix(".pdf")
    # A profile of its own lets the conversion run while the user has LibreOffice open.
    with tempfile.TemporaryDirectory(prefix="minzheng-lo-") as profile, tempfile.TemporaryDirectory() as out:
        try:
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    out,
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=300,
                env=env,
            )
        except (OSError, subprocess.SubprocessError) as e:
            raise PdfError(
                f"已生成 {docx}，但 LibreOffice 转换 PDF 失败（{type(e).__name__}）。{INSTALL_HINT}。"
            ) from e
        made = Path(out) / (docx.stem + ".pdf")
        if not made.is_file():
            raise PdfError(f"已生成 {docx}，但 LibreOffice 没有写出 PDF。{INSTALL_HINT}。")
        owned.guard_bytes(target, owned.is_our_pdf, overwrite=overwrite, what="PDF 文件")  # made meanwhile?
        files.write_bytes_atomically(target, owned.mark_pdf(made.read_bytes()))
    return target
