"""xlwings in server mode, for the tests that drive UDFs and scripts through xlwings' own entry points.

xlwings picks its decorators when it is imported, so the fixture sets the environment, imports
xlwings and our Excel modules afresh, and puts the earlier modules back afterwards.
"""

from __future__ import annotations

import asyncio
import copy
import sys
from pathlib import Path

import pytest

from zhibiao.formats import read_workbook
from zhibiao.grid import a1

_FRESH = ("xlwings", "udfs", "macros")


def _fresh(name: str) -> bool:
    if name == "xlwings.xlwingslib":  # a Rust extension: it can be initialised once per process
        return False
    return any(name == p or name.startswith(p + ".") for p in _FRESH)


class Server:
    """What an xlwings Server app does with a request, minus HTTP."""

    def __init__(self):
        import xlwings as xw
        from xlwings import server

        self.xw, self.api = xw, server

    def meta(self, module) -> dict:
        return self.api.custom_functions_meta(module)

    def call(self, module, func_name: str, *args):
        """Call a custom function as Office.js does: one 2-D matrix (or null) per argument."""
        data = {"func_name": func_name, "args": list(args), "version": self.xw.__version__,
                "client": "Office.js", "runtime": "1.4", "culture_info_name": "zh-CN", "date_format": "yyyy/m/d"}
        return asyncio.run(self.api.custom_functions_call(data, module))

    def run(self, module, script: str, payload: dict) -> list[dict]:
        """Run a custom script on a book payload; the actions the client would apply."""
        book = self.xw.Book(json=copy.deepcopy(payload))  # the engine edits its payload as it goes
        result = asyncio.run(self.api.custom_scripts_call(module, script, typehint_to_value={self.xw.Book: book}))
        return (result or book).json()["actions"]


def book_payload(path: Path, notes: bool = True, extra: dict[str, list[list]] | None = None) -> dict:
    """The payload the Office.js client sends for a workbook: values anchored at A1, "" for empty cells."""
    import xlwings as xw

    sheets = []
    grids = [(g.name, g.rows) for g in read_workbook(path).grids] + list((extra or {}).items())
    for name, rows in grids:
        width = max((len(r) for r in rows), default=0)
        values = [["" if v is None else v for v in r] + [""] * (width - len(r)) for r in rows]
        sheet = {"name": name, "values": values or [[""]], "pictures": [], "tables": [], "shapes": [], "charts": [],
                 "visibility": "Visible", "used_range_address": f"A1:{a1(len(values) - 1, width - 1)}" if values else None}
        if notes:
            sheet["notes"] = []
        sheets.append(sheet)
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def on(actions, func, sheet=None):
    """The actions of one kind (on one sheet)."""
    return [a for a in actions if a["func"] == func and (sheet is None or a["sheet_position"] == sheet)]


def replay(payload: dict, actions: list[dict]) -> dict:
    """The payload Excel would send next time: the sheets the script added, with the values it wrote."""
    sheets = list(payload["sheets"])
    for a in on(actions, "addSheet"):
        sheets.insert(a["args"][0], {"name": a["args"][1], "values": [[""]], "pictures": [], "tables": [], "notes": []})
    for a in on(actions, "setValues"):
        sheet = sheets[a["sheet_position"]]
        grid = sheet["values"]
        for r, row in enumerate(a["values"]):
            while len(grid) <= a["start_row"] + r:
                grid.append([])
            line = grid[a["start_row"] + r]
            for c, v in enumerate(row):
                while len(line) <= a["start_column"] + c:
                    line.append("")
                line[a["start_column"] + c] = v
    for a in on(actions, "addNote"):
        sheets[a["sheet_position"]]["notes"].append({"address": a["args"][0]})
    width = max(len(r) for s in sheets for r in s["values"])
    for s in sheets:
        s["values"] = [r + [""] * (width - len(r)) for r in s["values"]]
        s.pop("used_range_address", None)
    return {**payload, "sheets": sheets}


@pytest.fixture(scope="module")
def server():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XLWINGS_ON_SERVER", "true")
        mp.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
        saved = {name: sys.modules.pop(name) for name in list(sys.modules) if _fresh(name)}
        try:
            yield Server()
        finally:
            for name in [n for n in sys.modules if _fresh(n)]:
                del sys.modules[name]
            sys.modules.update(saved)
