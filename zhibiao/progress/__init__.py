"""Progress against the split: 序时进度, 红黄绿 lights and the 赛马 ranking.

period (which 进度 sheet, which month) → rules (设置: presets, schedules) → match (rows and regions of the
进度 sheet against the split's targets) → status (one light per indicator × region) → rank (赛马) →
report (ProgressReport, progress_file) → write (the write-back plan) and terminal (the rich table).
"""

from .period import Period, parse_period
from .report import ProgressReport, progress_file, progress_workbook
from .rank import STEP, RankRow, places
from .rules import METHODS, MONTHLY, PRESETS, Bands, Rules, Schedule, ScheduleError, load_rules, parse_schedule
from .status import Status


def __getattr__(name: str):
    """plan_progress loads the write-back modules only when asked for."""
    if name == "plan_progress":
        from .write import plan_progress

        return plan_progress
    raise AttributeError(f"module 'zhibiao.progress' has no attribute {name!r}")


# the generic parts (periods, schedules, bands, places in a race) are public: zhibiao.projects builds on them
__all__ = ["METHODS", "MONTHLY", "PRESETS", "STEP", "Bands", "Period", "ProgressReport", "RankRow", "Rules", "Schedule",
           "ScheduleError", "Status", "load_rules", "parse_period", "parse_schedule", "places", "plan_progress",
           "progress_file", "progress_workbook"]
