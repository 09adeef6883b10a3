"""The bar chart's SVG written from the laid-out figure (chart_svg.py) says what matplotlib's SVG backend says:
the same bars, lines and labels in the same places (to a hundredth of a point), the same colours, font sizes,
anchors and dashes, whether the PNG was drawn first (a Word and HTML briefing) or not (HTML only)."""

from __future__ import annotations

import re

import pytest

from zhibiao.briefing.charts import Bar, Drawn, completion_chart

_TEXT = re.compile(r'<text style="([^"]*)" x="([^"]*)" y="([^"]*)"[^>]*>([^<]*)</text>')
_PATH = re.compile(r'<path d="([^"]*)"[^>]*?style="([^"]*)"')


def _texts(svg: str) -> list[tuple[str, str, float, float]]:
    found = []
    for style, x, y, body in _TEXT.findall(svg):
        style = re.sub(r"font-family: [^;]*", "", style)
        found.append((body, " ".join(sorted(style.split("; "))), float(x), float(y)))
    return sorted(found)


def _shapes(svg: str) -> list[tuple[str, tuple[float, ...]]]:
    """Filled paths (figure, axes, bars) and dashed lines, with their corner coordinates."""
    found = []
    for d, style in _PATH.findall(svg):
        if "fill: #" in style or "stroke-dasharray" in style:
            numbers = tuple(round(float(n), 2) for n in re.findall(r"-?\d+(?:\.\d+)?", d))
            colour = re.search(r"(fill: #\w+|stroke: #\w+)", style).group(1)
            found.append((colour, numbers[:8]))
    return sorted(found)


CASES = {
    "shared reference": ([Bar(f"地区{i}", 0.3 + i / 40, s) for i, s in
                          enumerate(["green", "yellow", "red", None, "green", "red"])], 0.5),
    "own references": ([Bar("吴兴区", 0.62, "green", 0.5), Bar("南浔区", 0.41, "red", 0.58),
                        Bar("德清县", 0.55, "yellow", None)], None),
    "escaped and long names": ([Bar("A&B<区>" + "很长的名字" * 12, 0.7, "green"), Bar("C区", 0.2, "red")], 0.45),
    "many regions": ([Bar(f"地区{i}", (i % 17) / 16, "yellow") for i in range(100)], 0.5),
}


@pytest.mark.parametrize("name", CASES)
def test_svg_from_the_layout_says_what_matplotlibs_svg_says(name):
    bars, reference = CASES[name]
    for png_first in (True, False):  # drawn for Word first, or for HTML only
        chart = completion_chart(bars, reference, "序时进度", "完成年度目标（%）")
        if png_first:
            assert chart.png
        ours, theirs = chart.svg, Drawn.svg.func(chart)
        assert _shapes(ours) == _shapes(theirs)
        a, b = _texts(ours), _texts(theirs)
        assert [t[:2] for t in a] == [t[:2] for t in b]
        for (_, _, x1, y1), (_, _, x2, y2) in zip(a, b):
            assert abs(x1 - x2) < 0.01 and abs(y1 - y2) < 0.05
        assert "&amp;B&lt;区&gt;" in ours if name == "escaped and long names" else True
