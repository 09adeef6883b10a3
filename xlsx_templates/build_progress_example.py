"""Build examples/湖州2023进度示例.xlsx: the 湖州 2023 district split plus two 进度 sheets of invented figures.

The targets are the seed's (湖政办发〔2023〕22号 附1); the 赛马权重 column, the settings and every
actual figure are invented for illustration, and the workbook says so on its first sheet and under each table.
"""

import copy
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_examples as be  # noqa: E402
import seed_data as sd  # noqa: E402

FILENAME = "湖州2023进度示例.xlsx"
ILLUSTRATIVE = "示例数据：本表实际完成数为演示虚构，并非湖州市统计数据，仅用于演示 zhibiao progress。"

# per indicator (seed order): 赛马权重 (points, total 100)
WEIGHTS = [10, 10, 10, 10, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]

# invented cumulative actuals: 吴兴, 南浔, 德清, 长兴, 安吉, 南太湖新区, 全市 (None = not reported yet)
ACTUALS = {
    "2023-03": [
        [1.2, 0.8, 1.6, 1.0, 0.5, 1.9, 1.1],
        [6.1, 4.8, 8.9, 7.2, 2.5, 12.8, 6.6],
        [10.2, 5.6, 18.7, 9.9, -6.2, 25.4, 9.8],
        [44.0, 26.5, 36.8, 34.7, 30.2, 35.9, 35.1],
        [221, 128, 203, 171, 146, 240, 185],
        [29.8, 26.1, 30.4, 28.2, 24.6, 32.1, 28.5],
        [2.7, 1.9, 2.6, 2.2, 2.0, 2.9, 2.4],
        [75.8, 48.9, 68.1, 63.5, 59.7, 80.1, 65.6],
        [16.1, 17.5, 20.1, 18.9, 8.7, 20.8, 16.9],
        [11.1, 6.8, 10.4, 8.9, 3.6, 14.9, 9.6],
        [1, 0, 2, 1, 1, 0, 5],
        [2, 1, 4, 3, 2, 1, 13],
        [41, 55, 71, 60, 28, 14, 269],
        [460, 390, 650, 540, 310, 150, 2500],
        [1.0, 0.6, 0.5, 0.8, 0.4, 0.03, 3.33],
        [3.6, 4.5, 4.2, 5.8, 3.1, "/", 4.0],
    ],
    "2023-06": [
        [1.3, 0.9, 1.7, 1.1, 0.6, 2.0, 1.2],
        [6.8, 5.1, 9.2, 7.9, 3.2, 13.5, 7.1],
        [15.3, 8.7, 21.4, 12.6, -3.5, 30.2, 13.1],
        [45.2, 27.1, 38.5, 35.9, 31.0, 37.2, 36.0],
        [228, 131, 214, 176, 150, 248, 190],
        [30.5, 26.8, 31.2, 28.9, 25.1, 33.0, 29.1],
        [2.9, 2.0, 2.8, 2.4, 2.1, 3.1, 2.6],
        [76.5, 49.8, 69.0, 64.1, 60.2, 81.0, 66.3],
        [16.9, 18.2, 20.8, 19.5, 9.1, 21.4, 17.6],
        [12.4, 7.5, 11.0, 9.6, 4.2, 15.8, 10.3],
        [3, 2, 5, 4, 2, 1, 17],
        [6, 4, 9, 7, 5, 2, 33],
        [98, 102, 140, 119, 64, 31, 554],
        [1020, 760, 1390, 1150, None, 330, 4650],
        [2.3, 1.1, 1.2, 1.6, 0.9, 0.1, 7.2],
        [4.0, 4.9, 4.6, 6.1, 3.9, "/", 4.4],
    ],
}

SETTINGS = [
    ("项目", "值", "说明"),
    ("亮灯规则", "银川", "示例设置：落后序时进度10–30个百分点亮黄灯，超过30亮红灯"),
    ("赛马计分", "争先进位", "每项指标第一名100分，每后一名减5分，按赛马权重加权"),
    ("序时进度", "按月", "累计类指标第m月应完成全年目标的m/12"),
    ("序时进度：高耗低效整治腾出用地面积(亩)", "30/65/85/100", "示例设置：该项按季度累计30%、65%、85%、100%"),
]

