"""Non-finite and overflowing figures are unparsed-value findings and the rest of the table is checked (issue 12, item 3)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from xlserver import server  # noqa: F401  (fixture)

from test_limits import raw_xlsx

HEADER = ["指标名称", "吴兴", "南浔", "德清", "全市", "责任部门"]
OTHER = ["工业企业数(家)", 1, 2, 3, 10, "经信局"]  # a gap of 4 that must still be found


def _strict(text):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def _book(path, row):
    wb = Workbook()
    ws = wb.active
    ws.title = "分解"
    for r in (HEADER, row, OTHER):
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize("row, cell", [
    (["高耗低效整治企业数(家)", "NaN", 2, 3, 10, ""], "B2"),
    (["高耗低效整治企业数(家)", "INF", 2, 3, 10, ""], "B2"),
    (["高耗低效整治企业数(家)", "1e309", 2, 3, 10, ""], "B2"),
    (["高耗低效整治企业数(家)", 1, 2, 3, 1e308, ""], "E2"),
    (["高耗低效整治企业数(家)", "9" * 400, 2, 3, 10, ""], "B2"),
    (["高耗低效整治企业数(家)", 1, "1-" + "9" * 400, 3, 10, ""], "C2"),
    (["规上工业亩均税收(万元/亩)", 30, 31, "9" * 400 + "万元/亩", 30, ""], "D2"),
    (["研发投入占GDP比重(%)", 3, -1e308, 3, 3, ""], "C2"),
])
def test_a_figure_no_check_can_use_is_an_unparsed_value_and_the_rest_is_checked(runner, tmp_path, row, cell):
    result = runner.invoke("check", _book(tmp_path / "表.xlsx", row), "--json")
    assert result.exit_code == 1, result.stderr
    found = [(f["code"], f["cell"]) for f in _strict(result.stdout)["findings"]]
    assert found == [("unparsed-value", f"分解!{cell}"), ("split-short", "分解!E3")]


def test_numeric_cells_stored_as_inf_and_nan_are_unparsed_values(runner, tmp_path):
    from test_limits import TABLE

    path = raw_xlsx(tmp_path / "表.xlsx")
    text = path.read_bytes()
    assert text  # the hand-written workbook, with its 企业数 row stored as 1e309 / NaN / -INF numbers
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in (("B2", "1e309"), ("C2", "NaN"), ("D2", "-INF")):
        sheet = sheet.replace(f'<c r="{ref}"><v>{TABLE[1]["BCD".index(ref[0]) + 1]}</v>', f'<c r="{ref}"><v>{value}</v>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = runner.invoke("check", path, "--json")
    assert result.exit_code == 1, result.stderr
    found = [(f["code"], f["cell"]) for f in _strict(result.stdout)["findings"]]
    assert found[:3] == [("unparsed-value", "分解!B2"), ("unparsed-value", "分解!C2"), ("unparsed-value", "分解!D2")]


_ATOMS = st.one_of(
    st.none(), st.floats(), st.integers(min_value=-10**400, max_value=10**400), st.booleans(),
    st.text(max_size=30), st.text(alphabet="0123456789.-%万亿/（）()含以上≥待定个家eE+", max_size=12),
    st.sampled_from(["1.2万", "200家以上", "1-2个", "/", "待下达", "完成省定目标", "NaN", "INF", "1e309", "9" * 400,
                     "1-" + "9" * 400, "=A1", "合计", "加权平均", "统一", "亩均税收(万元/亩)", "增长(%)", "标准", "银川",
                     "30/65/85/100", "1e309/2/3/4", "0/0/0/0", "全市", "地区"]),
)


# what Excel may pass for an argument: one cell, a row, or a block of rows
_RANGES = st.one_of(_ATOMS, st.lists(_ATOMS, max_size=4),
                    st.lists(st.lists(_ATOMS, min_size=1, max_size=5), min_size=1, max_size=4))
_ARITY = {"zb_number": (1, 2), "zb_kind": (1, 2), "zb_split": (2, 4), "zb_check": (1, 2), "zb_light": (3, 6)}


def _values(out):
    return [v for row in out for v in row] if isinstance(out, list) else [out]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["zb_number", "zb_kind", "zb_split", "zb_check", "zb_light"]),
       st.lists(_RANGES, min_size=1, max_size=6), st.booleans())
def test_the_udfs_answer_every_input_without_an_internal_error(udfs, name, args, headed):
    if name == "zb_check" and headed and isinstance(args[0], list) and args[0] and isinstance(args[0][0], list):
        args[0][0] = ["指标名称", "吴兴", "南浔", "全市", "汇总方式"][:len(args[0][0])]
    least, most = _ARITY[name]
    out = getattr(udfs, name)(*(args + [None] * least)[:max(least, min(len(args), most))])
    for v in _values(out):
        assert not (isinstance(v, str) and "处理时出错" in v), (name, args, v)
        assert not (isinstance(v, float) and not math.isfinite(v)), (name, args, v)


@pytest.fixture(scope="module")
def udfs(server):  # noqa: F811
    from udfs import zhibiao_udfs

    return zhibiao_udfs
