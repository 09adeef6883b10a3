"""What a header label names (序号, 指标名称, 全市, 责任部门 …), and the region-dimension labels of a corner cell."""

from __future__ import annotations

import re
from enum import StrEnum

from ..expr import cell_text, normalize_text, without_footnote


class Role(StrEnum):
    SEQ = "seq"  # 序号
    CATEGORY = "category"  # 类别 / 一级指标
    NAME = "name"  # 指标名称
    UNIT = "unit"  # 单位
    METHOD = "method"  # 汇总方式
    WEIGHT = "weight"  # 权重依据
    DIRECTION = "direction"  # 方向
    PARENT = "parent"  # 全市 / 合计
    REGION = "region"
    PERIOD = "period"  # 2023年目标值; in a target list the 目标任务 column
    RESPONSIBLE = "responsible"  # 责任部门
    SCORE_WEIGHT = "score_weight"  # 赛马权重 / 分值
    IGNORE = "ignore"


class TableKind(StrEnum):
    SPLIT = "split"  # regions × indicators (分解表)
    TARGETS = "targets"  # years × indicators, no regions (目标体系表)


# pages saved from traditional-character sites (and 嘉兴's mixed capture) print the same labels in traditional
# characters; roles are matched on a simplified fold, the labels themselves are kept as printed
_TRADITIONAL = str.maketrans(
    "計總區縣鄉鎮備註單項積畝萬產糧麥務標準農場責門導劃長國歲東廣陳園開發級車務內設處銷額資環與雜種棉積維來據數說",
    "计总区县乡镇备注单项积亩万产粮麦务标准农场责门导划长国岁东广陈园开发级车务内设处销额资环与杂种棉积维来据数说",
)


def simplified(text: str) -> str:
    """The label folded to simplified characters for matching (合計 → 合计, 鄉鎮 → 乡镇)."""
    return text.translate(_TRADITIONAL)


_PARENT = r"全[市县区镇省州盟旗国乡](合计|总计|目标值?|\((合计|总计)\))?|合计数?|总计|总量|[市县区]级|[全]?[省市县区]合计|合\s*计"
_ROLE_PATTERNS: list[tuple[Role, re.Pattern]] = [
    (Role.SEQ, re.compile(r"^(序号|编号|No\.?|NO\.?|序)$")),
    (Role.CATEGORY, re.compile(r"^(类别|类型|分类|一级指标|指标类别|领域|板块|指标分类|大类)$")),
    (Role.NAME, re.compile(r"^(指标名称|指标|指标项|主要指标|二级指标|三级指标|具体指标|名称|项目|指标内容|考核指标|考核内容|考核项目|任务指标)"
                           r"((及|和|与|\()(计量)?单位\)?)?$")),
    (Role.UNIT, re.compile(r"^(单位|计量单位|指标单位)$")),
    (Role.METHOD, re.compile(r"^(汇总方式|汇总|指标类型)$")),
    (Role.WEIGHT, re.compile(r"^(权重依据|加权依据|权数依据)$")),
    (Role.DIRECTION, re.compile(r"^(方向|指标方向|考核方向|指标属性)$")),
    (Role.SCORE_WEIGHT, re.compile(r"^(赛马权重|评分权重|分值|权重|分数|权重分|考核分值|分值权重)$")),
    (Role.PARENT, re.compile(rf"^({_PARENT})$")),
    (Role.RESPONSIBLE, re.compile(r"(责任|牵头|主管|配合|主责|监考|考核|承办|协办|实施|落实)(部门|单位|处室|科室)|^责任人$|^责任$")),
    (Role.PERIOD, re.compile(r"^((19|20)\d{2})年?度?(目标值?|目标任务|计划|预期|基数|基期值?|现状值?)?$|^(年度目标值?|目标值|目标任务|年度目标任务|年度任务|任务目标|目标)$")),
    (Role.IGNORE, re.compile(r"^(备注|说明|校验|校验结果|分解合计|差额|状态|结论|汇总方式\(推断\)|数据来源|来源)$")),
]

_IGNORED = dict(_ROLE_PATTERNS)[Role.IGNORE]


def is_ignored_label(text: str) -> bool:
    """备注 / 说明 / 校验 …: a label that heads no indicator and no region, as a column or as a row."""
    return bool(_IGNORED.search(simplified(text)))


# the corner cell of a table with regions as rows names the region dimension, not an indicator
REGION_DIMENSION = re.compile(
    r"^(地区|区域|单位|单位名称|考核单位|责任单位|县区|县区名称|区县|区县名称|县市区|市县|县\(市、?区\)|县\(市\)|区\(县\)|县\(区\)|"
    r"市\(州\)|市州|省份|省\(区、?市\)|省区市|乡镇|乡镇\(街道\)|镇\(街道\)|镇街|街道|镇|乡|乡\(镇\)|乡镇\(农场\)|"
    r"各地|各区县|各县\(市、?区\)|各乡镇|地市|设区市|县\(市、?区\)名称|城市|城市名称|地级市|市别)$"
)
PARENT = re.compile(rf"^({_PARENT})$")
_NAME = dict(_ROLE_PATTERNS)[Role.NAME]
# a place's name ends like one (吴兴区, 新埭镇, 当湖街道, 经开区 …); some never do (吴兴), so it is a share
REGION_NAME = re.compile(r"([省市县区镇乡旗盟州]|街道|农场|园区|开发区|管委会|新区|兵团|农垦|林场|港区|本级)$")
YEAR_BAND = re.compile(r"(19|20)\d{2}\s*年")  # a period band's label: 2023年, 到2025年, 到2025年规划指标(万亩)


def label(value) -> str:
    """A cell as a header label: full-width folded, white space removed; a diagonal corner cell by the part
    that names its column."""
    text = cell_text(value)
    if "\n" in text:
        text = _diagonal(text)
    return normalize_text(without_footnote(text))


def _diagonal(text: str) -> str:
    """A corner cell split by a diagonal line (斜线表头), typed as two lines: the first (pushed right) names the
    header's labels, the second (bottom left) the column under it. `县(市、区)\n指标` heads the indicator names
    (regions across), `指标\n地区` the region names (regions down); any other text is returned as it is."""
    parts = [p for p in text.splitlines() if p.strip()]
    if len(parts) != 2:
        return text
    whole = simplified(normalize_text(text))
    if REGION_DIMENSION.match(whole) or _NAME.match(whole):
        return text  # one label broken over two lines: 单位\n名称, 指标\n名称
    top, bottom = (simplified(normalize_text(p)) for p in parts)
    names = [p for p in (top, bottom) if _NAME.match(p) and p != "名称"]
    places = [p for p in (top, bottom) if REGION_DIMENSION.match(p)]
    return parts[1] if len(names) == 1 and len(places) == 1 else text


def role_of(text: str) -> Role | None:
    """The role a header label names, or None for a region name (or nothing)."""
    text = simplified(text)
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(text):
            return role
    return None


def is_parent_label(text: str) -> bool:
    """全市 / 合计 / 合  计 / 全 国 / 合計 …: the parent as a row or column label."""
    return bool(PARENT.match(simplified(normalize_text(text))))


def is_region_dimension(text: str) -> bool:
    """县(市、区) / 地区 / 单位 / 省 份 / 镇（街道） …: a corner cell naming the regions below it."""
    return bool(REGION_DIMENSION.match(simplified(normalize_text(text))))


def region_like(names: list[str]) -> float:
    """The share of the (non-empty) names that end like a place's name."""
    named = [n for n in names if n]
    return sum(1 for n in named if REGION_NAME.search(simplified(n))) / len(named) if named else 0.0
