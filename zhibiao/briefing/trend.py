"""A trend line per key indicator over the year's 进度 sheets, with the 序时 (or target) line; drawn only when asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .charts import Drawn, _drawing, laid_out
from .paper import TEXT_WIDTH_MM


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
class TrendChart(Drawn):
    """Up to four trends as small panels, two to a row; SVG and PNG made on first use (an HTML report draws no PNG)."""

    dpi = 160

    trends: list[Trend]
    width_mm: float = TEXT_WIDTH_MM
    shared_reference: bool = field(default=True)

    def to_json(self) -> dict:
        return {"trends": [t.to_json() for t in self.trends]}

    @cached_property
    def _figure(self):
        """One figure for both forms (the HTML draws only the SVG, Word only the PNG), laid out once."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        with _drawing():
            rows = (len(self.trends) + 1) // 2
            fig = Figure(figsize=(self.width_mm / 25.4, 2.1 * rows), dpi=self.dpi)
            FigureCanvasAgg(fig)  # the layout measures the labels with the renderer the PNG is drawn with
            axes = fig.subplots(rows, 2, squeeze=False).flatten()
            for ax, trend in zip(axes, self.trends):
                _panel(ax, trend)
            for ax in axes[len(self.trends):]:
                ax.set_visible(False)
            fig.tight_layout()
            laid_out(fig)
        return fig


def _panel(ax, trend: Trend) -> None:
    xs = [m for m, v in zip(trend.months, trend.values) if v is not None]
    ys = [v for v in trend.values if v is not None]
    ax.plot(xs, ys, marker="o", color="#1F4E79", linewidth=1.6, label=trend.value_label)
    crowded = len(trend.months) > 6  # a half-width panel holds six "N月" labels and six values, not twelve
    for x, y in list(zip(xs, ys))[-1:] if crowded else zip(xs, ys):  # crowded: the latest value only
        ax.annotate(f"{y:.1f}", (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
    rx = [m for m, v in zip(trend.months, trend.reference) if v is not None]
    ry = [v for v in trend.reference if v is not None]
    if ry:
        ax.plot(rx, ry, linestyle="--", color="#C00000", linewidth=1, label=trend.reference_label)
    ax.set_xticks(trend.months, [str(m) if crowded else f"{m}月" for m in trend.months])
    if crowded:
        ax.set_xlabel("月份", fontsize=8, labelpad=1)
        ax.tick_params(labelsize=8)
    ax.set_xlim(min(trend.months) - 0.5, max(trend.months) + 0.5)
    low = min(ys + ry + [0.0])
    ax.set_ylim(low, max(ys + ry + [1.0]) * 1.18)
    ax.set_title(trend.title, fontsize=9)
    ax.legend(fontsize=7, loc="lower right", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
