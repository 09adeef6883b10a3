"""Build examples/重大项目示例.xlsx: a 湖州-style list of major manufacturing projects, every project and figure invented.

The shape follows what the seeds describe (四张清单 谋划/前期/新建/续建, 时间节点, 责任主体, 本年累计完成投资, 引进年份)
and the dates are typed the many ways clerks type them. The companies, projects and numbers are made up for
illustration; the title, a note under the table and the 说明 sheet say so.
Run: .venv/bin/python xlsx_templates/build_projects_example.py
"""

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_examples import save_deterministic  # noqa: E402

FILENAME = "重大项目示例.xlsx"
ILLUSTRATIVE = "示例数据：本表项目名称、单位和全部数字均为演示虚构，并非湖州市实际项目，仅用于演示 zhibiao projects。"
TITLE = "湖州市2023年重大制造业项目推进情况表（1-6月）（示例，数据虚构）"
HEADER = ["序号", "项目名称", "所在地区", "项目类别", "总投资(亿元)", "年度计划投资(万元)", "计划开工时间", "计划竣工时间",
          "实际开工时间", "实际竣工时间", "1-6月完成投资(万元)", "形象进度", "责任单位", "引进年份"]
D = dt.datetime
# name, region, category, total (亿元), annual plan (万元), planned start, planned finish, actual start, actual finish,
# done Jan-Jun (万元), 形象进度, 责任单位, 引进年份 — all invented
PROJECTS = [
    ("示例甲新材料公司年产5万吨新材料项目", "吴兴区", "新建", 12, 30000, "2023年3月", "2025年", "2023-03", None, 16500, "主体结构施工", "吴兴区经信局", 2023),
    ("示例乙智能装备公司智能产线项目", "吴兴区", "新建", 5.5, 15000, "2023.04", "2024年6月", "2023年5月", None, 6000, "基础施工", "吴兴区发改局", 2022),
    ("示例丙电子公司半导体封装项目", "吴兴区", "续建", 20, 40000, "2022-06", "2023年12月", "2022年7月", None, 23000, "设备安装", "吴兴区经信局", 2021),
    ("示例丁生物医药公司研发生产基地", "吴兴区", "前期", 8, 5000, "三季度", "2025年", None, None, 800, "办理施工许可", "吴兴区发改局", 2023),
    ("示例戊公司绿色家居产业园（谋划）", "吴兴区", "谋划", 15, None, "2024年", None, None, None, None, "洽谈中", "吴兴区商务局", None),
    ("示例己汽配公司轻量化零部件项目", "南浔区", "新建", 6, 18000, "一季度", "2024年底", None, None, 2100, "土地摘牌", "南浔区经信局", 2023),
    ("示例庚电机公司高效电机扩产项目", "南浔区", "新建", 3.2, 12000, "2023年2月", "2023年12月", "2023.03", None, 5200, "厂房封顶", "南浔区发改局", 2022),
    ("示例辛线缆公司特种线缆项目", "南浔区", "续建", 4, 10000, "2022年", "2023年5月底", "已开工", None, 4800, "设备调试", "南浔区经信局", 2021),
    ("示例壬新能源公司储能电池项目", "南浔区", "新建", 9, 25000, D(2023, 6, 30), "2025年", None, None, None, "施工图审查", "南浔区发改局", 2023),
    ("示例癸木业公司智能工厂项目", "德清县", "新建", 4.5, 15000, "2023年3月", "2024年", "2023-03-18", None, 8200, "主体施工", "德清县经信局", 2023),
    ("示例子地理信息公司产业化项目", "德清县", "续建", 7, 20000, "2022.09", "2024年6月", "2022年9月", None, 11800, "内部装修", "德清县发改局", 2021),
    ("示例丑通航公司零部件项目", "德清县", "新建", 2.8, 9000, "二季度", "2024年", "2023年4月", None, 4300, "基础施工", "德清县经信局", 2022),
    ("示例寅生物公司原料药技改项目", "德清县", "前期", 1.5, 3000, "2023年10月", "2024年", None, None, 200, "环评公示", "德清县经信局", None),
    ("示例卯新材料公司碳纤维项目", "长兴县", "新建", 18, 40000, "2023年1月", "2025年", "2023-02", None, 15000, "桩基施工", "长兴县发改局", 2022),
    ("示例辰电池公司动力电池二期", "长兴县", "续建", 30, 60000, "2022-03", "2023年6月", "2022年3月", "2023年6月", 36000, "已竣工投产", "长兴县经信局", 2021),
    ("示例巳智能公司机器人本体项目", "长兴县", "新建", 3.5, 10000, "2023年3月上旬", "2024年", None, None, 1200, "场地平整", "长兴县经信局", 2023),
    ("示例午光伏公司组件扩产项目", "长兴县", "新建", 6, 20000, "5月", "2023年12月", "2023年5月", None, 3500, "钢结构施工", "长兴县发改局", 2023),
    ("示例未竹业公司竹材精深加工项目", "安吉县", "新建", 2.2, 8000, "2023年4月", "2024年", "2023年4月", None, 4100, "主体施工", "安吉县经信局", 2023),
    ("示例申椅业公司智能座椅项目", "安吉县", "续建", 5, 12000, "2022年", "2023年10月", "2022年11月", None, 5300, "设备采购", "安吉县经信局", 2021),
    ("示例酉健康公司医疗器械项目", "安吉县", "新建", 4, 12000, "2023年2月", "2024年", None, None, None, "待开工", "安吉县发改局", 2022),
    ("示例戌数字公司数据中心项目", "安吉县", "前期", 10, None, "2024年", "2026年", None, None, None, "规划选址", "安吉县发改局", None),
    ("示例亥半导体公司功率器件项目", "南太湖新区", "新建", 25, 50000, "2023年1月", "2025年", "2023-01-10", None, 31000, "主体施工", "南太湖新区经发局", 2022),
    ("示例甲智造公司高端装备产业园", "南太湖新区", "新建", 8, 20000, "一季度", "2024年", "2023年3月", None, 9800, "厂房施工", "南太湖新区经发局", 2023),
    ("示例乙新能源汽车公司零部件项目", "南太湖新区", "续建", 15, 35000, "2022.05", "2023年3月", "2022年5月", None, 12000, "设备安装", "南太湖新区经发局", 2021),
    ("示例丙氢能公司装备项目", "南太湖新区", "谋划", 6, None, None, None, None, None, None, "签约待落地", "南太湖新区招商局", 2023),
]


