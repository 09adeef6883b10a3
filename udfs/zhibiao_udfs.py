"""Excel custom functions over the zhibiao core: one array call per table, errors as readable cell values.

The same module serves the classic add-in (UDF Modules = udfs.zhibiao_udfs), xlwings Lite (paste into
main.py) and xlwings Server (import it into the server's custom_functions module).
"""

import datetime as dt
import functools
import importlib.util

import xlwings as xw

from zhibiao.api import check_workbook
from zhibiao.codes import SEVERITY_LABEL
from zhibiao.errors import UsageError, ZhibiaoError
from zhibiao.expr import ValueType, as_indicator, parse_target
from zhibiao.grid import Grid, Workbook
from zhibiao.kinds import KIND_LABEL, Kind, infer_direction, infer_kind, kind_from_method
from zhibiao.progress.rules import MONTHLY, PRESETS, ScheduleError, parse_schedule
from zhibiao.progress.status import LIGHT_LABEL, direction_of, evaluate, no_light_reason



def _skip_jsnull_probe() -> bool:
    """Outside Pyodide, tell xlwings that no value is Pyodide's JsNull without trying to import it.

    xlwings 0.37.8's utils.is_jsnull runs `from pyodide.ffi import JsNull` for every argument cell of a
    custom function; on CPython (xlwings Server, the classic add-in) the import fails each time and the
    failure is not cached: about 46 µs a cell, 6 s for a 100 × 1,400 range. Where pyodide cannot be
    imported, JsNull cannot exist, so the answer is always False. In Pyodide (xlwings Lite) nothing changes.
    """
    if importlib.util.find_spec("pyodide") is not None:
        return False
    from xlwings import utils

    def is_jsnull(value):
        return False

    is_jsnull.__doc__ = utils.is_jsnull.__doc__
    utils.is_jsnull = is_jsnull
    try:
        from xlwings.conversion import standard
    except ImportError:  # pragma: no cover - an xlwings without the module
        return True
    if hasattr(standard, "is_jsnull"):
        standard.is_jsnull = is_jsnull
    return True


_skip_jsnull_probe()

# what a non-number cell parses to, as text a native SUM skips; an unreadable cell is an Excel error
_NOT_A_NUMBER = {
    ValueType.BLANK: "",
    ValueType.NOT_APPLICABLE: "不适用",
    ValueType.PENDING: "待下达",
    ValueType.QUALITATIVE: "定性目标",
    ValueType.UNPARSED: "#VALUE!",
}
# a 汇总方式 given instead of an indicator name: the core's own labels and codes
_METHOD_WORDS = {*KIND_LABEL.values(), *(str(k) for k in KIND_LABEL), "加权"}
# findings that carry the split's gap; split-over is an excess, so it counts against the gap
_GAP_SIGN = {"split-short": 1, "weighted-short": 1, "weighted-infeasible": 1, "uniform-below": 1, "split-over": -1}
FINDINGS_HEADER = ["级别", "代码", "指标", "地区", "位置", "说明", "建议"]


def excel_safe(func):
    """Return a readable message in the cell instead of raising into Excel."""

    @functools.wraps(func)
    def wrapper(*args):
        try:
            return func(*args)
        except ZhibiaoError as exc:
            return [[f"错误：{exc}"]]
        except Exception as exc:  # a UDF must never surface a traceback in a cell
            return [[f"错误：处理时出错（{type(exc).__name__}: {exc}）"]]

    return wrapper


def _matrix(values) -> list[list]:
    """A 2-D list whatever Excel passed (None, a scalar, a row, an empty range)."""
    if values is None or values == [] or values == [[]]:
        return [[None]]
    if not isinstance(values, list):
        return [[values]]
    if not isinstance(values[0], list):
        return [values]
    return values


def _pick(values, i: int, j: int = 0):
    """Broadcast a single cell, a row or a column against cell (i, j); a range of another shape is an error."""
    if values is None:
        return None
    rows = _matrix(values)
    row = rows[i] if len(rows) > 1 and i < len(rows) else rows[0] if len(rows) == 1 else None
    if row is None or (len(row) > 1 and j >= len(row)):
        raise UsageError("可选参数的区域大小与数据不一致：应为一个单元格、一行、一列，或与数据区域同样大小")
    return row[j] if len(row) > 1 else row[0]


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _flat(values) -> list:
    return [v for row in _matrix(values) for v in row]


