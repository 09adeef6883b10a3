"""重大项目: dates as clerks type them, each rule at its boundary, 谋划 and planless projects, bad rows as findings."""

from __future__ import annotations

import datetime as dt

import pytest

from zhibiao.errors import NoTableFound, UsageError
from zhibiao.grid import Grid, Workbook
from zhibiao.projects import parse_node, projects_workbook, read_projects

HEADER = ["序号", "项目名称", "所在地区", "项目类别", "总投资(亿元)", "年度计划投资(万元)", "计划开工时间", "计划竣工时间",
          "实际开工时间", "实际竣工时间", "本年累计完成投资(万元)", "形象进度", "责任单位", "引进年份"]


def row(name, category="新建", plan=None, done=None, ps=None, pf=None, as_=None, af=None, region="甲区", total=None,
        intro=None, responsible="某局"):
    return [None, name, region, category, total, plan, ps, pf, as_, af, done, "", responsible, intro]


def book(rows, sheet="重大项目 2023-06", header=HEADER, extra=None, above=()):
    grids = [Grid(sheet, [*above, header, *rows])]
    for name, grid_rows in (extra or {}).items():
        grids.append(Grid(name, grid_rows))
    return Workbook(None, grids)


def report(rows, **kw):
    return projects_workbook(book(rows, **kw))


def one(r, name):
    return next(s for s in r.statuses if s.project.name == name)


# -- dates ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, kind, first, last", [
    (dt.datetime(2023, 3, 5), "day", "2023-03-05", "2023-03-05"),
    ("2023-03", "month", "2023-03-01", "2023-03-31"),
    ("2023.03", "month", "2023-03-01", "2023-03-31"),
    (2023.03, "month", "2023-03-01", "2023-03-31"),
    ("2023年3月", "month", "2023-03-01", "2023-03-31"),
    ("2023年3月底", "month", "2023-03-01", "2023-03-31"),
    ("2023年3月上旬", "month", "2023-03-01", "2023-03-10"),
    ("3月", "month", "2023-03-01", "2023-03-31"),
    ("一季度", "quarter", "2023-01-01", "2023-03-31"),
    ("2023年二季度", "quarter", "2023-04-01", "2023-06-30"),
    ("上半年", "half", "2023-01-01", "2023-06-30"),
    ("2024年", "year", "2024-01-01", "2024-12-31"),
    (2024, "year", "2024-01-01", "2024-12-31"),
    ("2023/3/15", "day", "2023-03-15", "2023-03-15"),
    ("2023年3月15日", "day", "2023-03-15", "2023-03-15"),
    (45000, "day", "2023-03-15", "2023-03-15"),  # an Excel serial read as a number
    (202303, "month", "2023-03-01", "2023-03-31"),
    ("计划2023年6月开工", "month", "2023-06-01", "2023-06-30"),
])
def test_every_date_spelling(typed, kind, first, last):
    node = parse_node(typed, 2023)
    assert (node.kind, node.first.isoformat(), node.last.isoformat()) == (kind, first, last)


def test_words_and_blanks():
    assert parse_node("已开工", 2023).kind == "done" and parse_node("已开工", 2023).done
    assert parse_node("未开工", 2023).kind == "blank" and not parse_node("未开工", 2023).done
    assert parse_node("/", 2023).kind == "blank"
    assert parse_node("明年再说", 2023).kind == "unparsed"
    assert parse_node("2023年13月", 2023).kind == "unparsed"
    assert parse_node(2023.1, 2023).ambiguous and not parse_node(2023.12, 2023).ambiguous


# -- rules at their boundaries ----------------------------------------------------------------------
def test_start_due_on_the_periods_last_day_is_overdue_a_day_later_is_not():
    r = report([row("到期", ps=dt.datetime(2023, 6, 30)), row("未到期", ps=dt.datetime(2023, 7, 1))])
    due, not_due = one(r, "到期"), one(r, "未到期")
    assert (due.start_due, due.started, due.status) == (True, False, "red")
    assert due.reasons == ["计划2023年6月30日开工，至6月底未开工"]
    assert (not_due.start_due, not_due.status) == (False, "green")


