"""Versions of a table: what changed between two of them (`zhibiao diff`).

snapshot (a version read once: names, kinds, values with their cells) → match (same names, small
renames) → compare (the changes, DiffReport) → write (the changed cells coloured in NEW's copy, a 变更
sheet) and terminal (the Chinese table).
"""

from .compare import Change, DiffReport, diff_files, diff_workbooks

__all__ = ["Change", "DiffReport", "diff_files", "diff_workbooks"]
