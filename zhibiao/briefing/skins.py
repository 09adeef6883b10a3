"""Render any report kind's context through its templates: HTML (inline SVG charts), Word (docxtpl), PNG (Chromium).

The same sandboxed, autoescaping, StrictUndefined environment serves our templates in reports/ and the bureau's own
(模板/ beside the workbook); a template error becomes one Chinese line naming the file and line.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import UsageError
from .charts import Chart
from .docx_bookend import fit_bookend
from .docx_style import apply_fonts
from .trend import TrendChart
from .jinja import environment


def _swap_charts(value, make):
    """A copy of the context with every chart (an object with .svg and .png) replaced by make(chart)."""
    if isinstance(value, (Chart, TrendChart)):  # not hasattr: that would draw a lazy chart in both forms
        return make(value)
    if isinstance(value, dict):
        return {k: _swap_charts(v, make) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap_charts(v, make) for v in value]
    return value


def template_error(path: Path, exc: Exception) -> UsageError:
    """One Chinese line: which template, which line, what went wrong."""
    line = getattr(exc, "lineno", None)
    where = f"{path.name} 第{line}行" if line else path.name
    if isinstance(exc, jinja2.UndefinedError):
        why = f"用到了报告数据中没有的项（{exc.message}），可用 zhibiao report --context 查看可用的数据"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        why = f"模板语法错误（{exc.message}）"
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        why = f"模板中有不允许的操作（{exc}）"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return UsageError(f"报告模板 {where} 出错：{why}")


def _error_line(exc: Exception, path: Path) -> Exception:
    """The template's own line from a runtime error's traceback (Jinja rewrites frames to the template's lines)."""
    if getattr(exc, "lineno", None):
        return exc
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(path.name):
            line = tb.tb_lineno
        tb = tb.tb_next
    if line:
        exc.lineno = line
    return exc


def render_html(context: dict, template: Path) -> str:
    env = environment(template.parent)
    skin = _swap_charts(context, lambda chart: Markup(chart.svg))  # matplotlib escapes the labels it writes
    try:
        return env.get_template(template.name).render(skin)
    except jinja2.TemplateError as exc:
        raise template_error(template, _error_line(exc, template)) from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        raise template_error(template, _error_line(exc, template)) from None


def render_docx(context: dict, template: Path, path: Path) -> Path:
    from docx.shared import Mm
    from docxtpl import InlineImage

    from .docx_template import Template

    try:
        tpl = Template(str(template))
        tpl.grids_follow_first_row = True  # each table's grid from its first row's widths (LibreOffice)
        tpl.get_docx()
    except Exception as exc:  # not a Word file at all
        raise UsageError(f"报告模板 {template.name} 不是有效的 Word 文件（{type(exc).__name__}）") from None
    skin = _swap_charts(context, lambda chart: InlineImage(tpl, io.BytesIO(chart.png), width=Mm(chart.width_mm)))
    try:
        tpl.render(skin, jinja_env=environment(), autoescape=True)
    except jinja2.TemplateError as exc:
        raise template_error(template, exc) from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        raise template_error(template, exc) from None
    if "fonts" in context:
        apply_fonts(tpl.docx, context["fonts"])
    fit_bookend(tpl.docx)
    tpl.save(str(path))
    return path


def chromium() -> str | None:
    """The headless browser the PNG is shot with, if this machine has one."""
    return next((p for name in ("chromium", "chromium-browser", "google-chrome", "chrome")
                 if (p := shutil.which(name))), None)


# The tallest picture a full-page shot is taken at (Chromium's own limit for one screenshot is about this).
MAX_PNG_HEIGHT = 16384


class PictureCutWarning(UserWarning):
    """A full-page picture taller than MAX_PNG_HEIGHT: it holds the top of the page only (the CLI says so)."""
_MEASURE = ("<script>document.body.setAttribute('data-page-height', "
            "Math.ceil(document.documentElement.scrollHeight))</script>")


def page_height(browser: str, page: Path, width: int, tmp: str) -> int | None:
    """How tall the page lays out at `width` pixels: a copy with a script that writes its height into the DOM."""
    probe = page.with_name("probe.html")
    html = page.read_text(encoding="utf-8")
    probe.write_text(html.replace("</body>", _MEASURE + "</body>", 1) if "</body>" in html else html + _MEASURE,
                     encoding="utf-8")
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                          f"--user-data-dir={tmp}/profile", f"--window-size={width},800", "--dump-dom",
                          probe.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'data-page-height="(\d+)"', run.stdout)
    return int(found.group(1)) if found else None


def html_to_png(html: str, path: Path, width: int, height: int, full_page: bool = False) -> Path:
    """Screenshot an HTML page with headless Chromium (the page's fonts are the system's CJK fonts); full_page:
    as tall as the page lays out (at least `height`, at most MAX_PNG_HEIGHT), not only its first screen."""
    browser = chromium()
    if browser is None:
        raise UsageError("生成图片需要 Chromium 浏览器（Debian/Ubuntu: apt-get install chromium），请安装后重试，或改用 --format html")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        if full_page:
            laid_out = page_height(browser, page, width, tmp) or height
            if laid_out > MAX_PNG_HEIGHT:
                warnings.warn(f"{path.name} 只含页面上部 {MAX_PNG_HEIGHT} 像素（全部内容高约 {laid_out} 像素，图片最高 "
                              f"{MAX_PNG_HEIGHT} 像素）：完整内容请用 --format both 生成 Word 和 HTML", PictureCutWarning)
            height = min(max(height, laid_out), MAX_PNG_HEIGHT)
        shot = Path(tmp) / "shot.png"
        run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              f"--user-data-dir={tmp}/profile", f"--window-size={width},{height}",
                              f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
        if run.returncode != 0 or not shot.exists():
            raise UsageError(f"Chromium 未能生成图片（退出码 {run.returncode}）")
        shutil.copyfile(shot, path)
    return path