def test_month_node_is_due_at_the_months_end():
    r = report([row("三月", ps="2023年3月"), row("六月", ps="6月"), row("七月", ps="2023.07")])
    assert [one(r, n).status for n in ("三月", "六月", "七月")] == ["red", "red", "green"]
    assert one(r, "三月").reasons == ["计划2023年3月开工，至6月底未开工"]


def test_late_start_is_yellow_and_an_on_time_start_green():
    r = report([row("推迟", ps="2023年3月", as_="2023-05-08"), row("按期", ps="2023年3月", as_="2023-03-28"),
                row("日期不详", ps="2023年3月", as_="已开工")])
    late = one(r, "推迟")
    assert (late.status, late.start_delay_months) == ("yellow", 2)
    assert late.reasons == ["计划2023年3月开工，实际2023年5月8日开工，推迟2个月"]
    assert one(r, "按期").status == "green" and one(r, "日期不详").status == "green"
    assert one(r, "日期不详").started and one(r, "日期不详").project.actual_start.iso() is None


def test_finish_overdue_is_red_and_finished_is_green():
    r = report([row("逾期", category="续建", pf="2023年5月"), row("竣工", category="续建", pf="2023年5月", af="2023-05-20"),
                row("年底", category="续建", pf="2023年底")])
    assert one(r, "逾期").status == "red" and one(r, "逾期").reasons == ["计划2023年5月竣工，至6月底未竣工"]
    assert one(r, "竣工").status == "green" and one(r, "竣工").finished
    assert one(r, "年底").status == "green" and not one(r, "年底").finish_due


def test_investment_lag_exactly_on_the_band_edges():
    # June: 序时 50%. 标准 bands: on schedule green, up to 10 points behind yellow, beyond red
    r = report([row("持平", plan=100, done=50, ps="2023年1月", as_="2023年1月"),
                row("落后10", plan=100, done=40, ps="2023年1月", as_="2023年1月"),
                row("落后10.1", plan=1000, done=399, ps="2023年1月", as_="2023年1月")])
    assert [one(r, n).status for n in ("持平", "落后10", "落后10.1")] == ["green", "yellow", "red"]
    assert one(r, "落后10").lag == 10 and one(r, "落后10").investment_rate == 0.4 and one(r, "落后10").schedule == 0.5
    assert one(r, "落后10.1").reasons == ["本年完成投资399万元，为年度计划1000万元的39.9%，序时进度50%，落后10.1个百分点"]


def test_bands_and_schedules_come_from_settings():
    settings = {"设置": [["项目", "值"], ["项目亮灯规则", "严格"], ["项目投资序时", "20/50/75/100"], ["项目开工序时", "25/50/75/100"]]}
    r = report([row("甲", plan=100, done=49, ps="2023年1月", as_="2023年1月")], extra=settings)
    assert one(r, "甲").status == "red" and one(r, "甲").schedule == 0.5
    assert r.regions[0].start_schedule == 0.5


def test_a_moulding_project_and_a_project_without_a_plan_get_no_light():
    r = report([row("谋划项目", category="谋划", plan=100, done=10, ps="2023年1月"), row("无计划", category="前期")])
    assert one(r, "谋划项目").status is None and "谋划" in one(r, "谋划项目").note
    assert one(r, "无计划").status is None and "无法评价" in one(r, "无计划").note
    assert one(r, "无计划").investment_rate is None


def test_a_project_without_an_annual_plan_is_lit_by_its_nodes_only():
    r = report([row("只有节点", ps="2023年1月", as_="2023年2月", done=300)])
    s = one(r, "只有节点")
    assert s.status == "yellow" and s.investment_rate is None


def test_missing_investment_is_not_read_as_zero():
    r = report([row("未填", plan=100, ps="2023年1月", as_="2023年1月")])
    s = one(r, "未填")
    assert s.status == "green" and s.investment_rate is None and r.regions[0].investment_plan == 0