@xw.func
@xw.arg("values", ndim=2, doc="目标值单元格或区域，如 1.2万、200家以上、≥12、1-2个、/")
@xw.arg("names", ndim=2, doc="可选：指标名称，单个单元格、每行一个或每列一个；据此读“下降3%”（下降率类为3，增长类为-3）")
@excel_safe
def zb_number(values, names=None):
    """把目标值文字解析为数字（1.2万→12000，200家以上→200，区间取下限；给出指标名称时“下降3%”按指标读）；不适用、待下达、定性目标返回文字，无法识别返回 #VALUE!。"""
    out = []
    for i, row in enumerate(_matrix(values)):
        cells = []
        for j, value in enumerate(row):
            name = _pick(names, i, j)  # one name, one per row, or one per column (indicators across)
            target = as_indicator(parse_target(value), None if _blank(name) else str(name))
            cells.append(target.value if target.is_number else _NOT_A_NUMBER[target.type])
        out.append(cells)
    return out


@xw.func
@xw.arg("names", ndim=2, doc="指标名称（可含括号单位，如 规上工业亩均税收(万元/亩)），可为一列")
@xw.arg("units", ndim=2, doc="可选：单位，单个单元格或与指标名称同形的一列")
@excel_safe
def zb_kind(names, units=None):
    """按指标名称和单位推断汇总方式：合计、加权平均（按何加权）、统一等，与 zhibiao check 的判断一致。"""
    out = []
    for i, row in enumerate(_matrix(names)):
        cells = []
        for j, name in enumerate(row):
            if _blank(name):
                cells.append("")
                continue
            unit = _pick(units, i, j)
            cells.append(infer_kind(str(name), None if _blank(unit) else str(unit)).label)
        out.append(cells)
    return out


def _split_grids(parent, regions: list, kind, weights: list | None) -> list[Grid]:
    """One indicator row as a small decomposition table (plus a 基数 sheet for weights), for the core to check."""
    return _table_grids([(parent, regions, kind)], weights)


def _split_cells(parent, regions: list, kind, weights: list | None) -> list:
    """One row of the synthetic table: name, 汇总方式, 权重依据, the regions, the parent."""
    text = "" if _blank(kind) else str(kind).strip()
    method = text if text in _METHOD_WORDS else ("加权平均" if weights and not text else None)
    name = text if text and method is None else "指标"
    return [name, method, "权重" if weights else None, *regions, parent]


def _table_grids(rows: list[tuple], weights: list | None) -> list[Grid]:
    """Indicator rows (parent, regions, kind) sharing one weights row, as one decomposition table."""
    labels = [f"地区{j + 1}" for j in range(len(rows[0][1]))]
    header = ["指标名称", "汇总方式", "权重依据", *labels, "全市"]
    grids = [Grid("分解", [header, *(_split_cells(p, list(r), k, weights) for p, r, k in rows)])]
    if weights:
        grids.append(Grid("基数", [["地区", "权重"], *([label, w] for label, w in zip(labels, weights))]))
    return grids


def _verdict(result, findings) -> list:
    gaps = [_GAP_SIGN[f.code] * f.gap for f in findings if f.code in _GAP_SIGN and f.gap is not None]
    if gaps:
        gap = max(gaps)
    else:
        gap = 0 if result.verdict == "ok" else ""
    return [result.verdict_label, gap, result.kind_label]


def _split_row(parent, regions: list, kind, weights: list | None) -> list:
    if _blank(parent) and all(_blank(v) for v in regions):
        return ["", "", ""]
    report = check_workbook(Workbook(None, _split_grids(parent, regions, kind, weights)))
    return _verdict(report.indicators[0], report.findings)


def _split_table(rows: list[tuple], weights: list | None) -> list[list] | None:
    """Check rows (parent, regions, kind) as one table, the way _split_row checks each: the header's layout
    is found once instead of once per row. None when the table does not come back row for row."""
    try:
        report = check_workbook(Workbook(None, _table_grids(rows, weights)))
    except ZhibiaoError:
        return None  # row by row, each row says what is wrong with it
    if [r.row for r in report.indicators] != list(range(1, len(rows) + 1)):
        return None  # a row the layout reads differently in company (a note, a category): check it alone
    by_row: dict[int, list] = {}
    for f in report.findings:
        if f.position is None:
            return None
        by_row.setdefault(f.position[0], []).append(f)
    return [_verdict(result, by_row.get(result.row, [])) for result in report.indicators]


