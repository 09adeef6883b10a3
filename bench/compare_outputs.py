"""Run zhibiao from two source trees on the same workbooks and compare what they produce.

    python bench/compare_outputs.py OLD_TREE NEW_TREE [WORKBOOK ...] [--import-only]

Per workbook (default: the bundled examples and the 100 × 100 benchmark workbook with its 进度 sheet):
the template `import` makes of it (every part but docProps; with --import-only nothing else), `check --json`, `progress --json` (when there is a 进度 sheet), the workbooks `check --write` and
`progress --write` produce (every part but docProps, i.e. sheet XML, shared strings, styles, comments),
a second write over the first (the undo path), the briefing's word/document.xml and HTML (inline SVG charts
left out), and for a workbook with a 进度 sheet each other report's --context JSON, document.xml and HTML. Prints one line per
output, `same` or `DIFFERENT` with the first difference, and exits 1 when anything differs. A written workbook is
also compared as the clerk sees it (bench/workbook_view.py): parts whose bytes changed while that view did not
(e.g. a first progress --write copied part by part, against a tree that re-serialised every sheet) print
`as seen` and do not count as differences.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from workbook_view import describe  # noqa: E402


def _run(tree: Path, args: list[str], cwd: Path, refused_ok: bool = False) -> bytes | None:
    env = dict(os.environ, PYTHONPATH=str(tree))
    proc = subprocess.run([sys.executable, "-m", "zhibiao.cli", *args], cwd=cwd, env=env, capture_output=True)
    if proc.returncode == 2 and refused_ok:
        return None  # e.g. no briefing for a workbook holding only a target system
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{tree}: zhibiao {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return proc.stdout


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if not n.startswith("docProps/")}


PRODUCTS = ("import", "check", "progress", "brief", "report")


def outputs(tree: Path, book: Path, work: Path, only: tuple[str, ...] = PRODUCTS) -> dict[str, object]:
    """Everything one tree produces for one workbook (or the `only` products), keyed by a readable label."""
    work.mkdir(parents=True, exist_ok=True)
    src = work / book.name
    shutil.copy(book, src)
    found: dict[str, object] = {}
    if "import" in only:
        made = f"{src.name}.imported.xlsx"  # books of one stem (湖州.docx, 湖州.xlsx) share the folder
        if _run(tree, ["import", "-o", made, src.name], work, refused_ok=True) is None:
            found["import"] = "refused"  # no split table in it (a target system)
        else:
            found.update({f"import:{part}": data for part, data in _parts(work / made).items()})
    if only == ("import",):
        return found
    checked = _run(tree, ["check", "--json", src.name], work, refused_ok=True)
    found["check --json"] = json.loads(checked) if checked is not None else "refused"
    is_xlsx = src.suffix in (".xlsx", ".xlsm") and checked is not None
    has_progress = is_xlsx and any("进度" in n for n in _sheet_names(src))
    if is_xlsx:
        _run(tree, ["check", "--write", "-o", "c1" + src.suffix, src.name], work)
        _run(tree, ["check", "--write", "-o", "c2" + src.suffix, "c1" + src.suffix], work)
        for name in ("c1", "c2"):
            for part, data in _parts(work / (name + src.suffix)).items():
                found[f"check --write {name}:{part}"] = data
            found[f"check --write {name} as seen"] = describe(work / (name + src.suffix))
    if has_progress:
        found["progress --json"] = json.loads(_run(tree, ["progress", "--json", src.name], work))
        _run(tree, ["progress", "--write", "-o", "p1" + src.suffix, src.name], work)
        _run(tree, ["progress", "--write", "-o", "p2" + src.suffix, "p1" + src.suffix], work)
        for name in ("p1", "p2"):
            for part, data in _parts(work / (name + src.suffix)).items():
                found[f"progress --write {name}:{part}"] = data
            found[f"progress --write {name} as seen"] = describe(work / (name + src.suffix))
    if _run(tree, ["brief", "--format", "both", "-o", "brief", src.name], work, refused_ok=True) is None:
        found["brief"] = "refused"
    else:
        found.update(_document(work / "brief", "brief"))
    if has_progress:  # the other reports: their data, and what the Word and HTML files say
        for kind in ("月报", "亮晒", "年报"):
            context = _run(tree, ["report", "--context", kind, src.name], work, refused_ok=True)
            found[f"report {kind} --context"] = json.loads(context) if context is not None else "refused"
            if context is not None:
                _run(tree, ["report", kind, "--format", "both", "-o", kind, src.name], work)
                found.update(_document(work / kind, f"report {kind}"))
    return found


def _document(folder: Path, label: str) -> dict[str, bytes]:
    """The Word file's document.xml and the HTML file with its inline charts left out (chart pixels may change)."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as zf:
                found[f"{label} word/document.xml"] = zf.read("word/document.xml")
        elif path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            found[f"{label} html without charts"] = re.sub(r"<svg.*?</svg>", "<svg/>", html, flags=re.DOTALL).encode()
    return found


