"""The macro workbook: the .xlsm template (xlsm) and the VBA project inside it (vba_project), written with
MS-OVBA compression (ovba) into a compound file (cfb)."""
