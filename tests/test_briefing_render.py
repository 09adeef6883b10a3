"""Real clients: LibreOffice converts the Word briefing to PDF; headless Chromium prints the HTML one, without errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from briefing_helpers import DAY, EVIL_REGION, evil_book
from conftest import EXAMPLES

from zhibiao.briefing import render_briefing

# CI installs these (.ci/run); elsewhere a missing client skips instead of failing
NEEDED = {"soffice": "libreoffice-writer-nogui", "chromium": "chromium", "pdftotext": "poppler-utils",
          "pdfinfo": "poppler-utils"}
missing = [tool for tool in NEEDED if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(bool(missing) and not os.environ.get("CI"),
                                reason=f"needs {', '.join(NEEDED[m] for m in missing)}")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    huzhou = render_briefing(EXAMPLES / "湖州2023进度示例.xlsx", out_dir=out, stem="huzhou", today=DAY)
    evil = render_briefing(evil_book(), out_dir=out, stem="evil", today=DAY)
    return out, huzhou, evil


def pdf_text(pdf) -> str:
    """The PDF's text with all white space removed (pdftotext spaces CJK text unpredictably)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split())


def pdf_info(pdf) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_libreoffice_converts_the_docx(outputs, tmp_path):
    out, huzhou, evil = outputs
    profile = tmp_path / "profile"
    for docx_path in (huzhou[0], evil[0]):
        run = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                              "--outdir", str(tmp_path), str(docx_path)], capture_output=True, text=True, timeout=180)
        pdf = tmp_path / (docx_path.stem + ".pdf")
        assert run.returncode == 0 and pdf.exists(), run.stderr
        assert "A4" in pdf_info(pdf)
    text = pdf_text(tmp_path / "huzhou.pdf")
    assert "工业经济运行简报" in text and "第6期" in text and "—1—" in text and "—2—" in text
    assert "抄送：各区县人民政府（管委会），市级有关部门" in text
    assert EVIL_REGION in pdf_text(tmp_path / "evil.pdf")


def test_chromium_prints_the_html_without_errors(outputs, tmp_path):
    out, huzhou, evil = outputs
    for html_path in (huzhou[1], evil[1]):
        pdf = tmp_path / (html_path.stem + ".pdf")
        run = subprocess.run([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium'}", "--enable-logging=stderr", "--v=0",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.as_uri()],
            capture_output=True, text=True, timeout=180)
        assert run.returncode == 0 and pdf.exists(), run.stderr
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        assert console == []  # no script ran, nothing failed to load
        assert "A4" in pdf_info(pdf)
    text = pdf_text(tmp_path / "huzhou.pdf")
    assert "工业经济运行简报" in text and "第6期" in text and "—1—" in text  # page numbers from @page
    assert "南太湖新区" in text  # the chart's labels are text, not paths
    assert EVIL_REGION in pdf_text(tmp_path / "evil.pdf")


def test_chromium_keeps_the_attachment_line_and_the_chart_captions_with_their_text(outputs, tmp_path):
    """湖州's body ends near a page's foot: the 附件说明 (附件：…) once went alone onto a page of its own before the
    附件 (which starts a page); it now takes the last table row with it. A chart stays on its caption's page,
    a table's 注 on its table's."""
    out, huzhou, evil = outputs
    pdf = tmp_path / "huzhou.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'chromium'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    huzhou[1].as_uri()], capture_output=True, text=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f")]
    (attached,) = [p for p in pages if "附件：主要指标分解核对一览表" in p]
    rest = attached.replace("附件：主要指标分解核对一览表", "")
    assert len(re.sub(r"—\d+—", "", rest)) > 10, attached  # more than the line and the page number
    (captioned,) = [p for p in pages if "图1各地区" in p]
    assert "累计类指标平均完成年度目标" in captioned  # the chart's axis title, above its caption
    # a table's 注 stays with the table (表1's note once opened page 4 by itself)
    assert [p for p in pages if p.startswith("注：")] == []
