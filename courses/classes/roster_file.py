"""Reading a roster file into rows of text: an Excel workbook (.xlsx, checked
for zip bombs by the question importer's own guard) or a CSV in UTF-8."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from assessments.importers.xlsx import check_archive
from assessments.importers.xlsx_columns import XLSX_MESSAGES

from .roster_rows import MAX_ROSTER_ROWS

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 20


class UnreadableRoster(ValueError):
    pass


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the first sheet; UnreadableRoster with a message otherwise."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableRoster(_("The file is larger than 2 MB."))
    if data[:2] == b"PK":
        return _read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt")):
        return _read_csv(data)
    raise UnreadableRoster(
        _("This is not an Excel (.xlsx) or CSV file. Save the list as .xlsx and try again.")
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    refused = check_archive(
        data, max_rows=MAX_ROSTER_ROWS, max_uncompressed_bytes=MAX_UNCOMPRESSED_BYTES
    )
    if refused is not None:
        # The question importer's message, in the reader's language.
        message = _(XLSX_MESSAGES[refused.code]).format(**refused.params)
        raise UnreadableRoster(message[:1].upper() + message[1:])
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        table = [
            [_text(value) for value in row]
            for _number, row in zip(
                range(MAX_ROSTER_ROWS + 2),
                sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True),
                strict=False,
            )
        ]
    except Exception as exc:  # openpyxl raises many kinds of errors for a bad file
        raise UnreadableRoster(_("The Excel file could not be read.")) from exc
    return (table[0] if table else []), table[1:]


def _read_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableRoster(
            _(
                "The file is not in UTF-8, so Vietnamese letters would be garbled. "
                "Save it as Excel (.xlsx) or as “CSV UTF-8” and try again."
            )
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    table = [row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), dialect)]
    table = table[: MAX_ROSTER_ROWS + 2]
    return (table[0] if table else []), table[1:]
