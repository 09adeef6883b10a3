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
    "subtotal-short": (Severity.ERROR, "{region}下属各地区分解合计{allocated_text}，低于{region}小计{target_text}，缺口{gap_text}"),
    "subtotal-over": (Severity.INFO, "{region}下属各地区分解合计{allocated_text}，高于{region}小计{target_text}，超出{gap_text}"),
    "row-total-mismatch": (Severity.ERROR, "{region}的{total}{total_text}（{total_cell}）不等于{parts}之和{added_text}（{part_cells}），相差{gap_text}"),
    "uniform-below": (Severity.ERROR, "{region}分解值{value_text}低于{parent}统一目标{target_text}"),
    # cell checks
    "missing-value": (Severity.WARNING, "{region}的目标值未填写"),
    "missing-value-covered": (Severity.INFO, "{region}的目标值未填写；其余地区分解合计{allocated_text}已达到{parent}目标{target_text}"),
    "indicator-blank": (Severity.WARNING, "该指标各地区和{parent}均未填写（整列/整行空白）"),
    "region-blank": (Severity.WARNING, "{region}的各项指标均未填写（整行/整列空白）"),
    "unparsed-value": (Severity.ERROR, "无法识别的目标值“{raw}”"),
    "pending": (Severity.INFO, "待下达：{raw}"),
    "parent-missing": (Severity.WARNING, "{parent}目标未填写，无法核对分解"),

    "parent-qualitative": (Severity.INFO, "{parent}目标为定性表述“{raw}”，不作数值核对"),
    "included-unmatched": (Severity.WARNING, "“{raw}”注明含{included}，但表中没有名为{included}的地区列"),
    "formula-uncached": (Severity.WARNING, "单元格是公式但没有保存计算结果（文件可能由程序生成），请在 Excel/WPS 中打开、保存后再核对"),
    # target systems (目标体系)
    "target-missing": (Severity.WARNING, "{period}目标值未填写"),
    "trajectory-reversed": (Severity.WARNING, "{to_label}目标{to_text}较{from_label}目标{from_text}（{from_cell}）{change}：{why}"),
    "trajectory-steep": (Severity.INFO, "{from_label}至{to_label}{step_text}，超过前一阶段（{previous}）的3倍，请核实"),
    "target-mismatch": (Severity.WARNING, "{parent}目标{target_text}与{other_sheet}中的{period}{other_text}（{other_cell}）不一致"),
    # progress (进度)
    "actual-missing": (Severity.WARNING, "{region}的{period}实际值未填报{shown}，不按0计，不亮灯"),
    "actual-unparsed": (Severity.ERROR, "无法识别的实际值“{raw}”"),
    "progress-row-missing": (Severity.WARNING, "进度表“{sheet}”中没有该指标，无法评价进度"),
    "progress-region-missing": (Severity.WARNING, "进度表“{sheet}”中没有{region}列，该地区各项指标无法评价"),
    "progress-unmatched": (Severity.WARNING, "进度表中的{what}“{raw}”在分解表中找不到，未参与评价"),
    "weight-invalid": (Severity.WARNING, "赛马权重“{raw}”无法识别，该指标不计入赛马"),
    "setting-invalid": (Severity.WARNING, "设置“{key}”的值“{raw}”无法使用：{why}"),
    # the monthly round (returns/): collect and merge the districts' returns (报送表)
    "return-missing": (Severity.WARNING, "{region}尚未报送{period}的进度报送表"),
    "return-decreasing": (Severity.ERROR, "{region}报送的本期累计{value}低于上期（{previous_period}）累计{previous}，累计数不应减少"),
    "return-outlier": (Severity.WARNING, "{region}报送的{value}是{basis}{expected}的{ratio}，可能单位填错（如元与万元、%与小数）"),
    "return-target-changed": (Severity.ERROR, "{region}报送表中的目标“{raw}”与本表目标“{expected}”不一致：目标以本表为准，报送表中的改动未采用"),
    "return-unparsed": (Severity.ERROR, "{why}，未合并"),
    "return-wrong-period": (Severity.ERROR, "{file}是{got}的报送表，不是本次合并的{period}，未合并"),
    "return-unknown-region": (Severity.ERROR, "{file}的报送地区{raw}不在分解表的地区中，未合并"),
    "return-duplicate": (Severity.WARNING, "{region}有{count}份报送表（{files}），采用较晚的{kept}"),
    "return-conflict": (Severity.ERROR, "{where}中{region}已有数值{old}，与报送的{value}不同，未覆盖（核实后加 --replace 替换）"),
    "return-replaced": (Severity.INFO, "{where}中{region}原有数值{old}已替换为报送的{value}（--replace）"),
    "return-blank": (Severity.WARNING, "{region}报送表中{what}未填写"),
    "return-unplaced": (Severity.WARNING, "进度表“{sheet}”中没有{what}，{region}报送的{value}未写入"),
    # levels (层级): a lower level's own split against what the upper level allocated to it
    "level-short": (Severity.ERROR, "{region}自行分解的{lower_parent}目标为{lower}，{relation}上级下达的{upper}，缺口{gap}"),
    "level-over": (Severity.INFO, "{region}自行分解的{lower_parent}目标为{lower}，{relation}上级下达的{upper}，{over}{gap}"),
    "level-unmatched": (Severity.WARNING, "“{name}”在{where}中没有同名指标，未核对"),
    "level-actual-differs": (Severity.WARNING, "{region}在本表进度中为{upper}，与下级工作簿{file}各地合计{lower}不一致（以本表为准）"),
    "level-summed": (Severity.INFO, "{region}的实际值{value}取自下级工作簿{file}各地合计"),
    "level-no-progress": (Severity.WARNING, "下级工作簿{file}中没有{period}的进度表，{region}的实际值未能汇总"),
    # major projects (重大项目): problems in one row of the list; `indicator` holds the project name
    "project-date-unparsed": (Severity.WARNING, "无法识别的{field}“{raw}”，该节点不参与评价（可写成 2023-03、2023年3月、一季度、已开工）"),
    "project-date-ambiguous": (Severity.WARNING, "{field}“{raw}”是数字，可能是{year}年1月，也可能是10月（Excel 把 2023.10 存成 2023.1），"
                                                 "已按1月处理；请改为文本“{year}.10”或日期"),
    "project-date-future": (Severity.WARNING, "{field}“{raw}”晚于报告期末{period_end}，按报告期内尚未{what}处理，请核对"),
    "project-dates-reversed": (Severity.WARNING, "实际开工时间“{start}”晚于实际竣工时间“{finish}”，请核对"),
    "project-value-unparsed": (Severity.WARNING, "无法识别的{field}“{raw}”，不按0计"),
    "project-investment-suspect": (Severity.WARNING, "本年累计完成投资{done}{why}，可能填错单位（元、万元、亿元）或数字，请核对"),
    "project-category-unknown": (Severity.WARNING, "项目类别“{raw}”无法识别（应为 谋划、前期、新建、续建），不计入开工率"),
    "project-region-unknown": (Severity.WARNING, "地区“{raw}”不是分解表中的地区（{known}），请核对"),
    "project-region-missing": (Severity.WARNING, "未填写所在地区，计入“{region}”"),
    "project-name-missing": (Severity.WARNING, "该行有数据但没有项目名称，未参与评价"),
    "project-duplicate": (Severity.WARNING, "项目名称与第{first}行重复，请核对是否重复填报（两行都参与评价）"),
    "project-unit-assumed": (Severity.INFO, "{field}未注明单位，按{unit}计（可在表头写明“（万元）”或“（亿元）”，或在设置中填写“项目投资单位”）"),
}


# parent-missing said once for a whole table that has no 全市 / 合计 row or column
TABLE_WITHOUT_PARENT = "表中没有全市、合计等上级目标行（列），无法核对各地区分解能否达到上级目标；各单元格仍逐一核对"


def severity_of(code: str) -> Severity:
    """Severity of a finding code."""
    return CODES[code][0]
