"""The columns of a project list (重大项目清单), found by their header labels in any order.

Labels are matched after folding white space and full-width forms; a two-row header is read as band + sub-label
(开工时间 over 计划 | 实际 gives 开工时间计划 and 开工时间实际). Investment columns carry their unit in the label
(总投资(亿元)) or in a 单位：万元 line above the table.
"""

from __future__ import annotations

import re

# field -> the labels that name it; checked in this order, so 计划总投资 is 总投资 before it can be 计划投资
FIELDS: list[tuple[str, re.Pattern]] = [
    ("seq", re.compile(r"^(序号|编号|序|No\.?)$", re.I)),
    ("ignore", re.compile(r"开工以来|自开工|建设以来|历年累计|以前年度|上年|去年|备注|说明|计量单位|^单位$")),
    ("intro_year", re.compile(r"引进(年份|年度|时间)|签约(年份|年度|时间)|入库(年份|年度|时间)|招引(年份|年度|时间)|落地(年份|时间)")),
    ("name", re.compile(r"^(项目名称|项目|项目名|名称|项目全称)$|^项目名称")),
    ("region", re.compile(r"所在地区|所在区县|所属地区|所属区县|^(地区|区县|县市区|县\(市、?区\)|县\(市\)区|区域|属地|所在地|镇街|"
                          r"镇\(街道\)|镇街道|乡镇|乡镇街道|街道|所在镇街|所属镇街|实施地点|建设地点|项目地点)$")),
    ("category", re.compile(r"^(项目)?(类别|类型|分类)$|所属清单|清单类别|^清单$|项目性质|^建设性质$")),
    ("total", re.compile(r"总投资")),
    ("plan", re.compile(r"(年度?|本年|当年|\d{4}年)(度)?(计划)?投资计划|(年度?|本年|当年|\d{4}年)(度)?计划(完成)?投资|^计划投资|^年度计划")),
    ("done", re.compile(r"完成投资|完成额|累计投资|已完成|累计完成|实际完成|完成情况\(万元|完成情况\(亿元")),
    ("planned_start", re.compile(r"(计划|预计|拟)开工|开工(时间|日期)?(计划|预计)")),
    ("planned_finish", re.compile(r"(计划|预计|拟)(竣工|完工|投产|建成)|(竣工|完工|投产|建成)(时间|日期)?(计划|预计)")),
    ("actual_start", re.compile(r"实际开工|开工(时间|日期)?实际|^开工(时间|日期)$")),
    ("actual_finish", re.compile(r"实际(竣工|完工|投产|建成)|(竣工|完工|投产|建成)(时间|日期)?实际|^(竣工|完工)(时间|日期)$")),
    ("progress", re.compile(r"形象进度|进展情况|项目进展|建设进度|推进情况|进度情况|工程进度|当前进度")),
    ("responsible", re.compile(r"(责任|牵头|主管|主责)(单位|部门|主体|人)|^责任$|^联系人$")),
]
UNIT = re.compile(r"(亿元|万元|元)")
UNIT_LINE = re.compile(r"^单位[:：](?P<unit>亿元|万元|元)")
# investment in 万元: the factor from a label's unit
TO_WAN = {"亿元": 1e4, "万元": 1.0, "元": 1e-4}
INVESTMENT_FIELDS = ("total", "plan", "done")
REQUIRED_ANY = ("planned_start", "planned_finish", "actual_start", "actual_finish", "plan", "done", "category")


def field_of(label: str) -> str | None:
    """The project field a (folded) header label names, or None."""
    if not label:
        return None
    for name, pattern in FIELDS:
        if pattern.search(label):
            return name
    return None


def unit_of(label: str) -> str | None:
    """The money unit a label states: 总投资(亿元) -> 亿元."""
    m = UNIT.search(label)
    return m.group(1) if m else None


def assign(labels: list[str]) -> dict[str, int]:
    """field -> column index for the first column naming each field (a second 完成投资 column is left alone)."""
    found: dict[str, int] = {}
    for c, label in enumerate(labels):
        name = field_of(label)
        if name and name != "ignore" and name not in found:
            found[name] = c
    # a plain 开工时间 / 竣工时间 is the plan when the list has no planned column of its own
    for actual, planned in (("actual_start", "planned_start"), ("actual_finish", "planned_finish")):
        if actual in found and planned not in found and _PLAIN.match(labels[found[actual]]):
            found[planned] = found.pop(actual)
    return found


_PLAIN = re.compile(r"^(开工|竣工|完工)(时间|日期)$")


def looks_like_header(labels: list[str]) -> bool:
    """A project header names the project and at least two things a list tracks (dates, investment, category)."""
    found = assign(labels)
    return "name" in found and sum(1 for f in REQUIRED_ANY if f in found) >= 2
