"""What every report kind shares: fonts, colours, the issuing line, the 版记; and the per-period lookups."""

from __future__ import annotations

import datetime as dt

from ..settings import Settings
from .charts import STATUS_FILL
from .context import RED, _fonts, issue_date

LIGHT_WORD = {"green": "绿", "yellow": "黄", "red": "红"}


YES = ("是", "1", "true", "True", "TRUE", "yes", "Y", "y")
NONE = ("无", "/", "-", "—", "－")  # 设置 → 报送 / 抄送 that print no line (a blank cell means the default)


def page(settings: Settings, today: dt.date, title: str, kind: str | None = None) -> dict:
    """header, footer, fonts, colours and fills: the parts of the context every kind places the same way.

    red_header: 设置 → {kind}红头 (月报红头, 年报红头); the 版头 shows header.mark, the issuing body (设置 → 发文机关标志,
    else 编发单位). footer.lines: the 版记's 报送 / 抄送 lines (设置 “无” leaves one out)."""
    date = issue_date(settings, today)
    issuer = settings.text("编发单位")
    send_to, copy_to = settings.text("报送"), settings.text("抄送")
    return {
        "header": {"title": title, "issue": f"第{settings.text('期号')}期" if settings.text("期号") else "",
                   "issuer": issuer, "date": date, "mark": settings.text("发文机关标志") or issuer},
        "red_header": bool(kind) and settings.text(f"{kind}红头") in YES,
        "footer": {"send_to": send_to, "copy_to": copy_to, "issuer": issuer, "date": date,
                   "lines": [f"{word}：{text}" for word, text in (("报送", send_to), ("抄送", copy_to))
                          if text and text not in NONE]},
        "fonts": _fonts(settings),
        "colors": {"red": RED},
        "fills": {light: STATUS_FILL[light] for light in ("green", "yellow", "red")},
    }


def light_cell(text: str, light: str | None) -> dict:
    """A table cell coloured by its light."""
    return {"text": text, "status": light or "none", "light": LIGHT_WORD.get(light, ""),
            "fill": STATUS_FILL[light] if light else "FFFFFF"}


def key_indicators(settings: Settings, parent_statuses: list, limit: int = 4) -> list:
    """The indicators the 总体运行 leads with: 设置 → 重点指标 (names separated by 、，,), else the first lit ones."""
    wanted = [w.strip() for w in settings.text("重点指标").replace("，", "、").replace(",", "、").split("、") if w.strip()]
    lit = [s for s in parent_statuses if s.status]
    if wanted:
        chosen = [s for w in wanted for s in lit if w in (s.indicator, s.display_name) or s.indicator.startswith(w)]
        if chosen:
            return list(dict.fromkeys(chosen))[:max(limit, len(wanted))]
    # the first rates and the first cumulative figures (those have a 序时 line to show), in the sheet's order
    half = limit // 2
    rates = [s for s in lit if s.kind != "sum"]
    sums = [s for s in lit if s.kind == "sum"]
    chosen = set(map(id, rates[:half] + sums[:limit - min(half, len(rates))]))
    chosen |= set(map(id, rates[:limit - len(chosen & set(map(id, sums)))]))
    return [s for s in lit if id(s) in chosen][:limit]
