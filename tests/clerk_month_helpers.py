"""A month of a clerk's work typed the way people type in Excel, built with openpyxl (no cached formula results)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

REGIONS = ["甲区", "乙区", "丙区"]
# 分解 rows as typed: 序号, 类别, 指标名称, 单位, 汇总方式, 权重依据, 方向, 甲区, 乙区, 丙区, 全市, (分解合计, 差额: formulas), 责任部门
SPLIT = [
    (1, "结构调整", "高耗低效整治企业数", "家", "合计", 120, 80, "90家", 300, "市经信局"),
    (2, "结构调整", "腾出用地面积", "亩", None, 200, 300, 500, 1500, "市自然资源局"),
    (3, "产业发展", "规上工业增加值增长", "%", None, 7, 7, 7, 7, "市统计局"),
    (4, "产业发展", "新增上市企业数", "家", "合计", "待省下达后分解", None, None, None, "市金融办"),
    (5, "产业发展", "新增小升规企业数", "家", None, "150家", 250, 100, 500, "市经信局"),
    (6, "创新驱动", "研发费用占营业收入比重", "%", None, 3.0, 2.5, 2.8, 2.8, "市科技局"),
]
# June actuals on the 进度 sheet (cumulative), by 分解 row: 甲区, 乙区, 丙区, 全市; percent rows typed as 7.5%
ACTUALS = {
    3: (70, 30, 20, 120),
    4: (50, 160, 100, 310),
    5: (0.075, 0.065, -0.035, 0.068),
    7: (80, 100, 40, 220),
    8: (0.031, 0.020, 0.029, 0.027),
}
PERCENT_ROWS = {5, 8}


def fill_split(path: Path) -> None:
    """Type the split into a template from `zhibiao new` (merged 待下达, 90家, blank 汇总方式)."""
    wb = load_workbook(path)
    ws = wb["分解"]
    for i, (seq, cat, name, unit, method, a, b, c, parent, dept) in enumerate(SPLIT):
        r = 3 + i
        for col, value in zip("ABCDE", (seq, cat, name, unit, method)):
            ws[f"{col}{r}"] = value
        for col, value in zip("HIJK", (a, b, c, parent)):
            ws[f"{col}{r}"] = value
        ws[f"N{r}"] = dept
    ws.merge_cells("H6:K6")  # 待省下达后分解 typed once across the regions and 全市
    wb.save(path)


def fill_actuals(path: Path, period: str = "2024-06") -> None:
    """Type June's figures into the 进度 sheet; the (%) rows as percent cells (0.075 shown as 7.5%)."""
    wb = load_workbook(path)
    ws = wb["进度"]
    ws["B1"] = period
    for r, values in ACTUALS.items():
        for col, value in zip("CDEF", values):
            cell = ws[f"{col}{r}"]
            cell.value = value
            if r in PERCENT_ROWS:
                cell.number_format = "0.0%"
    wb.save(path)
