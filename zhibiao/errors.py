"""Exceptions for unusable input and misuse; data problems are findings, not exceptions.

    ZhibiaoError              exit code 2, one-line Chinese message
     ├── InputError (ValueError)
     │    ├── UnreadableFile   not a workbook / document, missing, locked
     │    └── NoTableFound     readable, but nothing that looks like a decomposition table
     └── UsageError            a wrong option or argument
"""

from __future__ import annotations


class ZhibiaoError(Exception):
    """Base class: the message is shown to the clerk as one Chinese line."""

    exit_code = 2


class InputError(ZhibiaoError, ValueError):
    """The input cannot be used."""


class UnreadableFile(InputError):
    """The file is missing, of an unknown format, or corrupt."""


class NoTableFound(InputError):
    """The file has no sheet that looks like a decomposition or target table."""


class UsageError(ZhibiaoError):
    """A wrong option or argument."""
