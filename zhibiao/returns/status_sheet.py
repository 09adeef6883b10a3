"""The 报送情况 sheet: every region, received or not, when, by whom, and its problems; the marks on flagged figures."""

from __future__ import annotations

from ..expr import cell_text, normalize_text
from ..grid import Workbook
from ..progress.period import Period
from ..workbook.plan import Mark, ResultSheet, WritePlan

HEADER = ["地区", "状态", "报送单位", "填报人", "联系电话", "报送日期", "文件", "识别方式", "合并数值", "问题"]
WIDTHS = [12, 16, 18, 10, 14, 12, 30, 12, 9, 70]
STATUS_LABEL = {
    "merged": "已报送", "superseded": "重复，未采用", "wrong-period": "期间不符，未合并",
    "unknown-region": "地区无法识别，未合并", "unparsed": "无法读取，未合并", "empty": "未填写数值",
}
MISSING, EARLIER = "未报送", "已报送（此前合并）"


def status_sheet_name(period: Period) -> str:
    """报送情况 2023-06: one per period, so each month's round keeps its record."""
    return f"报送情况 {period}"


def earlier_received(book: Workbook, period: Period, regions: list[str]) -> dict[str, list]:
    """Regions an earlier merge of this period recorded as received: their rows of the 报送情况 sheet."""
    grid = book.grid(status_sheet_name(period))
    if grid is None:
        return {}
    rows = [list(r) + [None] * (len(HEADER) - len(r)) for r in grid.rows]
    start = next((i for i, r in enumerate(rows) if normalize_text(cell_text(r[0])) == "地区"), None)
    if start is None:
        return {}
    found = {}
    for r in rows[start + 1:]:
        region, status = cell_text(r[0]), cell_text(r[1])
        if region in regions and status.startswith("已报送"):
            found[region] = [region, EARLIER] + r[2:len(HEADER)]
    return found


def plan_merge(report) -> WritePlan:
    """The 报送情况 sheet and the marks on the 进度 sheet, as a write plan (a second merge replaces them)."""
    rows, levels = [], []
    merged = {e["region"]: e for e in report.returns if e["status"] in ("merged", "empty")}
    for region in report.source.regions:
        entry = merged.get(region)
        if entry is not None:
            problems = _problems(report, entry)
            rows.append(_row(entry, problems))
            levels.append(_level(report, entry) if problems else "ok")  # an empty return has its return-blank
        elif region in report.earlier:
            rows.append(report.earlier[region])
            levels.append("ok")
        else:
            rows.append([region, MISSING] + [None] * (len(HEADER) - 2))
            levels.append("warning")
    for entry in report.returns:
        if entry["status"] not in ("merged", "empty"):
            rows.append(_row(entry, _problems(report, entry)))
            levels.append("info" if entry["status"] == "superseded" else "error")
    sheet = ResultSheet(report.status_sheet, HEADER, rows, {}, levels, report.headline(), WIDTHS)
    return WritePlan([sheet], _marks(report), [], (report.status_sheet,))


def _row(entry: dict, problems: list[str]) -> list:
    return [entry["region"] or "—", STATUS_LABEL[entry["status"]], entry["unit"], entry["reporter"], entry["phone"],
            entry["date"], entry["file"], entry["recognised_by"], entry["merged"], "\n".join(problems) or None]


def _findings_of(report, entry: dict):
    return [f for f in report.findings if f.file == entry["file"] and f.code != "return-duplicate"
            or f.code == "return-duplicate" and f.region == entry["region"] and entry["status"] == "merged"]


def _problems(report, entry: dict) -> list[str]:
    out = []
    for f in _findings_of(report, entry):
        where = f"{f.indicator}：" if f.indicator else ""
        out.append(f"{where}{f.message}")
    return out


def _level(report, entry: dict) -> str:
    levels = {str(f.severity) for f in _findings_of(report, entry)}
    return "error" if "error" in levels else "warning" if "warning" in levels else "info"


def _marks(report) -> list[Mark]:
    """One mark per flagged cell: the worst level, every message in its comment."""
    by_cell: dict[tuple, Mark] = {}
    rank = {"error": 0, "warning": 1, "info": 2}
    for f in report.findings:
        if f.mark is None:
            continue
        level, text = str(f.severity), f"{f.message}（{f.file}）"
        seen = by_cell.get(f.mark)
        if seen is None:
            by_cell[f.mark] = Mark(*f.mark, level, text)
        else:
            seen.level = min(seen.level, level, key=rank.get)
            seen.comment = f"{seen.comment}\n{text}"
    return list(by_cell.values())
