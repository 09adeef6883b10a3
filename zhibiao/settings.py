"""The 设置 sheet: one place for the bureau's settings (项目 | 值 | 说明), read from any workbook.

Later features add rows to SETTINGS instead of new mechanisms; a workbook without a 设置 sheet
gets the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from .expr import cell_text, normalize_text, parse_target
from .grid import Workbook

SETTINGS_SHEET = "设置"


@dataclass(frozen=True)
class Setting:
    """One row of 设置: its key, default, help text and dropdown choices."""

    key: str  # the Chinese label in column A of 设置
    default: object
    help: str  # shown in column C of the template
    choices: tuple[str, ...] = ()  # for a dropdown in the template


SETTINGS: list[Setting] = [
    Setting("上级名称", "全市", "分解表中上级（合计）列的名称，如 全市、全县、全区"),
    Setting("年度", 2024, "目标年度"),
    Setting("编发单位", "市经济和信息化局", "简报的编发单位"),
    # progress (进度): see zhibiao/progress_rules.py
    Setting("亮灯规则", "标准", "红黄绿亮灯预设：标准（落后序时进度10个百分点以内黄、超过红）；银川（落后10–30个百分点黄、超过30红）；"
            "严格（落后即红）；自定义（按下两行）", ("标准", "银川", "严格", "自定义")),
    Setting("绿灯容差", None, "落后序时进度不到这么多个百分点仍亮绿灯；留空按亮灯规则"),
    Setting("黄灯幅度", None, "落后序时进度不超过这么多个百分点亮黄灯，超过亮红灯；留空按亮灯规则"),
    Setting("序时进度", "按月", "累计类指标到第m月应完成m/12；或按季度累计百分比，如 30/65/85/100。"
            "某项指标单独安排：另起一行，项目写“序时进度：指标名称”"),
    Setting("赛马计分", "争先进位", "争先进位：每项指标第一名100分，每后一名减5分；目标完成：达到序时进度得满分，否则0分",
            ("争先进位", "目标完成")),
    # major projects (重大项目): see zhibiao/projects/rules.py
    Setting("项目开工序时", "30/65/85/100", "新建项目开工率的序时要求，按季度累计百分比（一季度30%、二季度65%、三季度85%、全年100%），"
            "月份之间按月插值（6月为65%）"),
    Setting("项目投资序时", "按月", "重大项目年度投资完成率的序时进度：按月（第m月为m/12），或按季度累计百分比，如 20/50/75/100"),
    Setting("项目亮灯规则", None, "重大项目投资进度亮灯：留空按“亮灯规则”；节点逾期（计划开工、竣工时间已过未完成）总是红灯，推迟开工为黄灯",
            ("标准", "银川", "严格", "自定义")),
    Setting("项目绿灯容差", None, "投资完成率落后序时进度不到这么多个百分点仍为绿灯；留空按项目亮灯规则"),
    Setting("项目黄灯幅度", None, "投资完成率落后序时进度不超过这么多个百分点为黄灯，超过为红灯；留空按项目亮灯规则"),
    Setting("项目赛马计分", None, "各地区重大项目赛马（开工率、竣工率、投资完成率）的计分方法；留空按“赛马计分”", ("争先进位", "目标完成")),
    Setting("项目投资单位", "万元", "项目清单的投资列未注明单位时按此单位", ("万元", "亿元")),
    Setting("当年引进项目开工率", 50, "当年引进项目开工率目标（%），清单有“引进年份”列时评价"),
    Setting("近两年引进3亿元以上项目开工率", 80, "近两年引进总投资3亿元以上项目开工率目标（%）"),
    Setting("近两年引进3亿元以上项目竣工率", 50, "近两年引进总投资3亿元以上项目竣工率目标（%）"),
    Setting("近两年引进3亿元以上项目投资完成率", 50, "近两年引进总投资3亿元以上项目投资完成率目标（%）"),
    # briefing (简报): see zhibiao/briefing/
    Setting("简报标题", "工业经济运行简报", "简报版头的红色标题"),
    Setting("简报正文标题", None, "版头下的正文标题；留空时自动生成，有进度时如“2024年1-6月全市制造业主要指标分解与推进情况”，"
            "只有分解表时如“2024年全市主要指标任务分解核对情况”"),
    Setting("期号", None, "简报期号（数字）；留空按报告期月份"),
    Setting("印发日期", None, "简报上的日期；留空为生成当天"),
    Setting("报送", "市委、市人大、市政府、市政协领导", "版记（简报、月报、年报末尾）的“报送”一栏；月报、年报填“无”不印此行"),
    Setting("抄送", "各区县人民政府（管委会），市级有关部门", "版记（简报、月报、年报末尾）的“抄送”一栏；月报、年报填“无”不印此行"),
    Setting("标题字体", "方正小标宋简体", "简报版头和标题的字体"),
    Setting("正文字体", "仿宋_GB2312", "简报正文字体（3号）"),
    Setting("一级标题字体", "黑体", "“一、”级标题字体"),
    Setting("二级标题字体", "楷体_GB2312", "“（一）”级标题字体"),
    Setting("数字字体", "Times New Roman", "正文中数字和西文的字体"),
    # reports (zhibiao report): see zhibiao/briefing/kinds.py
    Setting("月报标题", None, "运行分析报告的标题（留空为“全市主要指标运行分析报告”）"),
    Setting("月报红头", "否", "运行分析报告是否加红色版头（发文机关标志和红线），作为公文印发时选“是”", ("是", "否")),
    Setting("重点指标", None, "月报总体运行和走势图的重点指标，用顿号分隔；留空取前几项亮灯指标"),
    Setting("亮晒标题", None, "季度亮晒表的标题（留空为“2024年二季度各地区主要指标亮晒”）"),
    Setting("年报标题", None, "年度考评的标题（留空为“2024年全市主要指标年度考评报告”）"),
    Setting("年报红头", "是", "年度考评是否加红色版头（发文机关标志和红线）；考评结果一般以公文印发", ("是", "否")),
    Setting("发文机关标志", None, "月报、年报红色版头上的发文机关名称，如 湖州市经济和信息化局；留空用编发单位"),
    Setting("年报计分期间", None, "年度赛马计入哪些月份的进度，如 3、6、9、12；留空为各季度末"),
    Setting("年报计分权重", None, "与计分期间一一对应的权重，如 1、1、1、2；留空为等权"),
    Setting("报告模板目录", None, "本单位报告模板所在文件夹（名称.html.j2 或 名称.docx）；留空为工作簿旁的“模板”文件夹"),
]


def known(key: str) -> Setting | None:
    """The Setting with this key, if zhibiao knows it."""
    return next((s for s in SETTINGS if s.key == key), None)


class Settings(dict):
    """Setting values by Chinese key, defaults filled in; numbers come back as numbers."""

    @classmethod
    def defaults(cls) -> "Settings":
        return cls({s.key: s.default for s in SETTINGS})

    def number(self, key: str) -> float | None:
        """A setting as a number (text such as 10 or 10% parsed), None when it is not one."""
        value = self.get(key)
        if isinstance(value, (int, float)):
            return float(value)
        target = parse_target(value)
        return target.value if target.is_number else None

    def text(self, key: str) -> str:
        """A setting as trimmed text, a whole number without .0."""
        return cell_text(self.get(key)).strip()


def read_settings(book: Workbook | None) -> Settings:
    """Settings from the workbook's 设置 sheet (key in the first column, value in the second)."""
    settings = Settings.defaults()
    grid = book.grid(SETTINGS_SHEET) if book else None
    if grid is None:
        return settings
    for r in range(grid.height):
        key, value = grid.raw(r, 0), grid.raw(r, 1)
        if key in (None, "") or value in (None, ""):
            continue
        key = normalize_text(str(key))
        if key in ("项目", "设置项"):
            continue
        settings[key] = value
    return settings
