"""The HTML skin: one self-contained file (inline CSS, charts as inline SVG), rendered from reports/briefing.html.j2."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from .jinja import TEMPLATES, environment

TEMPLATE = "briefing.html.j2"


def render_html(context: dict, template_dir: Path | None = None) -> str:
    """The briefing as an HTML string; names and text in the context are escaped, only our SVG is trusted."""
    env = environment(template_dir or TEMPLATES)
    skin = dict(context)
    if context.get("progress"):
        chart = context["progress"]["chart"]
        # matplotlib escapes the labels it writes into the SVG, so the markup itself is ours
        skin["progress"] = {**context["progress"], "chart": Markup(chart.svg) if chart else None}
    if context.get("projects"):
        chart = context["projects"]["chart"]
        skin["projects"] = {**context["projects"], "chart": Markup(chart.svg) if chart else None}
    return env.get_template(TEMPLATE).render(skin)


def write_html(context: dict, path: Path, template_dir: Path | None = None) -> Path:
    """Write the briefing as one .html file."""
    path.write_text(render_html(context, template_dir), encoding="utf-8")
    return path