# -- regions, cohorts, ranking --------------------------------------------------------------------
def test_start_rate_counts_the_years_new_projects_against_the_schedule():
    rows = [row("甲1", ps="2023年1月", as_="2023年1月"), row("甲2", ps="2023年3月"),
            row("甲3", ps="2024年"), row("甲4", category="续建", pf="2023年3月", af="2023年3月"),
            row("乙1", region="乙区", ps="2023年1月", as_="2023年2月", plan=100, done=60)]
    r = report(rows)
    a, b = r.regions
    assert (a.region, a.new_projects, a.started, a.start_rate, a.start_schedule) == ("甲区", 2, 1, 0.5, 0.65)
    assert (a.finish_due, a.finished, a.finish_rate) == (1, 1, 1.0)
    assert (b.start_rate, b.investment_rate, b.investment_schedule) == (1.0, 0.6, 0.5)
    assert r.total.new_projects == 3 and r.total.started == 2
    assert [x.region for x in r.ranking] == ["乙区", "甲区"]


def test_cohorts_when_the_list_says_the_year_of_introduction():
    rows = [row("当年", intro=2023, ps="2023年1月", as_="2023年1月", total=1),
            row("近两年大", intro=2022, ps="2023年1月", total=5),
            row("近两年小", intro=2022, ps="2023年1月", as_="2023年1月", total=2),
            row("早年", intro=2020, ps="2023年1月", total=9)]
    current, recent = report(rows).cohorts
    assert (current.projects, current.start_rate, current.extras["start_rate_met"]) == (1, 1.0, True)
    assert (recent.projects, recent.start_rate, recent.extras["start_rate_target"]) == (1, 0.0, 0.8)
    assert report([row("无年份", ps="2023年1月")]).cohorts == []


# -- the sheet: header, period, units, bad rows -------------------------------------------------------
def test_period_from_a_title_without_the_year_in_the_sheet_name():
    b = book([row("甲", ps="2023年1月")], sheet="项目进度", above=[["2023年重大项目推进情况表（1-6月）"]])
    assert str(read_projects(b).period) == "2023-06"
    b = book([row("甲", ps="2023年1月")], sheet="项目进度", above=[["报告期", "2023年1-9月"]])
    assert str(read_projects(b).period) == "2023-09"


def test_an_undated_list_needs_period():
    b = book([row("甲", ps="2023年1月")], sheet="重大项目")
    with pytest.raises(UsageError, match="没有注明期间"):
        read_projects(b)
    assert str(read_projects(b, "2023-06").period) == "2023-06"


def test_latest_list_by_default_and_period_picks_one():
    b = book([row("甲", ps="2023年1月")], sheet="重大项目 2023-06")
    b.grids.append(Grid("重大项目 2023-03", [HEADER, row("甲", ps="2023年1月")]))
    assert str(read_projects(b).period) == "2023-06"
    assert read_projects(b, "2023-03").sheet == "重大项目 2023-03"
    with pytest.raises(UsageError, match="已有期间"):
        read_projects(b, "2023-09")


def test_no_project_sheet_is_one_clear_error():
    with pytest.raises(NoTableFound, match="没有重大项目清单"):
        read_projects(Workbook(None, [Grid("分解", [["指标名称", "甲区", "全市"]])]))


def test_two_row_header_and_units_in_a_line_above():
    header1 = ["序号", "项目名称", "地区", "类别", "年度计划投资", "开工时间", "开工时间", "1-6月完成投资"]
    header2 = ["序号", "项目名称", "地区", "类别", "年度计划投资", "计划", "实际", "1-6月完成投资"]
    rows = [[1, "甲", "甲区", "新建", 2, "2023年3月", "2023年5月", 1]]
    b = Workbook(None, [Grid("重大项目 2023-06", [["单位：亿元"], header1, header2, *rows], merges=[(1, 5, 1, 6)])])
    plist = read_projects(b)
    p = plist.projects[0]
    assert (p.investment_plan, p.investment_done) == (20000.0, 10000.0)
    assert (p.planned_start.label(), p.actual_start.label()) == ("2023年3月", "2023年5月")


