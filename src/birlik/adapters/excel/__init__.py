"""Spreadsheets in and out: templates, the tolerant reader behind imports, and the exported workbooks.

Reading never touches the database: it turns a workbook into typed records plus a list of issues that
name the file, sheet, row and column. The import service checks the records against the registry.
"""
