"""Writing workbooks: the template and the sheets features add (template*), the importer, the write-back
plan (writeback) with its openpyxl and xlwings executors (write_openpyxl, write_xlwings), cached formula
values (cached_values) and atomic saving (files)."""
