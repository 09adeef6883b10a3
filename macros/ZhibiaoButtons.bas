Attribute VB_Name = "ZhibiaoButtons"
' zhibiao buttons for the classic xlwings add-in (Windows / macOS).
' Import this file in the VBA editor (File > Import File), set a reference to the xlwings add-in
' (Tools > References > xlwings), and assign the macros to two buttons on the sheet.
' Python, PYTHONPATH and the UDF module come from the workbook's xlwings.conf sheet.
Option Explicit

' Check the decomposition tables of this workbook: writes the results sheet and marks the cells.
Sub ZhibiaoValidate()
    RunPython "import xlwings as xw, macros.zhibiao_macros as zb; zb.validate(xw.Book.caller())"
End Sub

' Write the briefing (.docx and .html) next to this workbook; save the workbook first.
Sub ZhibiaoBriefing()
    RunPython "import xlwings as xw, macros.zhibiao_macros as zb; zb.generate_briefing(xw.Book.caller())"
End Sub
