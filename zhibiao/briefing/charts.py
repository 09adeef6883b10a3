"""Charts for the briefing: a bar chart of completion by region, as SVG (text kept as text) and PNG."""

from __future__ import annotations

import io
import warnings
import re
from dataclasses import dataclass

from .fonts import cjk_font

# the lights' colours, shared with the tables (hex without '#', as Word wants them)
STATUS_FILL = {"green": "92D050", "yellow": "FFD966", "red": "FF7F7F", None: "D9D9D9"}
BAR_DEFAULT = "5B7DB1"


@dataclass(frozen=True)
class Chart:
    """One chart in both forms: inline SVG for HTML, PNG for Word."""

    svg: str
    png: bytes
    width_mm: float


@dataclass(frozen=True)
class Bar:
    """One region's bar: its value as a fraction and the light that colours it."""

    label: str
    value: float  # a fraction: 0.583 for 58.3%
    status: str | None = None


def completion_chart(bars: list[Bar], reference: float | None, reference_label: str, xlabel: str) -> Chart:
    """Horizontal bars, best on top, with a dashed line at the reference (序时进度)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    font = cjk_font()
    rc = {
        "svg.fonttype": "none",  # text stays text: searchable, selectable, sharp when printed
        "svg.hashsalt": "zhibiao",  # stable ids, so the same data gives the same file
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "font.size": 10,
        "axes.unicode_minus": False,
    }
    width_mm = 150.0
    height_in = max(1.6, 0.34 * len(bars) + 0.9)
    with rc_context(rc), warnings.catch_warnings():
        # without a CJK font matplotlib warns once per missing glyph; cjk_font() has said it once already
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig = Figure(figsize=(width_mm / 25.4, height_in))
        ax = fig.add_subplot()
        ordered = list(reversed(bars))  # barh draws bottom-up
        values = [b.value * 100 for b in ordered]
        colors = [f"#{STATUS_FILL[b.status]}" if b.status else f"#{BAR_DEFAULT}" for b in ordered]
        ax.barh(range(len(ordered)), values, color=colors, edgecolor="#404040", linewidth=0.4, height=0.6)
        ax.set_yticks(range(len(ordered)), [b.label for b in ordered])
        top = max(values + [(reference or 0) * 100, 1.0])
        for i, v in enumerate(values):
            ax.text(v + top * 0.01, i, f"{v:.1f}%", va="center", ha="left", fontsize=9)
        if reference is not None:
            ax.axvline(reference * 100, color="#C00000", linestyle="--", linewidth=1)
            ax.text(reference * 100 + top * 0.01, len(ordered) - 0.45, f"{reference_label}{reference * 100:.1f}%",
                    color="#C00000", ha="left", va="bottom", fontsize=9)
        ax.set_xlim(0, top * 1.15)
        ax.set_ylim(-0.6, len(ordered) - 0.4 + (0.5 if reference is not None else 0))
        ax.set_xlabel(xlabel)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        svg_buf, png_buf = io.StringIO(), io.BytesIO()
        fig.savefig(svg_buf, format="svg", metadata={"Date": None})
        fig.savefig(png_buf, format="png", dpi=200)
    return Chart(_bare_svg(svg_buf.getvalue()), png_buf.getvalue(), width_mm)


def _bare_svg(svg: str) -> str:
    """The <svg> element alone, without the XML prolog and DOCTYPE, for inlining in HTML."""
    start = svg.find("<svg")
    svg = svg[start:]
    # fixed pt sizes would overflow a narrow screen; the viewBox keeps the proportions
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', svg, count=1)