def test_units_in_cells_and_headers_are_converted_to_wan():
    b = book([row("甲", plan="1.5亿元", done="3000万元", total=2, ps="2023年1月")])
    p = read_projects(b).projects[0]
    assert (p.investment_plan, p.investment_done, p.total_investment) == (15000.0, 3000.0, 20000.0)


def test_bad_rows_are_warnings_with_their_cell():
    rows = [row("甲", ps="明年再说", plan=100, done=50),
            row("乙", ps="2023年1月", as_="2023年5月", af="2023年3月"),
            row("丙", plan=100, done=400, ps="2023年1月"),
            row("丁", plan=100, done=30, total=0.001, ps="2023年1月"),
            row("甲", ps="2023年1月"),
            row("戊", category="某类", ps="2023年1月"),
            row("己", plan="很多", ps="2023年1月"),
            row("庚", ps=2023.1),
            row("辛", ps="2023年1月", as_="2023年8月")]
    r = report(rows)
    got = [[f.code, f.indicator, f.cell] for f in r.findings]
    assert got == [
        ["project-date-unparsed", "甲", "'重大项目 2023-06'!G2"],
        ["project-dates-reversed", "乙", "'重大项目 2023-06'!I3"],
        ["project-investment-suspect", "丙", "'重大项目 2023-06'!K4"],
        ["project-investment-suspect", "丁", "'重大项目 2023-06'!K5"],
        ["project-duplicate", "甲", "'重大项目 2023-06'!B6"],
        ["project-category-unknown", "戊", "'重大项目 2023-06'!D7"],
        ["project-value-unparsed", "己", "'重大项目 2023-06'!F8"],
        ["project-date-ambiguous", "庚", "'重大项目 2023-06'!G9"],
        ["project-date-future", "辛", "'重大项目 2023-06'!I10"],
    ]
    assert all(f.severity == "warning" for f in r.findings)
    assert one(r, "己").project.investment_plan is None  # never read as 0
    assert not one(r, "辛").started and one(r, "辛").status == "red"


def test_region_not_in_the_split_is_a_finding():
    split = [["指标名称", "吴兴区", "南浔区", "全市"], ["企业数(家)", 1, 2, 3]]
    b = book([row("甲", region="吴兴", ps="2023年1月"), row("乙", region="北区", ps="2023年1月")], extra={"分解": split})
    r = projects_workbook(b)
    assert [s.project.region for s in r.statuses] == ["吴兴区", "北区"]
    assert [[f.code, f.raw] for f in r.findings] == [["project-region-unknown", "北区"]]
    assert r.parent == "全市" and [x.region for x in r.regions][:2] == ["吴兴区", "南浔区"]


def test_section_rows_give_the_category_and_total_rows_are_skipped():
    header = ["序号", "项目名称", "所在地区", "计划开工时间", "实际开工时间", "年度计划投资"]
    rows = [["一、新建类项目（2个）"], [1, "甲", "甲区", "2023年1月", None, 100], [2, "乙", "甲区", "2023年9月", None, 100],
            ["二、续建类项目"], [1, "丙", "甲区", None, None, 100], ["合计", None, None, None, None, 300]]
    r = projects_workbook(Workbook(None, [Grid("重大项目 2023-06", [header, *rows])]))
    assert [(s.project.name, s.project.category) for s in r.statuses] == [("甲", "新建"), ("乙", "新建"), ("丙", "续建")]


def test_check_leaves_project_sheets_alone():
    from zhibiao.api import check_workbook

    b = book([row("甲", ps="2023年1月")], extra={"分解": [["指标名称", "甲区", "全市"], ["企业数(家)", 1, 1]]})
    assert [t.sheet for t in check_workbook(b).tables] == ["分解"]
