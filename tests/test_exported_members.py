"""The public API is a curated list."""

import zhibiao


def test_public_names_are_pinned():
    assert sorted(zhibiao.__all__) == sorted([
        "CODES", "Bound", "Direction", "Finding", "Grid", "IndicatorResult", "InputError", "Kind", "KindInfo",
        "NoTableFound", "Report", "Severity", "Table", "TableKind", "Target", "UnreadableFile", "UsageError",
        "ValueType", "Workbook", "ZhibiaoError", "check_file", "check_workbook", "detect_table", "find_tables",
        "infer_direction", "infer_kind", "parse_target", "read_workbook",
        "ProgressReport", "RankRow", "Status", "progress_file", "progress_workbook",
    ])
    for name in zhibiao.__all__:
        assert hasattr(zhibiao, name), name


def test_every_code_has_a_severity_and_chinese_template():
    for code, (severity, template) in zhibiao.CODES.items():
        assert severity in ("error", "warning", "info") and any("\u4e00" <= ch <= "\u9fff" for ch in template), code
