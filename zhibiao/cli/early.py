"""`zhibiao check FILE` starts reading FILE before the command line's own modules are imported.

Importing click, the commands and their helpers takes about 0.03 s of CPU before click has parsed anything;
python-calamine parses a sheet with the GIL released, so a read started first runs beside those imports
(formats.Reading, as check_cmd would start it a moment later). Only for this process's own command line
(the console script or python -m zhibiao.cli) in its plain shapes: check, its flags, --sheet / --output with
their values and one file. check_cmd takes the reading when it names the same file; otherwise it reads as
usual. With --max-cells (the limit must be in force before the size check), --help or anything else
unusual, nothing starts early.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROGRAMS = {"zhibiao", "zhibiao.exe", "zhibiao-script.py"}  # the console script (-m: python -m zhibiao.cli)
_FLAGS = {"--json", "--write", "-w", "--in-place"}
_VALUED = {"--sheet", "-s", "--output", "-o"}
_started: list = []  # [(path, Reading)] while one is waiting to be taken


def start(argv: list[str] | None = None) -> None:
    """Start reading the file of a plain `zhibiao check … FILE` command line (sys.argv unless given)."""
    argv = sys.argv if argv is None else argv
    program = argv[0].replace("\\", "/").rsplit("/", 1)[-1].lower() if argv else ""
    if len(argv) < 3 or argv[1] != "check" or not (program == "-m" or program in _PROGRAMS):
        return
    files = []
    rest = iter(argv[2:])
    for arg in rest:
        if arg in _FLAGS:
            continue
        if arg in _VALUED:
            if next(rest, None) is None:
                return
            continue
        if arg.startswith("-") or any(ch in arg for ch in "*?["):  # an option of its own, or a pattern click expands
            return
        files.append(arg)
    if len(files) != 1:
        return
    from ..formats import Reading

    _started.append((Path(files[0]), Reading(files[0])))


def take(path: Path):
    """The reading started for this file, if one was (once); None otherwise."""
    if not _started:
        return None
    started, reading = _started.pop()
    return reading if started == path else None
