"""Workbooks for `make bench`: decomposition tables like the seeds, scaled up, and a 进度 sheet beside them.

Everything is seeded, so a size always gives the same file. `mix` picks the rows' kinds:
- "mixed": counts, amounts, growth rates and intensities, a sprinkle of text (the seeds' proportions);
- "uniform": one row in three a uniform rate (every region carries the city figure, like 制造业投资增长 12);
- "text": most cells written as clerks write them (150家, 1.2万, ≥12, 12左右, /).
"""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from pathlib import Path

_UNITS = [("(家)", "sum"), ("(亿元)", "sum"), ("增长(%)", "weighted"), ("(万元/亩)", "weighted"), ("(亩)", "sum")]
NOTE = "注：本表为基准测试生成的数据。"


def _split_rows(indicators: int, regions: int, mix: str, rnd: random.Random) -> list[list]:
    rows = []
    for i in range(indicators):
        unit, kind = _UNITS[i % len(_UNITS)]
        uniform = mix == "uniform" and i % 3 == 0
        if uniform:
            unit, kind = "增长(%)", "uniform"
        name = f"指标{i + 1}{unit}"
        if kind == "sum":
            values = [float(rnd.randint(1, 500)) for _ in range(regions)]
        elif kind == "uniform":
            city = float(rnd.randint(5, 15))
            values = [city] * regions
            values[rnd.randrange(regions)] = city - 1  # one region below the city figure
        else:
            values = [round(rnd.uniform(5, 15), 1) for _ in range(regions)]
        share = 0.6 if mix == "text" else 0.02
        for j in rnd.sample(range(regions), k=max(1, int(regions * share))):
            if kind == "uniform":
                continue
            v = values[j]
            values[j] = rnd.choice(["/", f"{v:g}以上", f"{v:g}", f"{v:g}左右", f"≥{v:g}", f"{v:g}家" if kind == "sum" else f"{v:g}%"])
        numbers = [v for v in values if isinstance(v, float)]
        if kind == "sum":  # one row in 7 leaves a gap, one in 5 is over-allocated
            parent = sum(numbers) + (rnd.randint(1, 50) if i % 7 == 0 else 0) - (rnd.randint(1, 50) if i % 5 == 0 else 0)
        elif kind == "uniform":
            parent = city
        else:
            parent = round(sum(numbers) / max(len(numbers), 1), 1)
        if i % 20 == 3:
            values[rnd.randrange(regions)] = ""
        rows.append([i + 1, name] + values + [parent, (i % 10) + 1, f"市经信局{i % 7 + 1}处"])
    return rows


def _actual(target, rnd: random.Random, sum_kind: bool):
    """A cumulative half-year figure for a target cell (text targets get a plain number or a blank)."""
    if isinstance(target, str):
        return None if target in ("", "/") or rnd.random() < 0.5 else round(rnd.uniform(1, 100), 1)
    if rnd.random() < 0.01:
        return None  # not reported yet
    return round(target * rnd.uniform(0.2, 0.8), 2) if sum_kind else round(target * rnd.uniform(0.85, 1.1), 2)


def generate(path: Path, indicators: int, regions: int, mix: str = "mixed", progress: bool = False, seed: int = 7) -> None:
    """Write the workbook: 任务分解 (and 进度 2023-06 and 设置 when `progress`)."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    header = ["序号", "指标名称"] + [f"地区{j + 1}" for j in range(regions)] + ["全市", "赛马权重", "责任部门"]
    rows = _split_rows(indicators, regions, mix, rnd)
    ws = wb.create_sheet("任务分解")
    ws.append(["基准测试用分解表（随机生成）"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    ws.append([])
    ws.append([NOTE])
    if progress:
        ws = wb.create_sheet("进度 2023-06")
        ws.append(["基准测试用进度表（随机生成，1-6月累计）"])
        ws.append(header[:-2])
        for row in rows:
            sum_kind = _UNITS[(row[0] - 1) % len(_UNITS)][1] == "sum"
            ws.append(row[:2] + [_actual(v, rnd, sum_kind) for v in row[2:-2]])
        settings = wb.create_sheet("设置")
        for line in (["项目", "值"], ["亮灯规则", "标准"], ["赛马计分", "争先进位"], ["序时进度", "按月"]):
            settings.append(line)
    wb.save(path)
    with_dimensions(path)


_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"')


def with_dimensions(path: Path) -> None:
    """Give every sheet the `<dimension ref="A1:…"/>` that Excel, WPS, LibreOffice and openpyxl's ordinary writer
    put before the cells. openpyxl's streaming writer (used here for speed) leaves it out; zhibiao's size check
    then has to inflate a large sheet once more before reading it (bench_check's "-nodim" sizes show that cost),
    which no file a clerk saves would ask for."""
    from zhibiao.grid import column_index, column_letter

    tmp = path.with_suffix(".dim.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet") and b"<dimension" not in data:
                refs = _CELL.findall(data)
                if refs:
                    last_row = max(int(r) for _, r in refs)
                    letters = column_letter(max(column_index(c.decode()) for c in {c for c, _ in refs}))
                    at = data.index(b"<sheetViews") if b"<sheetViews" in data else data.index(b"<sheetData")
                    data = data[:at] + b'<dimension ref="A1:%s%d"/>' % (letters.encode(), last_row) + data[at:]
            dst.writestr(info.filename, data)
    shutil.move(tmp, path)


def cached(folder: Path, indicators: int, regions: int, mix: str = "mixed", progress: bool = False) -> Path:
    """The generated workbook in a cache folder, built on first use."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench_v5_{mix}{'_progress' if progress else ''}_{indicators}x{regions}.xlsx"
    if not path.exists():
        generate(path, indicators, regions, mix, progress)
    return path
