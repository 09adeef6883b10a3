"""The briefing: one context, two skins (docx, html); structure, escaping, strictness, the template's reproducibility."""

from __future__ import annotations

import re
import warnings
import zipfile

import docx
import jinja2
import pytest
from briefing_helpers import (DAY, EVIL_DEPT, EVIL_REGION, NS, W, docx_part, east_asia, evil_book,
                              style)
from conftest import EXAMPLES, FILES, ROOT, cjk_font, needs_cjk_font
from lxml import html as lxml_html

from zhibiao.briefing import briefing_context, render_briefing
from zhibiao.briefing.docx import render_docx
from zhibiao.briefing.html import render_html
from zhibiao.progress.report import progress_file

PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"


@pytest.fixture(scope="module")
def huzhou():
    return briefing_context(PROGRESS, today=DAY)


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    out = tmp_path_factory.mktemp("evil")
    docx_path, html_path = render_briefing(evil_book(), out_dir=out, today=DAY)
    return docx_path, html_path


# ---- the context (the one data model) ---------------------------------------------------------------

def test_split_gap_in_bureau_prose():
    ctx = briefing_context(FILES / "huzhou_short.xlsx", today=DAY)
    assert ctx["progress"] is None and ctx["warnings"] is None
    assert [(g["title"], g["text"], g["responsible"]) for g in ctx["split"]["gaps"]] == [
        ("高耗低效整治企业数", "全市目标1200家，各地区分解合计1150家，缺口50家，目标未能分解到位。", "市经信局")]
    assert ctx["split"]["gaps"][0]["suggestion"].startswith("建议按现有分解比例补足：吴兴+4")
    example = briefing_context(EXAMPLES / "湖州2023区县分解.xlsx", today=DAY)
    assert example["headline"] == "2023年全市主要指标任务分解核对情况"  # the year from the file name, not 设置's default
    assert example["split"]["gaps_none"] == "各项指标各地区分解均能覆盖全市目标，未发现分解缺口。"


def test_weighted_gap_and_notes():
    ctx = briefing_context(FILES / "huzhou_weighted_basis.xlsx", today=DAY)
    assert ctx["split"]["gaps"][0]["text"] == ("按基数加权推算，各地区分解目标折合全市35.43万元/亩，低于全市目标37万元/亩，"
                                               "相差1.57万元/亩。")
    notes = ctx["split"]["notes"]
    assert "高耗低效整治腾出能耗空间各地区分解合计15.1万吨标煤，高于全市目标15万吨标煤（超出0.1万吨标煤），属加压分解。" in notes
    assert "单位GDP能耗下降率为定性目标（完成省定目标），不作数值核对。" in notes


def test_progress_sections_follow_the_progress_report(huzhou):
    report = progress_file(PROGRESS)
    lights = huzhou["progress"]["lights"]
    assert lights["columns"] == report.regions + ["全市"]
    lit = [s for s in report.statuses if any(t.status for t in report.statuses if t.indicator == s.indicator)]
    assert [c["status"] for row in lights["rows"] for c in row["cells"]] == [s.status or "none" for s in lit]
    assert len(huzhou["warnings"]["rows"]) == report.count("red") > 0
    assert [r["region"] for r in huzhou["progress"]["ranking"]] == [r.region for r in report.ranking]
    summary = huzhou["summary"]["paragraphs"][0]
    assert "高耗低效整治腾出用地面积完成年度目标的46.5%，低于序时进度18.5个百分点" in summary
    assert huzhou["headline"] == "2023年1-6月全市制造业主要指标分解与推进情况"
    assert huzhou["header"] == {"title": "工业经济运行简报", "issue": "第6期", "issuer": "市经济和信息化局",
                                "date": "2023年7月12日"}
    assert [h for h in (huzhou["summary"]["heading"], huzhou["split"]["heading"], huzhou["progress"]["heading"],
                        huzhou["warnings"]["heading"])] == ["一、总体情况", "二、分解核对情况", "三、推进进度", "四、预警清单"]


def test_a_missing_actual_is_said_not_read_as_zero(huzhou):
    assert huzhou["progress"]["data_notes"] == ["数据说明：2023年1-6月实际值未填报的，不按0计、不亮灯：高耗低效整治腾出用地面积（安吉）。"]


