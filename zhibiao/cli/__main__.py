"""python -m zhibiao.cli: the command line."""

from . import run

run()
