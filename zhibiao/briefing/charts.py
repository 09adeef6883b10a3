"""Charts for the briefing and reports: a bar chart of completion by region, as SVG (text kept as text) and PNG."""

from __future__ import annotations

import io
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from .fonts import cjk_font

# the lights' colours, shared with the tables (hex without '#', as Word wants them)
STATUS_FILL = {"green": "92D050", "yellow": "FFD966", "red": "FF7F7F", None: "D9D9D9"}
BAR_DEFAULT = "5B7DB1"
# the body of an A4 page under GB/T 9704 margins (297 − 37 − 35 mm), less a caption's lines
COLUMN_HEIGHT_IN = (297 - 37 - 35) / 25.4 - 0.6
MIN_FONT_PT = 5.0


@dataclass(frozen=True)
class Bar:
    """One region's bar: its value as a fraction and the light that colours it."""

    label: str
    value: float  # a fraction: 0.583 for 58.3%
    status: str | None = None
    reference: float | None = None  # this bar's own 序时进度, when the regions' schedules differ


def _short(label: str, most: int = 40) -> str:
    """An axis label that leaves the bars room: at most `most` characters, cut with an ellipsis."""
    return label if len(label) <= most else label[:most - 1] + "…"


def completion_chart(bars: list[Bar], reference: float | None, reference_label: str, xlabel: str) -> "Chart":
    """Horizontal bars, best on top, with a dashed line at the reference (序时进度); drawn when first shown."""
    return Chart(list(bars), reference, reference_label, xlabel)


class Drawn:
    """A laid-out figure (`_figure`, at `dpi`) in both forms, each drawn when first asked for."""

    dpi = 200

    @cached_property
    def svg(self) -> str:
        buf = io.StringIO()
        with _drawing():
            self._figure.savefig(buf, format="svg", metadata={"Date": None})
        return _bare_svg(buf.getvalue())

    @cached_property
    def png(self) -> bytes:
        """Drawn as savefig draws a PNG, the pixels written as RGB when none is transparent (a chart never has
        one) at zlib level 3: the same picture in 15% fewer bytes, encoded in two thirds of the time of
        matplotlib's RGBA at PIL's level 6 (0.06 s for 100 regions), with matplotlib's dpi and Software note."""
        import matplotlib
        from PIL import Image
        from PIL.PngImagePlugin import PngInfo

        with _drawing():
            self._figure.savefig(_Discard(), format="rgba", dpi=self.dpi)  # drawn; its pixels read in place below
        renderer = self._figure.canvas.get_renderer()
        size = (int(renderer.width), int(renderer.height))
        image = Image.frombuffer("RGBA", size, renderer.buffer_rgba(), "raw", "RGBA", 0, 1)
        if image.getextrema()[3] == (255, 255):
            image = image.convert("RGB")
        info = PngInfo()
        info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=3, dpi=(self.dpi, self.dpi), pnginfo=info)
        return buf.getvalue()