def test_settings_drive_title_fonts_and_footer():
    ctx = briefing_context(evil_book([("简报标题", "经信简报"), ("期号", 9), ("正文字体", "仿宋"),
                                      ("报送", "市政府"), ("印发日期", "2023年7月15日"), ("标题字体", "x</style>;{}")]),
                           today=DAY)
    assert ctx["header"]["title"] == "经信简报" and ctx["header"]["issue"] == "第9期"
    assert ctx["header"]["date"] == ctx["footer"]["date"] == "2023年7月15日"
    assert ctx["fonts"]["body"] == "仿宋" and ctx["footer"]["send_to"] == "市政府"
    assert ctx["fonts"]["title"] == "xstyle"  # a font name is stripped to what is safe in CSS and XML


# ---- HTML -------------------------------------------------------------------------------------------

def test_html_escapes_names_everywhere(evil):
    text = evil[1].read_text(encoding="utf-8")
    assert "<script" not in text and "<i>" not in text and "<b>" not in text
    tree = lxml_html.fromstring(text)
    assert tree.xpath("//script|//i|//b") == []
    body = tree.text_content()
    for name in (EVIL_REGION, "A&B<i>整治</i>企业数", EVIL_DEPT, "德清&安吉"):
        assert name in body
    assert tree.xpath("//svg//text[contains(., 'alert(1)')]")  # the chart label is text, escaped by matplotlib


def test_html_structure(evil):
    text = evil[1].read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    css = "".join(tree.xpath("//style/text()"))
    assert re.search(r"@page\s*{\s*size: A4;\s*margin: 37mm 26mm 35mm 28mm;", css)
    assert 'content: "— " counter(page) " —"' in css
    assert "--red: #C00000" in css and re.search(r"\.brand {[^}]*color: var\(--red\)", css)
    assert re.search(r"\.meta {[^}]*border-bottom: [\d.]+pt solid var\(--red\)", css)
    assert '--body: "仿宋_GB2312"' in css and '--h1: "黑体"' in css and '--h2: "楷体_GB2312"' in css
    assert re.search(r"body {[^}]*font-size: 16pt", css)
    assert tree.xpath("string(//h1[@class='brand'])") == "工业经济运行简报"
    assert tree.xpath("string(//p[@class='issue'])") == "第6期"
    assert [s.text_content() for s in tree.xpath("//div[@class='meta']/span")] == ["市经济和信息化局", "2023年7月12日"]
    lights = tree.xpath("//table[@class='lights']/tbody/tr")
    assert [[td.get("class") for td in row.xpath("td")[2:]] for row in lights][0] == [
        "light-green", "light-red", "light-green", "light-yellow"]
    assert re.search(r"td\.light-red { background: #FF7F7F", css)
    assert "报送：市委、市人大、市政府、市政协领导" in tree.xpath("string(//footer)")
    # self-contained: nothing is fetched
    assert not tree.xpath("//link|//img[@src]|//*[@src]") and "@import" not in css and "url(http" not in text


def test_missing_key_fails_loudly(huzhou, tmp_path):
    broken = {k: v for k, v in huzhou.items() if k != "headline"}  # printed bare: plain Undefined would be ""
    with pytest.raises(jinja2.UndefinedError):
        render_html(broken)
    with pytest.raises(jinja2.UndefinedError):
        render_docx(broken, tmp_path / "x.docx")


