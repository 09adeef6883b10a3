"""The pandas seam: reports as DataFrames for analysts (optional extra `zhibiao[pandas]`).

The core stays on plain lists; pandas is imported here, inside the functions, and only when a frame is
asked for. Columns are the JSON field names, in the JSON's order, with fixed dtypes (pandas' nullable
ones), so an empty report gives an empty frame of the same columns and dtypes, and
`frame.to_dict("records")` gives back the JSON values (a missing value as pd.NA).
"""

from __future__ import annotations

from .errors import UsageError

TEXT, FLOAT, INT, BOOL, OBJECT = "string", "Float64", "Int64", "boolean", "object"

FINDING_COLUMNS = {
    "code": TEXT, "severity": TEXT, "indicator": TEXT, "region": TEXT, "cell": TEXT, "kind": TEXT,
    "target": FLOAT, "allocated": FLOAT, "implied": FLOAT, "gap": FLOAT, "suggestion": TEXT,
    "adjustments": OBJECT, "message": TEXT, "raw": TEXT, "sheet": TEXT, "period": TEXT,
}
INDICATOR_COLUMNS = {
    "sheet": TEXT, "row": INT, "cell": TEXT, "name": TEXT, "display_name": TEXT, "unit": TEXT, "kind": TEXT,
    "kind_label": TEXT, "kind_source": TEXT, "weighting": TEXT, "direction": TEXT, "verdict": TEXT,
    "verdict_label": TEXT, "category": TEXT, "responsible": TEXT, "table_kind": TEXT, "implied_growth": OBJECT,
    "period": TEXT,
}
STATUS_COLUMNS = {
    "indicator": TEXT, "region": TEXT, "actual": FLOAT, "target": FLOAT, "completion": FLOAT, "schedule": FLOAT,
    "status": TEXT, "lag": FLOAT, "kind": TEXT, "direction": TEXT, "cell": TEXT, "responsible": TEXT, "note": TEXT,
    "display_name": TEXT, "unit": TEXT, "category": TEXT, "is_parent": BOOL, "target_cell": TEXT,
}
RANKING_COLUMNS = {"region": TEXT, "rank": INT, "score": FLOAT, "method": TEXT, "tied": BOOL, "details": OBJECT}


def pandas():
    """pandas, or one Chinese line naming the extra that installs it."""
    try:
        import pandas as pd
    except ImportError:
        raise UsageError("需要 pandas 才能生成 DataFrame：请执行 pip install \"zhibiao[pandas]\"") from None
    return pd


def frame(records: list[dict], columns: dict[str, str]):
    """A DataFrame of JSON records with exactly these columns and dtypes (extra keys are a programming error)."""
    pd = pandas()
    data = {}
    for name, dtype in columns.items():
        values = [r.get(name) for r in records]
        if dtype == OBJECT:
            data[name] = pd.Series(values, dtype=object)
        else:
            data[name] = pd.array(values, dtype=dtype)
    unknown = {k for r in records for k in r} - columns.keys()
    if unknown:
        raise ValueError(f"frame columns missing for {sorted(unknown)}")
    return pd.DataFrame(data, columns=list(columns))
