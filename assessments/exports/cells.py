"""Spreadsheet cells that cannot run as formulas: the rule lives in lms.cells,
shared with the audit trail's export."""

from lms.cells import safe_cell

__all__ = ["safe_cell"]
