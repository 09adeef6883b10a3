"""The zhibiao side of the xlwings Server app: where the zhibiao checkout is, and the one-time downloads.

The app's custom_functions and custom_scripts import udfs/ and macros/ from the checkout this folder
sits in (the same modules the classic add-in and xlwings Lite use), so the checkout goes on sys.path.
"""

import os
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
DOWNLOAD_ROUTE = "/zhibiao/download"

if str(CHECKOUT) not in sys.path:
    sys.path.append(str(CHECKOUT))


def _load_settings() -> None:
    """ZHIBIAO_* settings from server/.env (or DOTENV_PATH) also when gunicorn, not run.py, started the app."""
    path = Path(os.environ.get("DOTENV_PATH") or CHECKOUT / "server" / ".env")
    if path.is_file():
        from dotenv import dotenv_values

        for key, value in dotenv_values(path).items():
            if key.startswith("ZHIBIAO_") and value is not None:
                os.environ.setdefault(key, value)  # the environment wins over the file


_load_settings()
