"""A trend line per key indicator over the year's 进度 sheets, with the 序时 (or target) line; drawn only when asked for."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from functools import cached_property

from .charts import _bare_svg
from .fonts import cjk_font


@dataclass
class Trend:
    """One indicator's line: months on x; the figure (completion % or the rate itself) and its reference."""

    title: str
    months: list[int]
    values: list[float | None]
    reference: list[float | None]
    value_label: str
    reference_label: str

    def to_json(self) -> dict:
        return {"title": self.title, "months": self.months, "values": self.values, "reference": self.reference,
                "value_label": self.value_label, "reference_label": self.reference_label}


@dataclass
class TrendChart:
    """Up to four trends as small panels, two to a row; SVG and PNG made on first use (an HTML report draws no PNG)."""

    trends: list[Trend]
    width_mm: float = 156.0
    shared_reference: bool = field(default=True)

    def to_json(self) -> dict:
        return {"trends": [t.to_json() for t in self.trends]}

    @cached_property
    def svg(self) -> str:
        return self._render("svg")

    @cached_property
    def png(self) -> bytes:
        return self._render("png")

    def _render(self, fmt: str):
        from matplotlib import rc_context
        from matplotlib.figure import Figure

        font = cjk_font()
        rc = {"svg.fonttype": "none", "svg.hashsalt": "zhibiao",
              "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "font.size": 10,
              "axes.unicode_minus": False}
        with rc_context(rc), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
            rows = (len(self.trends) + 1) // 2
            fig = Figure(figsize=(self.width_mm / 25.4, 2.1 * rows))
            axes = fig.subplots(rows, 2, squeeze=False).flatten()
            for ax, trend in zip(axes, self.trends):
                _panel(ax, trend)
            for ax in axes[len(self.trends):]:
                ax.set_visible(False)
            fig.tight_layout()
            if fmt == "svg":  # the HTML draws only the SVG, Word only the PNG
                buf = io.StringIO()
                fig.savefig(buf, format="svg", metadata={"Date": None})
                return _bare_svg(buf.getvalue())
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=160)
            return buf.getvalue()


def _panel(ax, trend: Trend) -> None:
    xs = [m for m, v in zip(trend.months, trend.values) if v is not None]
    ys = [v for v in trend.values if v is not None]
    ax.plot(xs, ys, marker="o", color="#1F4E79", linewidth=1.6, label=trend.value_label)
    for x, y in zip(xs, ys):
        ax.annotate(f"{y:.1f}", (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    rx = [m for m, v in zip(trend.months, trend.reference) if v is not None]
    ry = [v for v in trend.reference if v is not None]
    if ry:
        ax.plot(rx, ry, linestyle="--", color="#C00000", linewidth=1, label=trend.reference_label)
    ax.set_xticks(trend.months, [f"{m}月" for m in trend.months])
    ax.set_xlim(min(trend.months) - 0.5, max(trend.months) + 0.5)
    low = min(ys + ry + [0.0])
    ax.set_ylim(low, max(ys + ry + [1.0]) * 1.18)
    ax.set_title(trend.title, fontsize=9)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
