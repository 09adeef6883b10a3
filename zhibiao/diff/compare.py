"""Compare two versions of a table: what changed, as values with stable kinds (`zhibiao diff`)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..expr import YEAR, format_number, normalize_text
from ..formats import read_workbook
from ..grid import Workbook
from .match import pair
from .snapshot import Entry, Snapshot, Value, snapshot

# change kind -> Chinese label; the kinds are a stable interface
KIND_LABEL = {
    "target-changed": "目标值变化",
    "parent-changed": "上级目标变化",
    "indicator-added": "新增指标",
    "indicator-removed": "删除指标",
    "indicator-renamed": "指标改名",
    "region-added": "新增地区",
    "region-removed": "删除地区",
    "kind-changed": "汇总方式变化",
    "responsible-changed": "责任单位变化",
}
_ADDITIVE_KINDS = ("sum", "weighted", "uniform")  # pending / qualitative follow the values, reported as such
JSON_FIELDS = ("kind", "indicator", "region", "old", "new", "old_cell", "new_cell", "message")


@dataclass
class Change:
    """One difference between the versions."""

    kind: str
    indicator: str | None
    region: str | None
    old: object
    new: object
    old_cell: str | None
    new_cell: str | None
    message: str
    old_name: str | None = None  # for a rename
    difference: float | None = None
    percent: float | None = None  # the change as a fraction of the old value
    where: tuple[str, int, int] | None = field(default=None, repr=False, compare=False)  # the cell in NEW

    def to_json(self) -> dict:
        out = {name: getattr(self, name) for name in JSON_FIELDS}
        for extra in ("old_name", "difference", "percent"):
            if getattr(self, extra) is not None:
                out[extra] = getattr(self, extra)
        return out


@dataclass
class DiffReport:
    """All changes from OLD to NEW."""

    old: Snapshot
    new: Snapshot
    changes: list[Change] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.changes else 0

    @property
    def yearly(self) -> bool:
        """Two years compared (2023 split against 2024), not two drafts of one year."""
        return self.old.year is not None and self.new.year is not None and self.old.year != self.new.year

    def summary(self) -> dict:
        by_kind: dict[str, int] = {}
        for c in self.changes:
            by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
        return {"old": self.old.source, "new": self.new.source, "old_year": self.old.year, "new_year": self.new.year,
                "identical": not self.changes, "changes": len(self.changes), "by_kind": by_kind,
                "indicators": {"old": len(self.old.entries), "new": len(self.new.entries)}}

    def headline(self) -> str:
        if not self.changes:
            return f"两个版本相同（{len(self.new.entries)}项指标）"
        parts = "，".join(f"{KIND_LABEL[k]}{n}处" for k, n in self.summary()["by_kind"].items())
        return f"共{len(self.changes)}处变更：{parts}"

    def to_json(self) -> dict:
        return {"changes": [c.to_json() for c in self.changes], "summary": self.summary()}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)


def _same(a: Value | None, b: Value | None) -> bool:
    """Equal targets: the same number (and bound, range, inclusion), or the same text; blank equals absent."""
    if a is not None and b is not None and type(a.raw) is type(b.raw) and a.raw == b.raw:
        return True  # the common case, without parsing
    if a is None or not a.text:
        return b is None or not b.text
    if b is None or not b.text:
        return False
    ta, tb = a.target, b.target
    if ta.is_number and tb.is_number:
        return (ta.type is tb.type and ta.bound is tb.bound and ta.includes == tb.includes
                and _close(ta.value, tb.value) and _close(ta.high, tb.high))
    return normalize_text(a.text) == normalize_text(b.text)


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return x is y
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)


def _shown(v: Value | None):
    """A value for the JSON: the number when it is a plain number, else the text as written."""
    if v is None or not v.text:
        return None
    t = v.target
    if t.is_number and t.type.value == "number" and t.bound.value == "exact" and not t.includes:
        return t.value
    return v.text


def _period_key(label_key: str) -> str:
    year = YEAR.search(label_key)
    return year.group(0) if year else label_key


class Comparer:
    """Builds the change list of one pair of snapshots."""

    def __init__(self, old: Snapshot, new: Snapshot):
        self.report = DiffReport(old, new)
        self.changes = self.report.changes
        self.old_regions = set(old.regions)
        self.new_regions = set(new.regions)

    def run(self) -> DiffReport:
        old, new = self.report.old, self.report.new
        for key in old.regions:
            if key not in self.new_regions:
                self.add("region-removed", None, old.regions[key], None, None, None, None,
                         f"新版本没有地区“{old.regions[key]}”")
        for key in new.regions:
            if key not in self.old_regions:
                self.add("region-added", None, new.regions[key], None, None, None, None,
                         f"新版本增加了地区“{new.regions[key]}”")
        old_by = {e.key: e for e in old.entries}
        same, renamed, removed, added = pair([e.key for e in old.entries], [e.key for e in new.entries])
        rename_of = {n: o for o, n in renamed}
        matched = {n: o for o, n in same} | rename_of
        for entry in new.entries:
            if entry.key in rename_of:
                was = old_by[rename_of[entry.key]]
                self.add("indicator-renamed", entry.name, None, was.name, entry.name, was.cell, entry.cell,
                         f"指标名称由“{was.name}”改为“{entry.name}”", old_name=was.name, where=entry.where)
            if entry.key in matched:
                self.compare(old_by[matched[entry.key]], entry)
            elif entry.key in added:
                self.add("indicator-added", entry.name, None, None, entry.name, None, entry.cell,
                         f"新增指标“{entry.name}”{self._target_text(entry)}", where=entry.where)
        for key in removed:
            entry = old_by[key]
            self.add("indicator-removed", entry.name, None, entry.name, None, entry.cell, None,
                     f"删除了指标“{entry.name}”{self._target_text(entry)}")
        return self.report

    def _target_text(self, entry: Entry) -> str:
        if entry.parent is not None and entry.parent.text:
            return f"（{self.report.new.parent_label or self.report.old.parent_label or '上级'}目标{entry.parent.text}）"
        return ""

    def compare(self, old: Entry, new: Entry) -> None:
        if old.kind != new.kind and old.kind in _ADDITIVE_KINDS and new.kind in _ADDITIVE_KINDS:
            self.add("kind-changed", new.name, None, old.kind_label, new.kind_label, old.cell, new.cell,
                     f"汇总方式由“{old.kind_label}”变为“{new.kind_label}”", where=new.where)
        if normalize_text(old.responsible or "") != normalize_text(new.responsible or ""):
            self.add("responsible-changed", new.name, None, old.responsible, new.responsible, old.cell, new.cell,
                     f"责任单位由“{old.responsible or '（空）'}”变为“{new.responsible or '（空）'}”", where=new.where)
        if (old.parent is not None or new.parent is not None) and not _same(old.parent, new.parent):
            label = self.report.new.parent_label or self.report.old.parent_label or "上级"
            self.value_change("parent-changed", new, label, old.parent, new.parent)
        for key, value in new.regions.items():
            if key in self.old_regions and not _same(old.regions.get(key), value):
                self.value_change("target-changed", new, new.region_labels[key], old.regions.get(key), value)
        old_periods = {_period_key(k): v for k, v in old.periods.items()}
        for key, value in new.periods.items():
            pkey = _period_key(key)
            if pkey in old_periods and not _same(old_periods[pkey], value):
                self.value_change("target-changed", new, new.period_labels[key], old_periods[pkey], value)

    def value_change(self, kind: str, entry: Entry, region: str, old: Value | None, new: Value | None) -> None:
        before, after = (old.text if old else "") or "（空）", (new.text if new else "") or "（空）"
        difference = percent = None
        tail = ""
        if old is not None and new is not None and old.target.is_number and new.target.is_number:
            difference = new.target.value - old.target.value
            decimals = max(old.target.decimals, new.target.decimals)
            if old.target.value:
                percent = difference / abs(old.target.value)
            if self.report.yearly:
                grow = "增长" if difference >= 0 else "下降"
                tail = f"（同比{grow}{format_number(abs(percent) * 100, 1)}%）" if percent is not None else ""
            else:
                verb = "增加" if difference >= 0 else "减少"
                pct = f"，{'+' if difference >= 0 else '-'}{format_number(abs(percent) * 100, 1)}%" if percent is not None else ""
                tail = f"（{verb}{format_number(abs(difference), decimals)}{pct}）"
        years = self.report.yearly
        old_year = f"{self.report.old.year}年" if years else ""
        new_year = f"{self.report.new.year}年" if years else ""
        message = f"{region}：{old_year}{before} → {new_year}{after}{tail}"
        self.add(kind, entry.name, region, _shown(old), _shown(new), old.cell if old else None,
                 new.cell if new else None, message, difference=difference, percent=percent,
                 where=new.where if new else entry.where)

    def add(self, kind, indicator, region, old, new, old_cell, new_cell, message, **extra) -> None:
        self.changes.append(Change(kind, indicator, region, old, new, old_cell, new_cell, message, **extra))


def diff_workbooks(old: Workbook, new: Workbook, sheet: str | None = None) -> DiffReport:
    """Compare two already-read workbooks (each read into a snapshot once)."""
    return Comparer(snapshot(old, sheet), snapshot(new, sheet)).run()


def diff_files(old: str | Path, new: str | Path, sheet: str | None = None) -> DiffReport:
    """Read two versions (any format the reader takes) and compare them."""
    return diff_workbooks(read_workbook(old), read_workbook(new), sheet)
