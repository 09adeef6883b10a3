"""Text in terminal columns: wraps between Chinese characters, never inside a number or a word."""

from __future__ import annotations

from zhibiao.columns import display_width, fit_code, wrap

TEXT = "全市目标2.8在各地区分解值范围内（2.5至3），需营业收入权重才能核验。各地区分解合计1000，低于全市目标1500，缺口500"


def test_wrap_keeps_numbers_whole_and_lines_within_width():
    for width in (12, 14, 20, 30):
        lines = wrap(TEXT, width)
        assert "".join(lines) == TEXT
        assert all(display_width(line) <= width for line in lines), (width, lines)
        for number in ("2.8", "2.5", "1000", "1500", "500"):
            assert any(number in line for line in lines), (width, number, lines)
        assert not any(line[0] in "，。）" for line in lines)  # a closing mark never starts a line


def test_codes_break_at_hyphens():
    assert fit_code("progress-row-missing", 11) == "progress-\nrow-missing"
    assert fit_code("pending", 4) == "pending"
