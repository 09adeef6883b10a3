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


NO_CJK_FONT = ("未找到中文字体，简报图表中的中文将无法显示。请安装中文字体（如 Debian/Ubuntu 的 fonts-noto-cjk "
               "或 fonts-wqy-microhei，Windows 自带微软雅黑/黑体）后重试。")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a system font that has Chinese glyphs, or None (with one warning)."""
    from matplotlib import font_manager

    found = _find(font_manager.fontManager.ttflist)
    if found is None:
        # matplotlib keeps its font list in a cache written the first time it ran: a font installed
        # since then (apt-get install fonts-noto-cjk after a first try) is only on the system's list
        known = {f.fname for f in font_manager.fontManager.ttflist}
        for path in system_fonts():
            if path not in known:
                try:
                    font_manager.fontManager.addfont(path)
                except Exception:  # an unreadable font file is simply not a candidate
                    continue
        found = _find(font_manager.fontManager.ttflist)
    if found is None:
        warnings.warn(NO_CJK_FONT, NoCJKFontWarning, stacklevel=2)
    return found


def system_fonts() -> list[str]:
    """The font files the system has (fontconfig's list where there is one)."""
    from matplotlib import font_manager

    try:
        return font_manager.findSystemFonts()
    except Exception:  # no font directory at all
        return []


def _find(entries) -> str | None:
    names = {f.name for f in entries}
    for name in PREFERRED:
        if name in names:
            return name
    # any other installed font that covers the probe text
    for entry in entries:
        # Last Resort maps every character to a placeholder box: exactly the tofu we must avoid
        if not entry.name.startswith("Last Resort") and _covers(entry.fname):
            return entry.name
    return None


def missing_families(families: list[str]) -> list[str] | None:
    """Which of these font families the system lacks (None when it cannot tell: no fontconfig)."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listing = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    installed = {name.strip().casefold() for line in listing.splitlines() for name in line.split(",")}
    return [f for f in dict.fromkeys(families) if f and f.casefold() not in installed]


def _covers(path: str) -> bool:
    try:
        from matplotlib.ft2font import FT2Font

        font = FT2Font(path)
        return all(font.get_char_index(ord(ch)) for ch in _PROBE)
    except Exception:  # an unreadable font file is simply not a candidate
        return False


def substitutes(families: list[str]) -> list[tuple[str, str]]:
    """(font asked for, font this system shows instead) for each of these families it lacks (fontconfig only)."""
    import shutil
    import subprocess

    missing = missing_families(families)
    fc_match = shutil.which("fc-match")
    out = []
    for family in missing or []:
        shown = ""
        if fc_match:
            try:
                shown = subprocess.run([fc_match, "-f", "%{family[0]}", f"{family}:lang=zh-cn"], capture_output=True,
                                       text=True, timeout=20).stdout.strip()
            except (OSError, subprocess.SubprocessError):
                shown = ""
        out.append((family, shown or "系统默认字体"))
    return out


def substitution_note(families: list[str]) -> str | None:
    """One line naming the briefing fonts this system lacks and what shows instead (None when all are here)."""
    found = substitutes(families)
    if not found:
        return None
    said = "、".join(f"{asked}（以 {shown} 代替）" for asked, shown in found)
    return (f"本机没有简报字体 {said}：在本机查看或转成 PDF 时字形会不同；在装有这些字体的电脑上打开即按设置显示，"
            "字体可在“设置”表中修改。")