def _split_rows(parents: list, rows: list, kinds, weight_rows: list | None) -> list[list]:
    """ZB_SPLIT's rows: blank rows stay blank; the rest are checked one table per weights row."""
    out: list[list] = [["", "", ""] for _ in rows]
    groups: dict[tuple, list[int]] = {}
    for i, (p, values) in enumerate(zip(parents, rows)):
        if _blank(p[0]) and all(_blank(v) for v in values):
            continue
        w = None if weight_rows is None else weight_rows[i if len(weight_rows) > 1 else 0]
        groups.setdefault(tuple(w) if w is not None else (), []).append(i)
    for key, members in groups.items():
        weights = list(key) if key else None
        table = [(parents[i][0], list(rows[i]), _pick(kinds, i)) for i in members]
        results = _split_table(table, weights) if len(members) > 1 else None
        if results is None:
            results = [_split_row(p, values, k, weights) for p, values, k in table]
        for i, result in zip(members, results):
            out[i] = result
    return out


@xw.func
@xw.arg("parent", ndim=2, doc="上级（全市）目标，单个单元格或一列")
@xw.arg("regions", ndim=2, doc="各地区分解值，一行或多行（每行一项指标）")
@xw.arg("kind", ndim=2, doc="可选：汇总方式（合计 / 加权平均 / 统一 / 不汇总），或指标名称（据此推断）；省略为合计")
@xw.arg("weights", ndim=2, doc="可选：各地区权重（用地面积、上年增加值、人口等），一行与地区对齐，或每项指标一行")
@excel_safe
def zb_split(parent, regions, kind=None, weights=None):
    """核对分解：按汇总方式判断各地区分解能否覆盖上级目标，每项指标返回 结论、缺口（正为缺口，负为超额）、汇总方式。"""
    parents, rows = _matrix(parent), _matrix(regions)
    if len(parents) != len(rows):
        return [[f"错误：上级目标有 {len(parents)} 行，各地区分解有 {len(rows)} 行，行数应一致"]]
    weight_rows = None
    if weights is not None:
        weight_rows = _matrix(weights)
        if len(weight_rows) > 1 and all(len(r) == 1 for r in weight_rows):
            weight_rows = [_flat(weight_rows)]  # a column of weights beside a single row
        if any(len(w) != len(rows[0]) for w in weight_rows) or len(weight_rows) not in (1, len(rows)):
            return [[f"错误：权重应有 {len(rows[0])} 个（与地区一一对应）"]]
    return _split_rows(parents, rows, kind, weight_rows)


@xw.func
@xw.arg("table", ndim=2, doc="整张分解表或目标体系表（含表头行，如 指标名称 / 各地区 / 全市 / 责任部门）")
@xw.arg("basis", ndim=2, doc="可选：基数表区域（第一列“地区”，其余列为用地面积、上年增加值、人口等）")
@excel_safe
def zb_check(table, basis=None):
    """核对整张表，溢出问题清单：级别、代码、指标、地区、位置（所选区域内第几行第几列）、说明、建议。"""
    grids = [Grid("区域", _matrix(table), style="docx")]
    if basis is not None:
        grids.append(Grid("基数", _matrix(basis)))
    report = check_workbook(Workbook(None, grids))
    rows = [FINDINGS_HEADER]
    for f in report.findings:
        rows.append([SEVERITY_LABEL[f.severity], f.code, f.indicator or "", f.region or "", f.cell or "",
                     f.message, f.suggestion or ""])
    if not report.findings:
        rows.append(["通过", "", "", "", "", report.headline(), ""])
    return rows


def _light(actual, target, month: int, kind, bands, schedule) -> str:
    """One cell's light, by the progress rules of the core."""
    text = "" if _blank(kind) else str(kind).strip()
    # 下降3%: read by the indicator named in `kind` (−3 for a growth, 3 for a 下降率), else no light
    t, a = as_indicator(parse_target(target), text), as_indicator(parse_target(actual), text)
    if no_light_reason(t) or not a.is_number:
        return LIGHT_LABEL[None]  # no target to hold to, or nothing reported: never read as 0
    info = kind_from_method(text) if text in _METHOD_WORDS else infer_kind(text or "指标")
    direction = direction_of(t, infer_direction(text))
    outcome = evaluate(t, a, info.kind is Kind.SUM, direction, schedule.at(month), bands)
    return LIGHT_LABEL[outcome.status]


