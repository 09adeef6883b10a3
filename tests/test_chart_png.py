"""The charts' PNG: the picture matplotlib's savefig writes, pixel for pixel, in fewer bytes (RGB at zlib level 3)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from zhibiao.briefing.charts import Bar, _drawing, completion_chart

CASES = {
    "shared reference": ([Bar(f"地区{i}", 0.3 + i / 40, s) for i, s in
                          enumerate(["green", "yellow", "red", None, "green", "red"])], 0.5),
    "own references": ([Bar("吴兴区", 0.62, "green", 0.5), Bar("南浔区", 0.41, "red", 0.58)], None),
    "many regions": ([Bar(f"地区{i}", (i % 17) / 16, "yellow") for i in range(100)], 0.5),
}


def _savefig_png(chart) -> bytes:
    buf = io.BytesIO()
    with _drawing():
        chart._figure.savefig(buf, format="png", dpi=chart.dpi)
    return buf.getvalue()


@pytest.mark.parametrize("name", CASES)
def test_the_png_is_savefigs_picture(name):
    bars, reference = CASES[name]
    ours = Image.open(io.BytesIO(completion_chart(bars, reference, "序时进度", "完成率（%）").png))
    theirs = Image.open(io.BytesIO(_savefig_png(completion_chart(bars, reference, "序时进度", "完成率（%）"))))
    assert ours.mode == "RGB" and theirs.mode == "RGBA"
    assert ours.size == theirs.size and ours.info == theirs.info  # dpi and matplotlib's Software note
    assert (np.asarray(ours.convert("RGBA")) == np.asarray(theirs)).all()


def test_a_transparent_pixel_keeps_the_alpha_channel():
    chart = completion_chart(CASES["own references"][0], None, "序时进度", "完成率（%）")
    chart._figure.patch.set_alpha(0.5)
    ours = Image.open(io.BytesIO(chart.png))
    assert ours.mode == "RGBA"
    assert (np.asarray(ours) == np.asarray(Image.open(io.BytesIO(_savefig_png(chart))))).all()
