"""Build the other-format fixtures of the 湖州 2023 split with LibreOffice (tests/test_formats_more.py).

    .venv/bin/python tests/files/build_format_fixtures.py

Needs LibreOffice (`soffice`) and a CJK font (fonts-noto-cjk), as `.ci/run` installs. The sources are
fixtures built by build_fixtures.py, so every file holds the seed's values:
  huzhou.xls, huzhou.ods   <- huzhou_two_row_header.xlsx (merged header band, vertical merges, pending rows merged)
  huzhou.pdf               <- huzhou.docx (Word annex printed to PDF: the table runs over two pages, a row is
                              broken across the page, cells wrap onto several lines)
  huzhou.doc               <- huzhou.docx (Word 97-2003)
  huzhou_password.pdf      <- huzhou.docx, exported with an open password (zb)
  huzhou_password.xlsx     <- huzhou_plain.xlsx encrypted with msoffcrypto-tool (password zb), as Excel does
  huzhou_progress.ods      <- xlsx_templates/examples/湖州2023进度示例.xlsx (split, settings, two 进度 sheets)
LibreOffice stamps creation times and ids into its output, so rebuilt files differ in those bytes only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PDF_PASSWORD = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},' \
               '"DocumentOpenPassword":{"type":"string","value":"zb"}}'
JOBS = [  # source, LibreOffice target, output name
    ("huzhou_two_row_header.xlsx", "xls:MS Excel 97", "huzhou.xls"),
    ("huzhou_two_row_header.xlsx", "ods", "huzhou.ods"),
    ("huzhou.docx", "pdf:writer_pdf_Export", "huzhou.pdf"),
    ("huzhou.docx", "doc:MS Word 97", "huzhou.doc"),
    ("huzhou.docx", PDF_PASSWORD, "huzhou_password.pdf"),
    ("../../xlsx_templates/examples/湖州2023进度示例.xlsx", "ods", "huzhou_progress.ods"),
]


def convert(soffice: str, source: Path, target: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = source.resolve()
        shutil.copyfile(source, work / source.name)
        subprocess.run([soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(work / "out"), str(work / source.name)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        produced = next((work / "out").iterdir())
        shutil.copyfile(produced, out)


def encrypt_xlsx(source: Path, out: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(source, "rb") as f, open(out, "wb") as o:
        OOXMLFile(f).encrypt("zb", o)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to build these fixtures")
    for source, target, name in JOBS:
        convert(soffice, HERE / source, target, HERE / name)
        print(f"{name} <- {source}")
    encrypt_xlsx(HERE / "huzhou_plain.xlsx", HERE / "huzhou_password.xlsx")
    print("huzhou_password.xlsx <- huzhou_plain.xlsx")


if __name__ == "__main__":
    main()
