"""Routes of zhibiao's xlwings Server app beyond xlwings' own (loaded by xlwings Server from routers/custom.py)."""
