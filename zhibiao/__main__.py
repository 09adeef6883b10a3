"""python -m zhibiao: the command line (where the zhibiao script is not on PATH)."""

from .cli import run

run()
