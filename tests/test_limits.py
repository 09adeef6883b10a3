"""Workbooks too large to read: one Chinese line before anything is allocated, never an abort (issue 12, item 2)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="分解" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
TABLE = [["指标名称", "吴兴", "南浔", "德清", "全市"], ["企业数(家)", 1, 2, 3, 10], ["亩均税收(万元/亩)", 30, 31, 32, 31]]


def raw_xlsx(path, far_cells=(), dimension=None, padding=0):
    """A workbook written by hand: the 湖州-like table, cells at far references, optional <dimension> and white space."""
    rows = []
    for r, values in enumerate(TABLE, 1):
        cells = "".join(f'<c r="{"ABCDE"[c]}{r}" t="inlineStr"><is><t>{v}</t></is></c>' if isinstance(v, str)
                        else f'<c r="{"ABCDE"[c]}{r}"><v>{v}</v></c>' for c, v in enumerate(values))
        rows.append(f'<row r="{r}">{cells}</row>')
    for ref in far_cells:
        rows.append(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row>')
    dim = f'<dimension ref="A1:{dimension}"/>' if dimension else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'{dim}<sheetData>{"".join(rows)}</sheetData>{" " * padding}</worksheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _TYPES), ("_rels/.rels", _RELS), ("xl/workbook.xml", _BOOK),
                           ("xl/_rels/workbook.xml.rels", _BOOK_RELS), ("xl/worksheets/sheet1.xml", sheet)):
            z.writestr(name, text)
    return path


_CAPPED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
from zhibiao.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _capped(*args, cwd):
    """The CLI in a child process whose address space is capped at 1.5 GiB (an abort there kills only the child)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _CAPPED, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def _one_line(result, *words):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert len(lines) == 1 and lines[0].startswith("错误："), result.stderr[-2000:]
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", ["check", "progress", "brief", "import"])
def test_one_value_at_the_last_cell_of_a_sheet_is_one_line_under_a_memory_cap(tmp_path, command):
    path = raw_xlsx(tmp_path / "远.xlsx", ["XFD1048576"])
    assert path.stat().st_size < 16_000
    _one_line(_capped(command, path, cwd=tmp_path), "分解", "XFD1048576", "--max-cells")


def test_a_sheet_that_inflates_beyond_the_limit_is_refused_before_reading(tmp_path):
    path = raw_xlsx(tmp_path / "炸弹.xlsx", padding=80 << 20)  # 80 MiB of white space, a few hundred KB zipped
    assert path.stat().st_size < 1 << 20
    _one_line(_capped("check", path, "--max-cells", 1000, cwd=tmp_path), "MB", "--max-cells")


def test_the_limit_is_an_option_and_a_far_cell_within_it_reads(runner, tmp_path):
    path = raw_xlsx(tmp_path / "远.xlsx", ["Z2000"])
    result = runner.invoke("check", path, "--max-cells", 52_000, "--json")
    assert result.exit_code == 1 and [f["code"] for f in result.json()["findings"]] == ["split-short", "weights-needed"], result.stderr
    refused = runner.invoke("check", path, "--max-cells", 51_999)
    assert refused.exit_code == 2 and "Z2000（52,000 个单元格）" in refused.stderr


@pytest.mark.parametrize("dimension", ["E1000", None])
def test_large_parts_are_measured_by_their_dimension_or_their_rows(tmp_path, monkeypatch, dimension):
    from zhibiao.formats import limits

    monkeypatch.setattr(limits, "EXACT_SCAN_BYTES", 10)  # treat this small sheet as a large one
    path = raw_xlsx(tmp_path / "大.xlsx", ["B70000"], dimension=dimension)
    with zipfile.ZipFile(path) as z:
        assert limits._extent(z, z.getinfo("xl/worksheets/sheet1.xml")) == ((1000, 5) if dimension else (70000, 5))


@pytest.mark.parametrize("command", [
    ["report", "简报", "{book}"], ["diff", "{book}", "{book}"], ["collect", "{book}", "-p", "2023-06", "-o", "{out}"],
    ["merge", "{book}", "{book}"], ["levels", "{book}", "吴兴区={book}"], ["projects", "{book}"],
])
def test_every_command_reading_a_workbook_takes_max_cells(runner, tmp_path, command):
    from conftest import HUZHOU

    args = [a.format(book=HUZHOU, out=tmp_path / "报送") for a in command]
    refused = runner.invoke(*args, "--max-cells", 10)
    assert refused.exit_code == 2, refused.stderr
    assert "超过上限 10" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
