"""The zhibiao side of the xlwings Server app: where the zhibiao checkout is, and the one-time downloads.

The app's custom_functions and custom_scripts import udfs/ and macros/ from the checkout this folder
sits in (the same modules the classic add-in and xlwings Lite use), so the checkout goes on sys.path.
"""

import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
DOWNLOAD_ROUTE = "/zhibiao/download"

if str(CHECKOUT) not in sys.path:
    sys.path.append(str(CHECKOUT))