def build(out: Path = HERE / "examples" / FILENAME) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "重大项目 2023-06"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(1, 1, TITLE).font = Font(name="宋体", bold=True, size=15)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.cell(2, len(HEADER) - 1, "报告期")
    ws.cell(2, len(HEADER), "2023-06").number_format = "@"
    for c, label in enumerate(HEADER, 1):
        cell = ws.cell(3, c, label)
        cell.font = Font(name="宋体", bold=True)
        cell.fill = PatternFill("solid", fgColor="FFD9E1F2")
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[3].height = 32
    for i, row in enumerate(PROJECTS, 1):
        values = [i, *row]
        for c, value in enumerate(values, 1):
            cell = ws.cell(3 + i, c, value)
            cell.font = Font(name="宋体")
            cell.border = border
            cell.alignment = Alignment(vertical="center", wrap_text=c in (2, 12, 13))
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    note = 4 + len(PROJECTS) + 1
    ws.cell(note, 1, "注：" + ILLUSTRATIVE).font = Font(name="宋体", color="FFC00000")
    for c, width in enumerate([5, 34, 11, 8, 9, 11, 12, 12, 12, 12, 11, 14, 16, 8], 1):
        ws.column_dimensions[ws.cell(3, c).column_letter].width = width
    ws.freeze_panes = "C4"
    guide = wb.create_sheet("说明", 0)
    for r, text in enumerate([
        "重大项目示例（演示数据）", ILLUSTRATIVE,
        "“重大项目 2023-06”表按四张清单（谋划类、前期类、新建类、续建类）列出项目，时间节点按各地常见写法填写：2023年3月、2023.04、一季度、2023年3月上旬、已开工、日期等。",
        "运行：zhibiao projects xlsx_templates/examples/重大项目示例.xlsx（加 --write 写回结果，zhibiao brief 生成简报）。",
    ], 1):
        cell = guide.cell(r, 1, text)
        cell.font = Font(name="宋体", bold=r == 1, size=14 if r == 1 else 11, color="FFC00000" if r == 2 else None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        guide.row_dimensions[r].height = 24 if r == 1 else 34
    guide.column_dimensions["A"].width = 90
    settings = wb.create_sheet("设置")
    for row in [["项目", "值"], ["年度", 2023], ["编发单位", "市经济和信息化局（示例）"], ["简报标题", "重大项目推进简报（示例）"],
                ["印发日期", "2023年7月10日"]]:
        settings.append(row)
    settings.column_dimensions["A"].width = 16
    settings.column_dimensions["B"].width = 30
    wb.active = 1
    save_deterministic(wb.save, out)  # the same content gives the same bytes
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "examples" / FILENAME))
