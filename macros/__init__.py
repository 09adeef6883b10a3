"""Excel scripts (buttons) for zhibiao: 校验 and 生成简报, for the classic add-in, xlwings Lite and xlwings Server."""
