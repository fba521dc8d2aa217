"""Spreadsheet cells that cannot run as formulas (CSV/formula injection)."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting with = + - @ (or a tab/CR) gets a leading apostrophe, so
    Excel and LibreOffice show it as text instead of evaluating it. Numbers,
    dates and None pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
