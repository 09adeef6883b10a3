"""Read .xlsx/.xlsm values with python-calamine (fast), merged ranges included."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .. import steps
from ..errors import UnreadableFile
from ..grid import Grid, Workbook
from .inflate import chunks, may_hold_formula
from .limits import check_xlsx, Scanned
from .xlsx_formulas import resolve, uncached_formulas as formulas_without_values
from .xlsx_parts import sheet_parts
from .xlsx_styles import percent_cells


def read(path: Path) -> Workbook:
    """Read every worksheet of a workbook (hidden ones marked as such)."""
    try:
        import python_calamine as pc
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise UnreadableFile("缺少 python-calamine，请执行 pip install python-calamine") from exc
    scanned = check_xlsx(path)  # before calamine allocates a sheet from A1 to its last cell
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise UnreadableFile(f"无法读取工作簿（文件损坏、加密或不是 Excel 文件）：{path.name}") from exc
    probe = FormulaProbe(path, scanned)
    grids = []
    name = None
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            name = meta.name
            steps.begin(f"正在读取 {name}")
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            grids.append(Grid(meta.name, rows, merges, hidden=hidden,
                              percent_source=partial(percent_cells, path, meta.name)))
    except Exception as exc:
        # the parser's reason is English and about XML (unrecognized entity …); the clerk needs what to do
        where = f"工作表“{name}”" if name else "工作簿"
        raise UnreadableFile(f"{path.name} 的{where}已损坏，无法读取：请在 Excel/WPS 中打开后另存为新文件再试") from exc
    finally:
        book.close()
    resolve(grids, probe.uncached())
    return Workbook(path, grids, "xlsx", formula_sheets=probe.result)


class FormulaProbe:
    """Which sheets hold any formula, and their formulas without saved values, found in a background thread
    while calamine parses.

    A formula without a cached value reads as blank: the reader works out the simple ones (xlsx_formulas)
    and explains the rest. Parts the size check has already read through (`scanned`: part -> may hold a
    formula) are not inflated again when they hold none; with nothing left to look at, no thread is started.
    Otherwise the inflater (inflate.py) releases the GIL, so on a second core the scan costs the caller little;
    a sheet without formulas is read only up to its end, one memchr-speed search per chunk.
    """

    def __init__(self, path: Path, scanned: Scanned | None = None):
        import threading

        self.path, self.sheets, self.failed = path, set(), False
        self.missing: dict[str, dict[tuple[int, int], str]] = {}
        self.thread = None
        parts = scanned.parts if scanned is not None else None
        if parts is not None:
            parts = {name: part for name, part in parts.items() if scanned.formulas.get(part, True)}
        if parts is None or parts:  # None: not known yet, the thread finds them
            self.thread = threading.Thread(target=self._scan, args=(parts,), daemon=True)
            self.thread.start()

    def _scan(self, parts: dict[str, str] | None) -> None:
        import zipfile

        try:
            with zipfile.ZipFile(self.path) as archive:
                for name, part in (sheet_parts(archive) if parts is None else parts).items():
                    stream = chunks(archive, archive.getinfo(part))
                    tail = b""
                    for chunk in stream:
                        if tail[-1:] == b"<" and chunk[:1] == b"f" or may_hold_formula(chunk):
                            self.sheets.add(name)
                            xml = b"".join([tail, chunk, *stream])
                            if found := formulas_without_values(xml):
                                self.missing[name] = found
                            break
                        tail = chunk[-65536:]  # the cell around a formula that starts a chunk
        except Exception:  # unreadable here means calamine has already said so, or will
            self.failed = True

    def result(self) -> set[str]:
        if self.thread is not None:
            self.thread.join()
        return self.sheets

    def uncached(self) -> dict[str, dict[tuple[int, int], str]]:
        """Sheet -> (row, col) -> formula text of the formulas that have no saved value."""
        if self.thread is not None:
            self.thread.join()
        return self.missing


def uncached_formulas(path: Path, sheet: str, refs: set[str]) -> set[str]:
    """Which of these cells (A1 refs) hold a formula without a cached value (read as blank otherwise)."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_parts(archive).get(sheet)
            if part is None:
                return set()
            xml = archive.read(part)
    except (OSError, KeyError, zipfile.BadZipFile):
        return set()
    if b"<f" not in xml:  # the common case: no formulas at all, one C-speed scan
        return set()
    found = set()
    for ref in refs:
        start = xml.find(b'<c r="%s"' % ref.encode())
        if start < 0:
            continue
        head_end = xml.find(b">", start)
        if xml[head_end - 1:head_end] == b"/":
            continue  # an empty <c …/>
        body = xml[head_end + 1:xml.find(b"</c>", head_end)]
        if b"<f" in body and not re.search(rb"<v>[^<]+</v>", body):
            found.add(ref)
    return found