README = [
    "湖州2023进度示例",
    ILLUSTRATIVE,
    "任务分解：目标值照录湖政办发〔2023〕22号附1“主要指标各区县任务分解表”；“赛马权重”列为示例设置，非原文内容。",
    "进度 2023-03、进度 2023-06：各区县1月至当月累计完成数（虚构）；亩均、劳动生产率等比率类指标按年化口径填报。",
    "设置：亮灯规则、赛马计分、序时进度（示例设置）。",
    "运行：zhibiao progress xlsx_templates/examples/湖州2023进度示例.xlsx [--period 2023-03] [--write]",
]


def split_with_weights():
    """The seed split with a 赛马权重 column before 责任部门."""
    table = copy.deepcopy(sd.HUZHOU_SPLIT_2023)
    at = table["header"].index("责任部门")
    table["header"].insert(at, "赛马权重")
    for row, weight in zip(table["rows"], WEIGHTS):
        row.insert(at, weight)
    for m in table["merges"]:
        m["colspan"] = min(m["colspan"], at - m["col"])
    return table


def progress_table(period):
    """The split's shape with the period's actual figures in place of the targets."""
    split = sd.HUZHOU_SPLIT_2023
    header = split["header"][:-1]
    rows = [[row[0]] + values for row, values in zip(split["rows"], ACTUALS[period])]
    return {"header": header, "rows": rows, "merges": [], "source": split["source"]}


def add_note(ws, text):
    """One more merged 注 row under a table written by build_examples.write_table."""
    row = ws.max_row + 1
    ws.cell(row=row, column=1, value=text).font = Font(name=be.FONT, size=10, color="C00000")
    ws.cell(row=row, column=1).alignment = be.WRAP_LEFT
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ws.max_column)
    ws.row_dimensions[row].height = 34


def build():
    wb = Workbook()
    info = wb.active
    info.title = "说明"
    for i, line in enumerate(README, start=1):
        cell = info.cell(row=i, column=1, value=line)
        cell.font = Font(name=be.FONT, size=14 if i == 1 else 11, bold=i <= 2, color="C00000" if i == 2 else None)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        info.row_dimensions[i].height = 30 if i <= 2 else 34
    info.column_dimensions["A"].width = 100

    ws = wb.create_sheet("任务分解")
    be.write_table(ws, split_with_weights(), sd.HUZHOU_SPLIT_2023["title"])
    add_note(ws, "注：“赛马权重”列为示例设置，非原文内容。")

    for period in ACTUALS:
        year, month = period.split("-")
        ws = wb.create_sheet(f"进度 {period}")
        title = f"主要指标各区县完成情况（{year}年1-{int(month)}月累计，示例数据）"
        be.write_table(ws, progress_table(period), title)
        ws.cell(row=ws.max_row, column=1, value="注：" + ILLUSTRATIVE + "亩均、劳动生产率等比率类指标按年化口径填报；“/”表示不适用。")
        ws.cell(row=ws.max_row, column=1).font = Font(name=be.FONT, size=10, color="C00000")

    ws = wb.create_sheet("设置")
    for r, row in enumerate(SETTINGS, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font = Font(name=be.FONT, size=11, bold=r == 1)
            cell.alignment = be.WRAP_LEFT
    for col, width in zip("ABC", (40, 16, 60)):
        ws.column_dimensions[col].width = width

    props = wb.properties
    props.title = "湖州2023进度示例（示例数据）"
    props.description = ILLUSTRATIVE + " 目标值来源：" + be.provenance(sd.HUZHOU_SPLIT_2023)
    props.creator = "zhibiao"
    props.lastModifiedBy = "zhibiao"
    be.save_deterministic(wb.save, be.OUT / FILENAME)
    return be.OUT / FILENAME


if __name__ == "__main__":
    print(build())