def test_templates_run_sandboxed(huzhou, tmp_path):
    (tmp_path / "briefing.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(jinja2.exceptions.SecurityError):
        render_html(huzhou, tmp_path)


# ---- docx -------------------------------------------------------------------------------------------

def test_docx_escapes_names_and_keeps_them_whole(evil):
    document = docx.Document(str(evil[0]))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert f"（责任部门：{EVIL_DEPT}）" in text  # docxtpl unescaped would cut this at '<' or break the XML
    for name in (EVIL_REGION, "A&B<i>整治</i>企业数", "德清&安吉"):
        assert name in cells
    with zipfile.ZipFile(evil[0]) as z:
        raw = z.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;" in raw and "<script" not in raw


def test_docx_page_setup_and_footer(evil):
    section = docx.Document(str(evil[0])).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    assert (round(section.bottom_margin.mm), round(section.right_margin.mm)) == (35, 26)
    footers = []
    with zipfile.ZipFile(evil[0]) as z:
        for name in z.namelist():
            if name.startswith("word/footer"):
                footers.append(docx_part(evil[0], name))
        settings = etree_text(z.read("word/settings.xml"))
    assert "evenAndOddHeaders" in settings
    assert len(footers) == 2
    for footer in footers:
        assert footer.xpath("string(//w:instrText)", namespaces=NS).strip() == "PAGE"
        assert "".join(footer.xpath("//w:t/text()", namespaces=NS)) == "— 1 —"


def etree_text(data: bytes) -> str:
    return data.decode("utf-8")


def test_docx_fonts_through_east_asia_attribute(tmp_path):
    path = render_briefing(evil_book([("正文字体", "仿宋"), ("一级标题字体", "方正黑体_GBK")]), formats=("docx",),
                           out_dir=tmp_path, today=DAY)[0]
    styles = docx_part(path, "word/styles.xml")
    assert east_asia(style(styles, "Normal")) == "仿宋"
    assert east_asia(style(styles, "一级标题")) == "方正黑体_GBK"
    assert east_asia(style(styles, "二级标题")) == "楷体_GB2312"
    assert east_asia(style(styles, "简报版头")) == "方正小标宋简体"
    assert style(styles, "Normal").find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"  # 3号 = 16 pt
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "仿宋" and defaults.get(f"{W}eastAsiaTheme") is None


def test_docx_red_header_and_rule(evil):
    styles = docx_part(evil[0], "word/styles.xml")
    masthead = style(styles, "简报版头")
    assert masthead.find(f"{W}rPr/{W}color").get(f"{W}val") == "C00000"
    assert masthead.find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"
    rule = style(styles, "编发行").find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (rule.get(f"{W}color"), rule.get(f"{W}val")) == ("C00000", "single")
    document = docx.Document(str(evil[0]))
    first = [(p.style.name, p.text) for p in document.paragraphs[:3]]
    assert first == [("简报版头", "工业经济运行简报"), ("期号", "第6期"), ("编发行", "\u3000市经济和信息化局\t2023年7月12日")]


def test_docx_lights_table_colours(evil, huzhou, tmp_path):
    document = docx.Document(str(evil[0]))
    lights = document.tables[0]
    fills = [[c._tc.xpath("string(./w:tcPr/w:shd/@w:fill)") for c in row.cells[2:]] for row in lights.rows[1:]]
    assert fills[0] == ["92D050", "FF7F7F", "92D050", "FFD966"]
    assert [c.text for c in lights.rows[0].cells] == ["指标", "对照", "吴兴", EVIL_REGION, "德清&安吉", "全市"]
    # the 湖州 example: every cell's fill follows its light
    path = render_docx(huzhou, tmp_path / "huzhou.docx")
    table = docx.Document(str(path)).tables[0]
    got = [c._tc.xpath("string(./w:tcPr/w:shd/@w:fill)") for row in table.rows[1:] for c in row.cells[2:]]
    want = [c["fill"] for row in huzhou["progress"]["lights"]["rows"] for c in row["cells"]]
    assert got == want and len(want) == 14 * 7


def test_docx_template_is_reproducible(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docx_template", ROOT / "reports" / "build_docx_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path / "briefing.docx")
    with zipfile.ZipFile(ROOT / "reports" / "briefing.docx") as committed, zipfile.ZipFile(tmp_path / "briefing.docx") as built:
        assert sorted(committed.namelist()) == sorted(built.namelist())
        for name in committed.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                assert committed.read(name) == built.read(name), name


# ---- charts and the CLI -----------------------------------------------------------------------------

def test_chart_keeps_text_as_text_in_a_cjk_font(huzhou):
    needs_cjk_font()
    chart = huzhou["progress"]["chart"]
    assert "南太湖新区</text>" in chart.svg and f"font-family: '{cjk_font()}'" in chart.svg
    assert chart.png.startswith(b"\x89PNG")


def test_no_cjk_font_warns_once(monkeypatch):
    from matplotlib import font_manager

    from zhibiao.briefing import fonts
    from zhibiao.briefing.charts import Bar, completion_chart

    latin = [f for f in font_manager.fontManager.ttflist if not fonts._covers(f.fname)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    monkeypatch.setattr(fonts, "system_fonts", lambda: [])
    fonts.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            chart = completion_chart([Bar("甲区", 0.5, "green"), Bar("乙区", 0.3, "red")], 0.5, "序时进度", "完成率（%）")
            chart.svg, chart.png  # drawn when first shown, in both forms
        # one clear line, not matplotlib's one warning per missing glyph
        assert [str(w.message) for w in caught] == [fonts.NO_CJK_FONT]
        assert "fonts-noto-cjk" in fonts.NO_CJK_FONT
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(monkeypatch):
    from matplotlib import font_manager

    from zhibiao.briefing import fonts

    if not any(fonts._covers(path) for path in fonts.system_fonts()):
        needs_cjk_font()
    stale = [f for f in font_manager.fontManager.ttflist if not fonts._covers(f.fname)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    fonts.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert fonts.cjk_font()
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()


def test_cli_brief(runner, tmp_path):
    result = runner.invoke("brief", PROGRESS, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["湖州2023进度示例.简报.docx", "湖州2023进度示例.简报.html"]
    assert all(str(tmp_path / name) in result.stdout.replace("\n", "") for name in written)
    one = runner.invoke("brief", PROGRESS, "-o", tmp_path / "x.html")
    assert one.exit_code == 0 and (tmp_path / "x.html").exists() and not (tmp_path / "x.docx").exists()


def test_cli_brief_bad_input(runner, tmp_path):
    no_progress = runner.invoke("brief", FILES / "huzhou_short.xlsx", "--period", "2023-06", "-o", tmp_path)
    assert no_progress.exit_code == 2 and "没有进度工作表" in no_progress.stderr
    mismatch = runner.invoke("brief", PROGRESS, "-f", "docx", "-o", tmp_path / "x.html")
    assert mismatch.exit_code == 2 and "不一致" in mismatch.stderr
    targets_only = runner.invoke("brief", EXAMPLES / "桐庐2024目标体系.xlsx", "-o", tmp_path)
    assert targets_only.exit_code == 2 and "只有目标体系表" in targets_only.stderr
    wrong_period = runner.invoke("brief", PROGRESS, "--period", "2022-03", "-o", tmp_path)
    assert wrong_period.exit_code == 2 and list(tmp_path.iterdir()) == []


def test_chart_labels_stay_clear_of_the_schedule_line_and_regions_keep_their_own():
    from zhibiao.briefing.charts import Bar, completion_chart

    chart = completion_chart([Bar("甲区", 0.456, "yellow"), Bar("乙区", 0.30, "red")], 0.5, "序时进度", "完成率（%）")
    labels = {m.group(2): float(m.group(1)) for m in re.finditer(r'<text[^>]*x="([\d.]+)"[^>]*>(\d+\.\d%)</text>', chart.svg)}
    line = float(re.search(r'<path d="M ([\d.]+) [\d.]+ \nL \1', chart.svg).group(1))
    assert labels["45.6%"] > line  # moved to the right of the dashed line, not drawn under it
    own = completion_chart([Bar("甲区", 0.6, "green", 0.5), Bar("乙区", 0.4, "red", 0.65)], None, "序时进度", "完成率（%）")
    assert own.shared_reference is False and chart.shared_reference is True


def test_data_notes_say_the_missing_actuals_once_by_indicator():
    """180 missing actuals in a 100-region workbook were one sentence each (five shown, then 等180处)."""
    from types import SimpleNamespace

    from zhibiao.briefing.progress_prose import data_notes
    from zhibiao.codes import CODES
    from zhibiao.report import Finding

    def missing(indicator, region):
        return Finding("actual-missing", CODES["actual-missing"][1].format(region=region, period="2023年1-6月", shown=""),
                       indicator=indicator, region=region)

    findings = [missing(f"指标{i}(%)", f"地区{r}") for i in range(1, 8) for r in range(1, 8 if i == 1 else 2)]
    findings.append(Finding("actual-unparsed", "无法识别的实际值“约五成”", indicator="指标9(%)", region="地区2"))
    progress = SimpleNamespace(findings=findings, period_label="2023年1-6月")
    assert data_notes(progress) == [
        "数据说明：2023年1-6月实际值未填报的，不按0计、不亮灯：指标1（地区1、地区2、地区3、地区4、地区5等7个地区）；"
        "指标2（地区1）；指标3（地区1）；指标4（地区1）；指标5（地区1）等7项指标、13处。指标9：无法识别的实际值“约五成”。"]
