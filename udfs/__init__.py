"""Excel custom functions (UDFs) for zhibiao: one module for the classic add-in, xlwings Lite and xlwings Server."""
