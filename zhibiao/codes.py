"""All finding codes in one place: severity and Chinese message template.

The codes are a stable interface read by other tools; never rename one.
"""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

# code -> (severity, template); templates are filled with str.format(**finding fields)
CODES: dict[str, tuple[Severity, str]] = {
    # split checks
    "split-short": (Severity.ERROR, "各地区分解合计{allocated_text}，低于{parent}目标{target_text}，缺口{gap_text}"),
    "split-over": (Severity.INFO, "各地区分解合计{allocated_text}，高于{parent}目标{target_text}，超出{gap_text}（加压分解）"),
    "split-over-cap": (Severity.ERROR, "各地区分解合计{allocated_text}，超过{parent}上限{target_text}，超出{gap_text}"),
    "split-under-cap": (Severity.INFO, "各地区分解合计{allocated_text}，低于{parent}上限{target_text}，留有余量{gap_text}（从严分解）"),
    "weighted-short": (Severity.ERROR, "按{weight_label}加权推算{parent}为{implied_text}，低于目标{target_text}，差{gap_text}"),
    "weighted-infeasible": (Severity.ERROR, "各地区分解值在{low_text}至{high_text}之间，任何权重都无法达到{parent}目标{target_text}"),
    "weights-needed": (Severity.INFO, "{parent}目标{target_text}在各地区分解值范围内（{low_text}至{high_text}），需{weight_label}权重才能核验"),
    "uniform-below": (Severity.ERROR, "{region}分解值{value_text}低于{parent}统一目标{target_text}"),
    # cell checks
    "missing-value": (Severity.WARNING, "{region}的目标值未填写"),
    "unparsed-value": (Severity.ERROR, "无法识别的目标值“{raw}”"),
    "pending": (Severity.INFO, "待下达：{raw}"),
    "parent-missing": (Severity.WARNING, "{parent}目标未填写，无法核对分解"),
    "parent-qualitative": (Severity.INFO, "{parent}目标为定性表述“{raw}”，不作数值核对"),
    "included-unmatched": (Severity.WARNING, "“{raw}”注明含{included}，但表中没有名为{included}的地区列"),
    "formula-uncached": (Severity.WARNING, "单元格是公式但没有保存计算结果（文件可能由程序生成），请在 Excel/WPS 中打开、保存后再核对"),
    # target systems (目标体系)
    "target-missing": (Severity.WARNING, "{period}目标值未填写"),
    # progress (进度)
    "actual-missing": (Severity.WARNING, "{region}{period}实际值未填报{shown}，不按0计，不亮灯"),
    "actual-unparsed": (Severity.ERROR, "无法识别的实际值“{raw}”"),
    "progress-row-missing": (Severity.WARNING, "进度表“{sheet}”中没有该指标，无法评价进度"),
    "progress-region-missing": (Severity.WARNING, "进度表“{sheet}”中没有{region}列，该地区各项指标无法评价"),
    "progress-unmatched": (Severity.WARNING, "进度表中的{what}“{raw}”在分解表中找不到，未参与评价"),
    "weight-invalid": (Severity.WARNING, "赛马权重“{raw}”无法识别，该指标不计入赛马"),
    "setting-invalid": (Severity.WARNING, "设置“{key}”的值“{raw}”无法使用：{why}"),
}


def severity_of(code: str) -> Severity:
    """Severity of a finding code."""
    return CODES[code][0]
