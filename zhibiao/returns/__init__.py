"""The monthly round (月调度) and the levels below.

collect (one protected return per region) → the districts fill them → read + identity (recognise a return)
→ validate (each figure) → merge (MergeReport) → write_merge + status_sheet (进度 and 报送情况 sheets).
levels holds a lower level's own split against what the upper level allocated; lower_progress sums the lower
levels' actuals up into the upper 进度 sheet for `zhibiao progress --lower`.
"""

from .collect import Collected, collect_returns
from .findings import RoundFinding
from .levels import LevelsReport, check_levels
from .lower_progress import sum_lower_actuals
from .merge import MergeReport, merge_returns
from .write_merge import write_merge

__all__ = ["Collected", "LevelsReport", "MergeReport", "RoundFinding", "check_levels", "collect_returns", "merge_returns",
           "sum_lower_actuals", "write_merge"]
