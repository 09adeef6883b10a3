"""生成简报: the briefing in official layout, as .docx and self-contained HTML, from templates in reports/."""

from .context import build_context
from .render import FORMATS, briefing_context, render_briefing

__all__ = ["FORMATS", "briefing_context", "build_context", "render_briefing"]