class _Discard(io.RawIOBase):
    """A file that keeps nothing: savefig's copy of the pixels the renderer holds anyway (8 MB for 100 regions)."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return memoryview(data).nbytes


class Chart(Drawn):
    """One chart in both forms, inline SVG for HTML and PNG for Word, each made on first use.

    One figure, laid out once, serves both: a context that is only listed (--context) draws nothing, an HTML
    report draws no PNG, a Word report no SVG. The PNG is 150 mm wide at 200 dpi, as printed in an A4 column.
    """

    width_mm = 150.0
    dpi = 200  # Word's "print" picture quality is 220 ppi; 200 keeps 5 pt labels sharp on paper

    def __init__(self, bars: list[Bar], reference: float | None, reference_label: str, xlabel: str):
        self.bars, self.reference, self.reference_label, self.xlabel = bars, reference, reference_label, xlabel
        # one 序时进度 line for every bar (else each bar has its own mark)
        self.shared_reference = all(b.reference is None for b in bars)

    @cached_property
    def svg(self) -> str:
        """Written from the figure as laid out at the PNG's resolution (chart_svg.py), not drawn again at 72 dpi."""
        from .chart_svg import bar_chart_svg

        fig = self._figure
        with _drawing():
            if "png" not in self.__dict__:  # not drawn yet: ticks and labels placed as drawing the PNG places them
                fig.draw_without_rendering()
            return bar_chart_svg(fig)

    def to_json(self) -> dict:
        """What `zhibiao report --context` shows for a chart: that it is one, and how wide it prints."""
        return {"chart": "图表（HTML 中为 SVG，Word 中为图片）", "width_mm": self.width_mm}

    @cached_property
    def _figure(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        bars, reference = self.bars, self.reference
        # one bar per region, 0.34 in apart, up to the height of an A4 text column; beyond that (dozens of
        # regions) the bars and their labels close up, so the chart still prints on one page
        pitch = min(0.34, (COLUMN_HEIGHT_IN - 0.9) / max(len(bars), 1))
        height_in = max(1.6, pitch * len(bars) + 0.9)
        small = max(MIN_FONT_PT, min(9.0, pitch * 72 * 0.8))  # bar labels: 9 pt while there is room
        with _drawing():
            # at the PNG's resolution, on an Agg canvas of its own: the layout below measures the labels with the
            # renderer the PNG is then drawn with, so each label is measured once for both
            fig = Figure(figsize=(self.width_mm / 25.4, height_in), dpi=self.dpi)
            FigureCanvasAgg(fig)
            ax = fig.add_subplot()
            ordered = list(reversed(bars))  # barh draws bottom-up
            values = [b.value * 100 for b in ordered]
            colors = [f"#{STATUS_FILL[b.status]}" if b.status else f"#{BAR_DEFAULT}" for b in ordered]
            ax.barh(range(len(ordered)), values, color=colors, edgecolor="#404040", linewidth=0.4, height=0.6)
            ax.set_yticks(range(len(ordered)), [_short(b.label) for b in ordered])
            if small < 9.0:
                ax.tick_params(axis="y", labelsize=small)
            own = [b.reference * 100 if b.reference is not None else None for b in ordered]
            lines = [reference * 100] if reference is not None else []
            top = max(values + lines + [r for r in own if r is not None] + [1.0])
            pad, label_width = top * 0.01, top * 0.1 * small / 9  # a 9 pt "45.6%" spans about a tenth of the axis
            for i, v in enumerate(values):
                marks = lines + ([own[i]] if own[i] is not None else [])
                x = v + pad
                # a label never sits under a 序时 line: it moves to the line's right
                for line in marks:
                    if x < line + pad and x + label_width > line - pad:
                        x = line + pad * 2
                ax.text(x, i, f"{v:.1f}%", va="center", ha="left", fontsize=small)
            if reference is not None:
                ax.axvline(reference * 100, color="#C00000", linestyle="--", linewidth=1)
                ax.text(reference * 100 + pad, len(ordered) - 0.45, f"{self.reference_label}{reference * 100:.1f}%",
                        color="#C00000", ha="left", va="bottom", fontsize=9)
            for i, r in enumerate(own):  # each region's own schedule, a short dashed mark across its bar
                if r is not None:
                    ax.plot([r, r], [i - 0.42, i + 0.42], color="#C00000", linestyle="--", linewidth=1)
            top = max(top, max((x.get_position()[0] for x in ax.texts), default=0) + label_width)
            ax.set_xlim(0, top * 1.15)
            ax.set_ylim(-0.6, len(ordered) - 0.4 + (0.5 if reference is not None else 0))
            ax.set_xlabel(self.xlabel)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            fig.tight_layout()
            laid_out(fig)
        return fig


def laid_out(fig) -> None:
    """The figure keeps the layout tight_layout gave it: no layout engine left for savefig to run again.

    tight_layout leaves a placeholder engine behind, and savefig then draws the whole figure once more before
    drawing it for real (every label measured again; for the SVG at 72 dpi) only to run that engine, which does
    nothing. Without an engine the file is drawn once, the same file."""
    fig.set_layout_engine(None)


@contextmanager
def _drawing():
    """matplotlib's settings for our charts (CJK font, text kept as text in SVG), and its notes silenced."""
    from matplotlib import rc_context

    font = cjk_font()
    rc = {
        "svg.fonttype": "none",  # text stays text: searchable, selectable, sharp when printed
        "svg.hashsalt": "zhibiao",  # stable ids, so the same data gives the same file
        "font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
        "font.size": 10,
        "axes.unicode_minus": False,
    }
    with rc_context(rc), warnings.catch_warnings():
        # without a CJK font matplotlib warns once per missing glyph; cjk_font() has said it once already
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        # a name longer than the page is wide: the label is cut below, and layout notes are not the clerk's business
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        yield


def _bare_svg(svg: str) -> str:
    """The <svg> element alone, without the XML prolog and DOCTYPE, for inlining in HTML."""
    start = svg.find("<svg")
    svg = svg[start:]
    # fixed pt sizes would overflow a narrow screen; the viewBox keeps the proportions
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 width="100%"', svg, count=1)
