"""Build the real-table corpus (tests/files/real/*.xlsx) from transcriptions of published tables.

Every table below is copied cell by cell from a public page found with the search tool (addresses in
README.md), as the page shows it: titles, 单位 lines, spacing inside names (`合  计`, `宝 应 县`), blanks,
`其中:` rows, notes, the page's own characters (traditional where the page is traditional, ASCII `:` and
`()` where the page has them). Where a page's table is cut off, the transcription stops where the page
stops; where the page's flattened text leaves a cell's column ambiguous, README.md says which reading
was taken. Nothing is filled in. Rebuild with `python tests/files/real/build_real.py` (byte-identical).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent / "xlsx_templates"))
from build_examples import save_deterministic  # noqa: E402

_ = None  # a blank cell, as printed


@dataclass
class RealTable:
    """One transcribed table: file name, sheet, rows of cells, merges (0-based, inclusive), number formats."""

    file: str
    sheet: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


def pad(rows: list[list]) -> list[list]:
    width = max(len(r) for r in rows)
    return [list(r) + [_] * (width - len(r)) for r in rows]


TABLES: list[RealTable] = []


def table(file, sheet, rows, merges=(), formats=None):
    TABLES.append(RealTable(file, sheet, pad(rows), list(merges), dict(formats or {})))


# 1. 扬州 2010 造林: regions as rows, `合  计` first, one unit line for all columns, blanks in one column.
table("yangzhou_2010_zaolin.xlsx", "附", [
    ["附:"],
    ["扬州市2010年造林任务分解表"],
    ["单位:万亩、万株"],
    ["县(市、区)", "总 面 积", "其中成片造林", "新建农田林网", "新增四旁植树"],
    ["合  计", 15.5, 10, 30, 1100],
    ["宝 应 县", 2.2, 1.5, 8, 200],
    ["高 邮 市", 4, 2.5, 8, 200],
    ["江 都 市", 3, 2, 6, 300],
    ["仪 征 市", 2.8, 2, 4, 200],
    ["邗 江 区", 2, 1.5, 4, 100],
    ["广 陵 区", 0.5, 0.2, _, 30],
    ["维 扬 区", 0.5, 0.1, _, 40],
    ["市开发区", 0.5, 0.2, _, 30],
], merges=[(1, 0, 1, 4)])

# 2. 全国 2017 农机深松整地: regions (provinces and 农垦/兵团/计划单列市) as rows, `全 国` first, corner `省 份`.
SHENSONG = [("天津市", 80), ("河北省", 950), ("山西省", 400), ("内蒙古自治区", 1370), ("辽宁省", 760),
            ("吉林省", 1460), ("黑龙江省", 3600), ("江苏省", 100), ("安徽省", 650), ("山东省", 1200),
            ("河南省", 1200), ("湖北省", 150), ("湖南省", 90), ("广东省", 30), ("广西壮族自治区", 30),
            ("重庆市", 20), ("云南省", 60), ("西藏自治区", 40), ("陕西省", 380), ("甘肃省", 430),
            ("青海省", 75), ("宁夏回族自治区", 120), ("新疆维吾尔自治区", 760), ("新疆生产建设兵团", 390),
            ("大连市", 25), ("青岛市", 140), ("黑龙江省农垦", 660), ("广东省农垦", 17)]
table("nongji_2017_shensong.xlsx", "任务表", [
    ["2017年全国农机深松整地作业任务表"],
    ["省 份", "作业面积(万亩)"],
    ["全 国", 15187],
    *[[name, area] for name, area in SHENSONG],
], merges=[(0, 0, 0, 1)])

# 3. 延边州 2021 能耗强度: regions as rows, no parent row, a sentence below the table.
YANBIAN = ["延吉市", "珲春市", "图们市", "敦化市", "龙井市", "和龙市", "汪清县", "安图县"]
table("yanbian_2021_nenghao.xlsx", "Sheet1", [
    ["序 号", "县(市)", "单位GDP能耗降低率目标任务(%)"],
    *[[k, name, 3.4] for k, name in enumerate(YANBIAN, 1)],
    [],
    ["能耗增量控制目标待省里正式下达“十四五”能耗“双控”目标任务后再分解落实。"],
])

# 4. 达州 2018 1-7月 固投与重点项目: regions as rows, parent row named after the city (达州市) first,
#    市本级 a region with a blank growth cell, two-row header with a band, `12.9%` typed as text.
table("dazhou_2018_touzi.xlsx", "完成情况", [
    ["2018年1-7月全市全社会固定资产投资暨重点项目完成情况表"],
    ["单位:亿元"],
    ["县(市、区)", "1-7月固投\n增速情况", "1-7月全市重点项目完成情况", _, _, _],
    [_, _, "年度投资计划", "前三季度\n投资计划", "1-7月\n完成投资", "完成前三季度目标任务占比(%)"],
    ["达州市", "12.9%", 527.3, 371.5, 291.5, "78.5%"],
    ["市本级", _, 209.8, 144.8, 112.9, "78.0%"],
    ["通川区", "13.7%", 59.4, 43.4, 35.9, "82.7%"],
    ["达川区", "13.4%", 41.2, 29.5, 26.8, "90.8%"],
    ["宣汉县", "13.3%", 52.5, 36.2, 30.4, "84.0%"],
    ["开江县", "11.7%", 23.6, 17.6, 13.6, "77.3%"],
    ["大竹县", "12.7%", 36.2, 25.8, 21.9, "84.9%"],
    ["渠县", "12.4%", 31.3, 20.9, 16.9, "80.9%"],
    ["经开区", "13.5%", 39.3, 30.1, 18, "59.8%"],
    ["万源市", "10.7%", 34, 23.2, 15.1, "65.1%"],
], merges=[(0, 0, 0, 5), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 5)])

# 5. 旌阳区 2016 目标任务: a target list — 项 目 (category + name), 分值, 目标任务, 监考单位; merged
#    target and unit cells; `低于 4.1`; cut off after 城镇登记失业率 (the page stops mid-row).
J = "年终根据全省平均水平综合考核"
table("jingyang_2016_mubiao.xlsx", "附件", [
    ["旌阳区2016年度经济社会发展目标任务分解表"],
    ["项 目", _, "分值", "目标任务", "监考单位"],
    ["宏观调控", "地区生产总值增长率", 3, J, "区发改局区统计局"],
    [_, "规模以上工业增加值增长率", 3, J, "区经信局区统计局"],
    [_, "服务业增加值增长率", 3, J, "区商务局区统计局"],
    [_, "社会消费品零售总额增长率", 3, _, _],
    [_, "地方公共财政收入增长率", 3, J, "区财政局"],
    [_, "税收占地方公共财政收入的比重及变化率", 2, _, _],
    [_, "全社会固定资产投资额", 3, 186, "区发改委区统计局"],
    [_, "完成重点项目年度投资计划", 2, 18.4, _],
    [_, "建筑业总产值", 1, 140, "区住建局"],
    [_, "工业投资", 1, 52, "区经信局区统计局"],
    ["宏观调控", "引进国内省外实际到位资金", 1, 62, "区投促局"],
    [_, "新引进 5 亿元以上重大项目", 3, 9, _],
    [_, "外商投资实际到位资金", 1, 1500, "区商务局"],
    [_, "外贸进出口额", 1, 10000, _],
    [_, "地方政府债务率", 0.5, "年终按财政部认可警戒线比较考核", "区财政局"],
    [_, "地方政府新增债务率", 0.5, J, _],
    [_, "高新技术产业总产值", 1, 290, "区科技局"],
    [_, "创新创业孵化载体", 1, 1, _],
    [_, "淘汰落后产能任务完成率", 1, 100, "区经信局"],
    [_, "技改投资", 1, 46, _],
    [_, "银行新增贷款额", 1, 15, "区金融办"],
    [_, "发明专利申请量", 1, 210, "区科技局"],
    ["公共服务", "城镇新增就业人数", 1, 5800, "区人社局"],
    [_, "城镇登记失业率", 1, "低于 4.1", _],
], merges=[(0, 0, 0, 4), (1, 0, 1, 1), (2, 0, 11, 0), (12, 0, 23, 0), (24, 0, 25, 0),
           (4, 3, 5, 3), (4, 4, 5, 4), (6, 3, 7, 3), (6, 4, 7, 4), (8, 4, 9, 4), (12, 4, 13, 4),
           (14, 4, 15, 4), (16, 4, 17, 4), (18, 4, 19, 4), (20, 4, 21, 4), (24, 4, 25, 4)])

# 6. 太原 2013 招商引资: regions as rows, parent row named 太原市 (first), corner 单位名称, units in the
#    names, a 说明 paragraph below. Digits as read from the page's run-together text (README).
TAIYUAN = [("小店区", 150, 2500, 80.0, 81.6), ("迎泽区", 150, 2100, 59.0, 60.4), ("杏花岭区", 150, 2300, 55.4, 56.9),
           ("尖草坪区", 170, 2300, 57.4, 58.9), ("万柏林区", 160, 2300, 59.0, 60.5), ("晋源区", 170, 500, 30.3, 30.6),
           ("古交市", 160, 600, 40.0, 40.4), ("清徐县", 180, 1000, 42.0, 42.6), ("阳曲县", 180, 1000, 42.0, 42.6),
           ("娄烦县", 125, 0, 15.0, 15.0), ("高新区", 220, 3000, 80.0, 81.9), ("经济区", 220, 30000, 110.0, 129.4),
           ("民营区", 120, 30000, 70.0, 89.4), ("不锈钢园区", 100, 500, 19.7, 20.0)]
table("taiyuan_2013_zhaoshang.xlsx", "责任目标", [
    ["一、招商引资责任目标"],
    ["单位名称", "签约项目总投资(亿元)", "实际利用外资(万美元)", "实际到位内资(亿元)", "实际引进外来资金(亿元)"],
    ["太原市", 2090, 78232, 724, 774],
    *[list(r) for r in TAIYUAN],
    ["招商引资目标主要突出三项指标,即签约项目总投资、实际利用外资和实际引进外来资金。指标分解主要是在2012年各县(市、区)、"
     "开发区(园区)责任目标及实际完成的基础上,结合全市目标任务分解。外来资金系指实际利用外资和实际到位内资之和,"
     "美元折合人民币按省里统一规定1:6.48的平均汇率计算。"],
], formats={(r, c): "0.0" for r in range(3, 17) for c in (3, 4)})

# 7. 长沙 2004 招商引资: regions as rows, `合 计` first, two-row header (band 市外境内资金 over 本年任务 /
#    其中:外省), `其中:` member rows under a county, 备 注 column; cut off in the 6th data row.
table("changsha_2004_zhaoshang.xlsx", "附件", [
    ["附件:"],
    ["2004年招商引资目标考核指标分解表"],
    ["考核单位", "合同外资 (万美元)", "到位外资 (万美元)", "市外境内资金 (亿元)", _, "三资企业销售 收入(亿元)", "备 注"],
    [_, "本年任务", "本年任务", "本年任务", "其中:外省", "本年任务", _],
    ["合 计", 85000, 50000, 280, 142, 210, _],
    ["长沙县", 2180, 11000, 32, 15.5, 98, _],
    ["其中:经济技术开发区", 17000, 10000, 9, 1.5, 85, "含LG全部"],
    ["园区外", 4800, 1000, 23, 14, 13, _],
    ["望城县", 5800, 3000, 25, 15, 16.5, _],
    ["其中:食品工业园", 3800, 1800, 3],
], merges=[(1, 0, 1, 6), (2, 0, 3, 0), (2, 3, 2, 4), (2, 6, 3, 6)])

# 8. 临河区 2023 小麦 (page in traditional characters): regions as rows, unit line above, `合計` last;
#    cut off after the 合計 row's first figure.
LINHE = [("八一鄉", 8.44, 0.91), ("白腦包鎮", 32.01, 3.89), ("城關鎮", 6.73, 0.72), ("干召廟鎮", 33.75, 4.10),
         ("狼山農場", 7.97, 0.97), ("狼山鎮", 27.77, 3.37), ("臨河農場", 2.75, 0.30), ("曙光鄉", 1.47, 0.16),
         ("雙河鎮", 11.72, 1.26), ("烏蘭圖克鎮", 26.01, 3.16), ("新華鎮", 50.79, 6.17)]
table("linhe_2023_xiaomai.xlsx", "附件", [
    ["附件: 2023年臨河區小麥種植任務分解表"],
    ["面積:萬畝"],
    ["鄉鎮(農場)", "可種植面積", "2023年小麥任務面積", "備注"],
    *[[n, a, b, _] for n, a, b in LINHE],
    ["合計", 209.43],
], merges=[(0, 0, 0, 3), (1, 0, 1, 3)], formats={(r, c): "0.00" for r in range(3, 15) for c in (1, 2)})

# 9. 普陀区 2025 粮食 (traditional): regions as rows, two-row header of indicator bands over 面積/產量;
#    the page stops after the sixth town, before any 合計 row.
PUTUO = [("六橫鎮", 15050, 4960, 3950, 1800, 5450, 1390, 5650, 1770, 1200, 197, 2350),
         ("桃花鎮", 4850, 1912, 2400, 1185, 700, 177, 1750, 550, 600, 106, 2000),
         ("蝦峙鎮", 300, 80, 0, 0, 150, 33, 150, 47, 40, 6, 0),
         ("東港街道", 800, 274, 150, 70, 0, 0, 650, 204, 500, 82, 150),
         ("展茅街道", 3850, 1400, 1300, 600, 0, 0, 2550, 800, 800, 136, 1300),
         ("登步島管委會", 850, 299, 200, 95, 0, 0, 650, 204, 160, 23, 20)]
table("putuo_2025_liangshi.xlsx", "附件1", [
    ["附件1"],
    ["2025年普陀區糧食播種面積與產量任務分解表"],
    ["地區", "糧食", _, "其中:水稻", _, "小麥", _, "旱雜糧", _, _, _, "水稻"],
    [_, "面積", "產量", "面積", "產量", "面積", "產量", "面積", "產量", "其中: 大豆面積", "其中: 大豆產量", "機插秧 面積"],
    *[list(r) for r in PUTUO],
], merges=[(1, 0, 1, 11), (2, 0, 3, 0), (2, 1, 2, 2), (2, 3, 2, 4), (2, 5, 2, 6), (2, 7, 2, 10)])

# 10. 昌江区 2022 高标准农田 (征求意见函): regions as rows, `全区` first, corner 单位, period bands
#     到2025年 / 到2030年 with the unit in the band, a column blank everywhere in each band.
table("changjiang_2022_gaobiao.xlsx", "函", [
    ["关于征求2021-2030年高标准农田建设规划任务意见的函"],
    ["鲇鱼山镇、丽阳镇、荷塘乡人民政府:"],
    ["为落实好《江西省高标准农田建设规划(2021-2030年)》和省委、省政府、市委、市政府、区委、区政府的决策部署,"
     "认真谋划我区新一轮高标准农田建设工作,不断提升我区农业基础设施水平,按照省、市推进高标准农田建设部署和要求,"
     "初步制定了全区2021-2030年高标准农田建设规划任务面积。现将拟下达你乡(镇)的规划任务面积征求意见,"
     "请于2022年4月15日下班前,将相关意见书面反馈至昌江区高标准农田建设办公室。"],
    ["单位", "到2025年规划指标(万亩)", _, _, "到2030年规划指标(万亩)", _, _],
    [_, "累计建成高标准农田面积", "累计改造提升高标准农田面积", "累计新增高效节水灌溉面积",
     "累计建成高标准农田面积", "累计改造提升高标准农田面积", "累计新增高效节水灌溉面积"],
    ["全区", 5.56, 0.80, _, 5.56, 0.80, _],
    ["鲇鱼山镇", 2.70, 0.40, _, 2.70, 0.40, _],
    ["丽阳镇", 2.76, 0.40, _, 2.76, 0.40, _],
    ["荷塘乡", 0.20, _, _, 0.20, _, _],
    [],
    ["2022年4月12日"],
], merges=[(0, 0, 0, 6), (2, 0, 2, 6), (3, 0, 4, 0), (3, 1, 3, 3), (3, 4, 3, 6)],
    formats={(r, c): "0.00" for r in range(5, 9) for c in range(1, 7)})

# 11. 浙江 2018 残疾人两项补贴资金分配表: three 单位|金额 blocks side by side, `全省合计`, `…小计` and
#     `其中:` rows two levels deep; the page stops in the 23rd row.
ZJ = [("全省合计", 10656, "海宁市", 32, "定海区", 132), ("杭州市小计", 1304, "平湖市", 69, "普陀区", 112),
      ("杭州市", 544, "桐乡市", 70, "岱山县", 65), ("其中:市本级", 10, "嘉善县", 34, "嵊泗县", 21),
      ("江干区", 22, "海盐县", 50, "台州市小计", 1331), ("下城区", 29, "湖州市小计", 297, "台州市", 102),
      ("上城区", 23, "湖州市", 66, "其中:椒江区", 35), ("西湖区", 32, "其中:市本级", 1, "黄岩区", 38),
      ("拱墅区", 22, "吴兴区", 31, "路桥区", 29), ("滨江区", 7, "南浔区", 34, "玉环市", 84),
      ("萧山区", 73, "德清县", 46, "温岭市", 200), ("余杭区", 53, "安吉县", 134, "临海市", 333),
      ("富阳区", 32, "长兴县", 51, "三门县", 117), ("临安区", 241, "绍兴市小计", 407, "天台县", 261),
      ("桐庐县", 112, "绍兴市", 44, "仙居县", 234), ("建德市", 352, "其中:越城区", 19, "衢州市小计", 1637),
      ("淳安县", 296, "柯桥区", 18, "衢州市", 320), ("温州市小计", 2400, "上虞区", 7, "其中:柯城区", 203),
      ("温州市", 121, "诸暨市", 149, "衢江区", 117), ("其中:市本级", 9, "嵊州市", 76, "江山市", 298),
      ("鹿城区", 56, "新昌县", 138, "龙游县", 157), ("瓯海区", 24, "金华市小计", 1679, "常山县", 48)]
table("zhejiang_2018_canji.xlsx", "附件", [
    ["附件"],
    ["2018年困难残疾人生活补贴和重度残疾人护理补贴补助资金分配表"],
    [_, _, _, _, _, "金额单位:万元"],
    ["单位", "金额", "单位", "金额", "单位", "金额"],
    *[list(r) for r in ZJ],
    ["龙"],
], merges=[(1, 0, 1, 5)])

# 12. 海东市 2018 扶贫资金: regions as rows, `合计` first, a 备注 column left blank.
table("haidong_2018_fupin.xlsx", "分配表", [
    ["海东市市级财政扶贫专项资金分配表"],
    ["县区名称", "资金分配额(万元)", "备注"],
    ["合计", 4000, _],
    ["乐都区", 819, _], ["平安区", 100, _], ["民和县", 1226, _],
    ["互助县", 600, _], ["化隆县", 1155, _], ["循化县", 100, _],
], merges=[(0, 0, 0, 2)])

# 13. 重庆 2017 深松 进度汇总 (八月): a progress table, regions as rows with 序号, no parent row on the
#     page, completion shares typed `0%`; the page stops in the 27th row.
CQ = [("石柱县", 1000, 0, 0, "0%"), ("黔江区", 3000, 0, 0, "0%"), ("铜梁区", 3000, 0, 0, "0%"),
      ("彭水县", 3000, 0, 0, "0%"), ("奉节县", 5000, 0, 0, "0%"), ("开州区", 3000, 150, 400, "8%"),
      ("南川区", 3000, 0, 500, "17%"), ("酉阳县", 5000, 650, 650, "0%"), ("荣昌区", 7000, 125, 685, "8%"),
      ("璧山区", 3000, 0, 750, "25%"), ("丰都县", 5000, 800, 800, "0%"), ("忠 县", 3000, 0, 1385, "46%"),
      ("巴南区", 3000, 480, 1500, "34%"), ("武隆区", 5000, 100, 1600, "30%"), ("合川区", 3000, 0, 1650, "55%"),
      ("渝北区", 7000, 0, 1801, "26%"), ("长寿区", 3000, 1950, 1950, "0%"), ("万州区", 5000, 395, 2045, "33%"),
      ("綦江区", 10000, 200, 2050, "19%"), ("巫溪县", 3000, 0, 2050, "68%"), ("江津区", 10000, 0, 4000, "40%"),
      ("梁平区", 7000, 1540, 4050, "36%"), ("秀山县", 12000, 0, 4600, "38%"), ("永川区", 20000, 4287, 6897, "13%"),
      ("垫江县", 10000, 280, 8846, "86%"), ("潼南区", 28000, 530, 9230, "31%")]
table("chongqing_2017_shensong_jindu.xlsx", "附表", [
    ["附表"],
    ["2017年农机深松整地作业进度汇总表"],
    ["(八月)"],
    ["序号", "区(县)", "下达任务面积(亩)", "当月完成面积(亩)", "累计完成面积(亩)", "任务完成量占比(%)", "备注"],
    *[[k, *r, _] for k, r in enumerate(CQ, 1)],
    [27, "大足区", 15000],
], merges=[(1, 0, 1, 6), (2, 0, 2, 6)])


# 14. 融安县 2023 金桔: regions as rows, `全县合计` first, a 备注 that is a sentence about one region.
RONGAN = [("板榄镇", 600), ("雅瑶乡", 500), ("大将镇", 650), ("大坡乡", 400), ("浮石镇", 500), ("泗顶镇", 450),
          ("沙子乡", 350), ("桥板乡", 500), ("东起乡", 250), ("大良镇", 350), ("潭头乡", 300)]
table("rongan_2023_jinju.xlsx", "附件", [
    ["附件"],
    ["融安县2023年金桔生产任务分解表"],
    ["乡镇", "新种任务(亩)", "备注"],
    ["全县合计", 7000, _],
    ["长安镇", 2150, "其中县农业投资有限公司新种任务1500亩,不计入长安镇绩效考核。"],
    *[[n, v, _] for n, v in RONGAN],
], merges=[(1, 0, 1, 2)])

# 15. 太仓市 2019 能耗强度: regions as rows, `全市` first, corner 地区, every region carries the parent's
#     figure, region names with a bracket (`港区 (含浮桥)`) and spaces (`城 厢`).
TAICANG = ["港区 (含浮桥)", "高新区 (含科教新城)", "城 厢", "沙 溪", "浏 河", "璜 泾", "双 凤"]
table("taicang_2019_nenghao.xlsx", "分解表", [
    ["太仓市2019年度能源消耗强度目标分解表"],
    ["地区", "单位规上工业增加值能耗降幅目标(%)"],
    ["全市", 3.4],
    *[[n, 3.4] for n in TAICANG],
], merges=[(0, 0, 0, 1)])


# 16. 焦作市 2018 扶貧資金 (traditional): regions as rows, no title of its own (the line above is the notice's
#     `三、 扶貧資金分配情況`), columns 資金合計 = 中央資金 + 省級資金 and a blank 備注; blanks where a region
#     has no 中央資金; 焦作林場 has 中央資金 10 and a blank 資金合計; one empty row, then `合計` last.
table("jiaozuo_2018_fupin.xlsx", "公示", [
    ["三、 扶貧資金分配情況"],
    ["市縣", "資金合計", "中央資金", "省級資金", "備注"],
    ["修武", 1116.7, 10, 1106.7, _],
    ["博愛", 1150.9, 10, 1140.9, _],
    ["武陟", 1237.1, _, 1237.1, _],
    ["沁陽", 1017.4, 15, 1002.4, _],
    ["孟州", 865.8, 10, 855.8, _],
    ["中站", 502.5, _, 502.5, _],
    ["馬村", 589.6, _, 589.6, _],
    ["焦作林場", _, 10, _, _],
    [_, _, _, _, _],
    ["合計", 6490, 55, 6435, _],
])

# 17. 商丘市 2019 第二批市级扶贫资金: regions as rows under the notice's `四、扶贫资金分配情况表`, the table's own
#     title in a merged first row, unit in the name `市级资金(万元)`, a blank 备注 column, a spaced name
#     (`睢 县`), `合计` last.
SHANGQIU = [("梁园区", 280), ("睢阳区", 280), ("示范区", 75), ("虞城县", 800), ("民权县", 815),
            ("睢 县", 732), ("宁陵县", 545), ("柘城县", 753), ("夏邑县", 720)]
table("shangqiu_2019_fupin.xlsx", "分配情况表", [
    ["四、扶贫资金分配情况表"],
    ["2019年市级财政扶贫资金分配情况表"],
    ["县区名称", "市级资金(万元)", "备注"],
    *[[n, v, _] for n, v in SHANGQIU],
    ["合计", 5000, _],
], merges=[(1, 0, 1, 2)])


# 18. 商丘市 2020 中央和省级水利发展资金: regions as rows under the notice's `四、扶贫资金分配情况表`, the table's
#     own title in a merged first row, unit in the name `省级资金(万元)`, no 备注 column, `合计` last.
table("shangqiu_2020_shuili.xlsx", "分配表", [
    ["四、扶贫资金分配情况表"],
    ["2020年中央和省级水利发展资金分配表"],
    ["县区", "省级资金(万元)"],
    ["睢县", 421],
    ["宁陵县", 376],
    ["虞城县", 430],
    ["合计", 1227],
], merges=[(1, 0, 1, 1)])


# 19. 保定市满城区 2020 农业结构调整: regions (乡镇) as rows with 序号, a band `分阶段任务(亩)` over 春种 / 夏种, a
#     `合计` COLUMN (春种 + 夏种 in each row, not a region total) and a 备注 column; the page stops in the ninth
#     row (石井乡 has its name only), so no total row is shown. Where a town has one phase figure the page
#     drops the empty cell, so the phase is not known: the figure is kept in the first phase column (春种).
MANCHENG = [("满城镇", 2242.6, 18.1, 2260.7), ("神星镇", 2478.4, _, 2478.4), ("大册营镇", 457.5, 482.3, 939.8),
            ("南韩村镇", 236.6, _, 236.6), ("方顺桥镇", 334.5, 39.3, 373.8), ("于家庄乡", 109.4, _, 109.4),
            ("要庄乡", 230.8, 3.6, 234.4), ("白龙乡", 1296.1, 74.3, 1370.4)]
table("mancheng_2020_jiegou.xlsx", "附件", [
    ["附件:2020年各乡镇农业结构调整分阶段汇总任务表"],
    ["2020年各乡镇农业结构调整分阶段汇总任务表"],
    ["序号", "乡镇", "分阶段任务(亩)", _, "合计", "备注"],
    [_, _, "春种", "夏种", _, _],
    *[[k, n, a, b, t, _] for k, (n, a, b, t) in enumerate(MANCHENG, 1)],
    [9, "石井乡"],
], merges=[(1, 0, 1, 5), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3), (2, 4, 3, 4), (2, 5, 3, 5)])


# 20. 河北省 2009 城建项目计划 (河北日报 report, page in traditional characters): regions (设区市) as rows with no
#     total row; the province's totals are in the sentence above the table (2711 / 2607 / 1515), not in it. The
#     page runs the header together (`城市拆除面積(萬平方米)投資額(億元) 項目(個)`); read as the corner `城市` and
#     three columns. Two-character names are spaced (`承 德`), three-character ones are not.
HEBEI = [("石家莊", 400, 552, 119), ("承 德", 130, 98, 100), ("張家口", 220, 420, 152), ("秦皇島", 105, 140, 181),
         ("唐 山", 150, 249, 192), ("廊 坊", 200, 214, 177), ("保 定", 420, 274, 80), ("滄 州", 378, 150, 50),
         ("衡 水", 130, 79, 78), ("邢 臺", 200, 131, 248), ("邯 鄲", 378, 301, 138)]
table("hebei_2009_chengjian.xlsx", "城建項目計劃", [
    ["今天從全省城鎮面貌三年大變樣石家莊現場暨調度會上獲悉,今年,全省計劃總拆遷面積2711萬平方米,投資2607億元,"
     "將實施1515個城市改造建設重點項目。"],
    ["以為新中國成立60周年獻禮項目為龍頭,以回遷房建設為核心,在今年的三年大變樣工作中,全省各地都積極加強了項目的謀劃部署。"],
    ["各市城建項目計劃見右圖。"],
    ["城市", "拆除面積(萬平方米)", "投資額(億元)", "項目(個)"],
    *[list(r) for r in HEBEI],
    ["來源:河北日報"],
])


# 21. 广东省 2015 省级企业技术改造专项资金 (第四批): regions (粤东西北 地级以上市) as rows under `附件`, the title and a
#     `单位:万元` line; the total row is labelled `小计` (no 合计), first, and is the parent because it dominates.
GUANGDONG = [("汕头市", 19600), ("韶关市", 14000), ("河源市", 7000), ("梅州市", 9800), ("汕尾市", 7000), ("阳江市", 9800),
             ("湛江市", 14000), ("茂名市", 14000), ("清远市", 9800), ("潮州市", 8400), ("揭阳市", 16800), ("云浮市", 9800)]
table("guangdong_2015_jigai.xlsx", "附件", [
    ["附件"],
    ["2015年广东省省级企业技术改造专项资金(第四批)项目计划表"],
    ["单位:万元"],
    ["地市", "计划安排额度(万元)"],
    ["小计", 140000],
    *[[n, v] for n, v in GUANGDONG],
])


# 22. 三明市 2022 历史建筑保护修缮省级"以奖代补"资金: regions (县(市、区)) as rows, `合 计` last; two 数量(栋) columns
#     that add up, two 标准(万元) columns that carry the same per-building amount in every row and in 合计, a
#     共计补助金额 column (数量 × 标准 in each row); a `资金安排表情况说明` heading and its paragraph under the table.
SANMING = [("三元区", 0, 25, 1, 15, 15), ("清流县", 2, 25, 4, 15, 110), ("宁化县", 1, 25, 4, 15, 85),
           ("沙县区", 2, 25, 2, 15, 80), ("泰宁县", 1, 25, 2, 15, 55), ("建宁县", 5, 25, 0, 15, 125)]
table("sanming_2022_lishi_jianzhu.xlsx", "资金安排表", [
    ["县(市、区)", "建筑面积500㎡(含)以上数量(栋)", "建筑面积500㎡以上标准(万元)", "建筑面积500㎡以下数量(栋)",
     "建筑面积500㎡以下标准(万元)", "共计补助金额 (万元)"],
    *[list(r) for r in SANMING],
    ["合 计", 11, 25, 13, 15, 470],
    ["资金安排表情况说明"],
    ["2022年历史建筑保护修缮省级“以奖代补”资金按照《福建省城乡人居环境建设专项资金管理办法》中的标准安排,"
     "建筑面积500㎡以下的按每栋15万元予以奖补,500㎡以上(含)的按每栋25万元予以奖补。"],
])


def write(t: RealTable) -> Path:
    """One workbook per table, one sheet, values as transcribed."""
    wb = Workbook()
    ws = wb.active
    ws.title = t.sheet
    for r, row in enumerate(t.rows, 1):
        for c, v in enumerate(row, 1):
            if v is not None:
                cell = ws.cell(r, c, v)
                if isinstance(v, str) and "\n" in v:
                    cell.alignment = Alignment(wrap_text=True)
    for (r, c), fmt in t.formats.items():
        ws.cell(r + 1, c + 1).number_format = fmt
    for r1, c1, r2, c2 in t.merges:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    path = HERE / t.file
    save_deterministic(wb.save, path)
    return path


def main() -> None:
    for t in TABLES:
        print(write(t).relative_to(HERE.parent.parent.parent))


if __name__ == "__main__":
    main()
