"""File formats that need more than the pure parsers in assessments.formats:
the Excel template (read and written with openpyxl)."""
