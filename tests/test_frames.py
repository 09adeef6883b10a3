"""The pandas seam: frames with the JSON's columns and fixed dtypes, and a clear line without pandas."""

import json
import math
import sys
from pathlib import Path

import pytest

from zhibiao import UsageError, check_file
from zhibiao.progress import progress_file

pd = pytest.importorskip("pandas", reason="pandas（zhibiao[pandas]）未安装")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "xlsx_templates" / "examples"
SHORT = ROOT / "tests" / "files" / "huzhou_short.xlsx"


def records(df):
    """Frame rows back as plain JSON values (pd.NA → None, numpy scalars → Python)."""
    out = []
    for row in df.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                v = None
            elif hasattr(v, "item"):
                v = v.item()
            clean[k] = v
        out.append(clean)
    return out


def test_findings_frame_round_trips_to_the_json():
    report = check_file(SHORT)
    df = report.to_frame()
    expected = json.loads(report.dumps())["findings"]
    assert list(df.columns) == list(expected[0])
    assert records(df) == expected
    assert df.loc[df.code == "split-short", "gap"].tolist() == [50]


def test_indicators_frame_has_the_json_names_and_dtypes():
    report = check_file(EXAMPLES / "湖州2023区县分解.xlsx")
    df = report.indicators_frame()
    assert records(df) == json.loads(report.dumps())["summary"]["indicators"]
    assert str(df["row"].dtype) == "Int64" and str(df["kind"].dtype) == "string"


def test_progress_frames_round_trip():
    report = progress_file(EXAMPLES / "湖州2023进度示例.xlsx")
    data = report.to_json()
    statuses, ranking = report.to_frame(), report.ranking_frame()
    assert records(statuses) == data["statuses"]
    assert records(ranking) == data["ranking"]
    assert str(statuses["completion"].dtype) == "Float64" and str(statuses["is_parent"].dtype) == "boolean"
    assert str(ranking["rank"].dtype) == "Int64" and str(ranking["tied"].dtype) == "boolean"
    assert set(statuses["status"].dropna()) <= {"green", "yellow", "red"}


def test_empty_report_keeps_columns_and_dtypes():
    report = check_file(EXAMPLES / "湖州2023区县分解.xlsx")
    full = report.to_frame()
    report.findings = []
    df = report.to_frame()
    assert len(df) == 0 and len(full) > 0
    assert list(df.columns) == list(full.columns)
    assert df.dtypes.astype(str).tolist() == full.dtypes.astype(str).tolist()
    assert str(df["gap"].dtype) == "Float64" and str(df["code"].dtype) == "string"


def test_without_pandas_one_chinese_line(monkeypatch):
    report = check_file(SHORT)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(UsageError, match=r"zhibiao\[pandas\]"):
        report.to_frame()
