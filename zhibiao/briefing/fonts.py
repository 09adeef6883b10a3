"""Find a CJK font among the system's fonts for charts; warn clearly when there is none."""

from __future__ import annotations

import warnings
from functools import lru_cache

# preferred first: the fonts a bureau PC has, then the free ones Linux distributions ship
PREFERRED = (
    "Microsoft YaHei", "SimHei", "SimSun", "DengXian", "PingFang SC", "Heiti SC", "Songti SC",
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei", "Noto Serif CJK SC", "Droid Sans Fallback", "AR PL UMing CN",
)
_PROBE = "湖州序时进度完成率"


class NoCJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found: chart labels would show as boxes."""


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a system font that has Chinese glyphs, or None (with a warning)."""
    from matplotlib import font_manager

    entries = font_manager.fontManager.ttflist
    names = {f.name for f in entries}
    for name in PREFERRED:
        if name in names:
            return name
    # any other installed font that covers the probe text
    for entry in entries:
        # Last Resort maps every character to a placeholder box: exactly the tofu we must avoid
        if not entry.name.startswith("Last Resort") and _covers(entry.fname):
            return entry.name
    warnings.warn(
        "未找到中文字体，简报图表中的中文将无法显示。请安装中文字体（如 Debian/Ubuntu 的 fonts-noto-cjk "
        "或 fonts-wqy-microhei，Windows 自带微软雅黑/黑体）后重试。",
        NoCJKFontWarning, stacklevel=2,
    )
    return None


def _covers(path: str) -> bool:
    try:
        from matplotlib.ft2font import FT2Font

        font = FT2Font(path)
        return all(font.get_char_index(ord(ch)) for ch in _PROBE)
    except Exception:  # an unreadable font file is simply not a candidate
        return False
