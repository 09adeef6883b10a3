"""The Word skin: reports/briefing.docx (a docxtpl template) rendered with the sandboxed, autoescaping environment."""

from __future__ import annotations

import io
from pathlib import Path

from docx.shared import Mm

from .docx_bookend import fit_bookend
from .docx_style import apply_fonts
from .jinja import TEMPLATES, environment
from .lights import LIGHTS_FIXED_MM
from .paper import TEXT_WIDTH_MM, twips

TEMPLATE = "briefing.docx"
TEXT_WIDTH_TWIPS = twips(TEXT_WIDTH_MM)
LIGHTS_FIXED_TWIPS = twips(LIGHTS_FIXED_MM)  # the 指标 and 对照 columns of the lights table


def render_docx(context: dict, path: Path, template_dir: Path | None = None) -> Path:
    """Write the briefing as .docx; text is escaped (docxtpl escapes nothing by default)."""
    from docxtpl import InlineImage

    from .docx_template import Template

    tpl = Template(str((template_dir or TEMPLATES) / TEMPLATE))
    tpl.grids_follow_first_row = True  # each table's grid from its first row's widths (LibreOffice)
    props = tpl.get_docx().core_properties
    for name in ("title", "subject", "author"):  # Word keeps a property to 255 characters; python-docx refuses more
        text = getattr(props, name)
        if "{" in text:
            setattr(props, name, "{% filter truncate(255, True, '…', 0) %}" + text + "{% endfilter %}")
    skin = dict(context)
    progress = context.get("progress")
    if progress:
        chart = progress["chart"]
        image = InlineImage(tpl, io.BytesIO(chart.png), width=Mm(chart.width_mm)) if chart else None
        skin["progress"] = {**progress, "chart": image}
        columns = max(len(progress["lights"]["columns"]), 1)
        skin["docx"] = {"lights_cell": (TEXT_WIDTH_TWIPS - LIGHTS_FIXED_TWIPS) // columns}
    else:
        skin["docx"] = {"lights_cell": 0}
    if context.get("projects"):
        chart = context["projects"]["chart"]
        image = InlineImage(tpl, io.BytesIO(chart.png), width=Mm(chart.width_mm)) if chart else None
        skin["projects"] = {**context["projects"], "chart": image}
    tpl.render(skin, jinja_env=environment(), autoescape=True)
    apply_fonts(tpl.docx, context["fonts"])
    fit_bookend(tpl.docx)
    tpl.save(str(path))
    return path