@xw.func
@xw.arg("actual", ndim=2, doc="累计实际值，单个单元格或区域（各地区一行或多行）")
@xw.arg("target", ndim=2, doc="年度目标，与实际值同形，或一列（每项指标一个）")
@xw.arg("month", doc="累计到第几个月（1-12）")
@xw.arg("kind", ndim=2, doc="可选：指标名称或汇总方式，单个单元格、每行一个或每列一个（合计按序时进度比较，比率类直接与目标比较）；省略为合计")
@xw.arg("rule", doc="可选：亮灯规则 标准 / 银川 / 严格，省略为标准")
@xw.arg("schedule", doc="可选：序时进度，如 30/65/85/100（按季度累计百分比），省略为按月 m/12")
@excel_safe
def zb_light(actual, target, month, kind=None, rule=None, schedule=None):
    """红黄绿亮灯：累计实际值对照目标和序时进度，返回 绿 / 黄 / 红；目标待下达、定性或实际未填报返回 —。"""
    if not isinstance(month, (int, float)) or not 1 <= month <= 12 or month != int(month):
        return [["错误：月份应为 1 到 12 的整数"]]
    bands = PRESETS.get(str(rule).strip() if not _blank(rule) else "标准")
    if bands is None:
        return [[f"错误：亮灯规则应为 {'、'.join(PRESETS)} 之一"]]
    try:
        plan = MONTHLY if _blank(schedule) else parse_schedule(schedule)
    except ScheduleError as exc:
        return [[f"错误：序时进度{exc}"]]
    return [[_light(a, _pick(target, i, j), int(month), _pick(kind, i, j), bands, plan) for j, a in enumerate(row)]
            for i, row in enumerate(_matrix(actual))]


def _project_period(month, nodes) -> tuple[int, int] | None:
    """(year, month) from 月份: 6 (the year from the dates typed) or 2023-06 / 2023年1-6月."""
    from zhibiao.progress import parse_period

    if isinstance(month, (int, float)) and not isinstance(month, bool):
        if month != int(month) or not 1 <= month <= 12:
            return None
        years = [n.first.year for n in nodes if n.first is not None]
        return (years[0] if years else dt.date.today().year), int(month)
    period = parse_period(month)
    return (period.year, period.month) if period else None


@xw.func
@xw.arg("planned_start", ndim=2, doc="计划开工时间，一列（每个项目一行）；可为日期，或 2023年3月、2023.03、一季度、2024年")
@xw.arg("actual_start", ndim=2, doc="实际开工时间；日期，或 已开工")
@xw.arg("planned_finish", ndim=2, doc="计划竣工时间")
@xw.arg("actual_finish", ndim=2, doc="实际竣工时间")
@xw.arg("plan", ndim=2, doc="年度计划投资（与本年累计同一单位）")
@xw.arg("done", ndim=2, doc="本年累计完成投资")
@xw.arg("month", doc="报告期：月份 1-12（年份取自所填日期），或 2023-06")
@excel_safe
def zb_project(planned_start, actual_start, planned_finish, actual_finish, plan, done, month):
    """重大项目三色：节点逾期（计划开工、竣工时间已过未完成）或投资落后超过10个百分点为红，推迟开工或投资稍落后为黄，其余绿；没有节点和计划投资返回 —。"""
    from zhibiao.projects import Project, evaluate, load_project_rules, parse_node
    from zhibiao.projects.dates import period_end
    from zhibiao.settings import Settings

    rules = load_project_rules(Settings.defaults())
    columns = [_matrix(x) for x in (planned_start, actual_start, planned_finish, actual_finish, plan, done)]
    height = max(len(c) for c in columns)
    if any(len(c) not in (1, height) for c in columns):
        return [["错误：各参数的行数应相同（每个项目一行），或只有一个单元格"]]
    out = []
    for i in range(height):
        ps, as_, pf, af, p, d = (c[i if len(c) > 1 else 0][0] for c in columns)
        first = [parse_node(v) for v in (as_, ps, af, pf)]  # a bare month takes its year from these, in this order
        when = _project_period(month, first)
        if when is None:
            return [["错误：月份应为 1 到 12 的整数，或写成 2023-06"]]
        year, m = when
        nodes = [parse_node(v, year) for v in (ps, as_, pf, af)]
        amounts = [parse_target(v) for v in (p, d)]
        plan_v, done_v = (a.value if a.type is ValueType.NUMBER else None for a in amounts)
        project = Project(i, "", "", None, investment_plan=plan_v, investment_done=done_v, planned_start=nodes[0],
                          actual_start=nodes[1], planned_finish=nodes[2], actual_finish=nodes[3])
        out.append([LIGHT_LABEL[evaluate(project, period_end(year, m), rules).status]])
    return out