def cached_outputs(tree: Path, book: Path, work: Path, only: tuple[str, ...] = PRODUCTS) -> dict[str, object]:
    """outputs(), kept in bench/.cache/compare by the hash of the tree's code, of the workbook and of `only`."""
    digest = hashlib.sha256(book.read_bytes() + ",".join(only).encode())
    for path in (Path(__file__), ROOT / "bench" / "workbook_view.py"):  # what is kept changes with these too
        digest.update(path.read_bytes())
    for folder in ("zhibiao", "reports"):
        for path in sorted((tree / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".docx"):
                digest.update(str(path.relative_to(tree)).encode() + path.read_bytes())
    cache = ROOT / "bench" / ".cache" / "compare" / f"{book.stem}-{digest.hexdigest()[:16]}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    found = outputs(tree, book, work, only)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(found))
    return found


def _sheet_names(path: Path) -> list[str]:
    import python_calamine as pc

    return pc.CalamineWorkbook.from_path(str(path)).sheet_names


def _first_difference(a, b) -> str:
    if isinstance(a, bytes) and isinstance(b, bytes):
        i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"at byte {i}: {a[max(0, i - 60):i + 60]!r} vs {b[max(0, i - 60):i + 60]!r}"
    return f"{json.dumps(a, ensure_ascii=False)[:200]} vs {json.dumps(b, ensure_ascii=False)[:200]}"


def main() -> int:
    args = sys.argv[1:]
    only = ("import",) if "--import-only" in args else PRODUCTS
    args = [a for a in args if a != "--import-only"]
    old, new = Path(args[0]).resolve(), Path(args[1]).resolve()
    books = [Path(p) for p in args[2:]]
    if not books:
        import workbooks

        books = sorted((ROOT / "xlsx_templates" / "examples").glob("*.xls[xm]")) + \
            sorted((ROOT / "xlsx_templates" / "examples").glob("*.docx"))
        books.append(workbooks.cached(ROOT / "bench" / ".cache", 100, 100, progress=True))
    differences = 0
    with tempfile.TemporaryDirectory() as tmp:
        for book in books:
            a = cached_outputs(old, book, Path(tmp) / "old" / book.stem, only)
            b = cached_outputs(new, book, Path(tmp) / "new" / book.stem, only)
            # a written workbook whose parts changed bytes but whose cells, styles, notes … did not
            seen = {key[:-len(" as seen")] for key in a if key.endswith(" as seen") and a[key] == b.get(key)}
            for key in sorted(set(a) | set(b)):
                if key not in a or key not in b:
                    print(f"DIFFERENT {book.name} {key}: only in {'new' if key not in a else 'old'}")
                    differences += 1
                elif a[key] != b[key] and key.split(":", 1)[0] in seen:
                    print(f"as seen   {book.name} {key}: other bytes, the same workbook to the clerk (workbook_view.py)")
                elif a[key] != b[key]:
                    print(f"DIFFERENT {book.name} {key}: {_first_difference(a[key], b[key])}")
                    differences += 1
                else:
                    size = len(a[key]) if isinstance(a[key], bytes) else len(json.dumps(a[key]))
                    print(f"same      {book.name} {key} ({size:,} bytes)")
    print(f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
