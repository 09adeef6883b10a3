"""The page every report is laid out on: A4 with GB/T 9704's margins (28 mm left, 26 mm right), in millimetres,
and twips (1/20 pt) for Word's table widths. The template builders (reports/) and the renderers share it."""

from __future__ import annotations

TEXT_WIDTH_MM = 156.0  # 210 - 28 - 26: the type area's width (版心)


def twips(mm: float) -> int:
    """Millimetres in twips, as Word's w:w widths take them."""
    return round(mm * 1440 / 25.4)
