"""The village head's list, row by row: which column is which, and what is
wrong with each row. Pure: rows of text in, checked rows and errors out (the
file reading is in ``roster_file``, the accounts are looked up by the actions)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lms.accounts.phone import InvalidPhoneNumber, normalize_vn_mobile
from lms.text import search_key

MAX_ROSTER_ROWS = 500
OLDEST_BIRTH_YEAR = 1900

# Folded header text → column key. Village heads write these many ways.
HEADER_WORDS = {
    "ho va ten": "name",
    "ho ten": "name",
    "ten": "name",
    "full name": "name",
    "name": "name",
    "nam sinh": "birth_year",
    "birth year": "birth_year",
    "so dien thoai": "phone",
    "dien thoai": "phone",
    "sdt": "phone",
    "phone": "phone",
    "thon": "village",
    "to dan pho": "village",
    "thon to": "village",
    "thon to dan pho": "village",
    "village": "village",
}
REQUIRED_COLUMNS = {"name": "Họ và tên", "birth_year": "Năm sinh"}


@dataclass(frozen=True)
class RosterRow:
    line: int
    full_name: str
    birth_year: int
    phone: str | None  # E.164 or None
    village_id: int | None


@dataclass
class RosterCheck:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def column_keys(header: list[str]) -> list[str | None]:
    return [HEADER_WORDS.get(search_key(text)) for text in header]


def person_key(full_name: str, birth_year: int | None, village_id: int | None) -> tuple:
    """Two people with the same key are taken for the same person."""
    return (search_key(full_name), birth_year, village_id)


def _birth_year(text: str, this_year: int) -> int | None:
    text = text.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or not OLDEST_BIRTH_YEAR <= int(text) <= this_year:
        return None
    return int(text)


def check_rows(
    header: list[str],
    rows: list[list[str]],
    *,
    villages: dict[str, int],
    default_village_id: int | None,
    this_year: int,
) -> RosterCheck:
    """``villages`` maps folded village names to unit ids (the class's commune's
    villages). Lines are numbered as the spreadsheet shows them (header = 1)."""
    check = RosterCheck()
    keys = column_keys(header)
    missing = [label for key, label in REQUIRED_COLUMNS.items() if key not in keys]
    if missing:
        check.errors.append(
            (1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return check
    if len(rows) > MAX_ROSTER_ROWS:
        check.errors.append(
            (1, _("The list has more than %(limit)d rows.") % {"limit": MAX_ROSTER_ROWS})
        )
        return check
    seen_phones: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for line, cells in enumerate(rows, start=2):
        values = {key: (cell or "").strip() for key, cell in zip(keys, cells, strict=False) if key}
        if not any(values.values()):
            continue
        problem, row = _check_row(line, values, villages, default_village_id, this_year)
        if problem is None:
            problem = _repeated(row, seen_phones, seen_people)
        if problem:
            check.errors.append((line, problem))
            continue
        check.rows.append(row)
    if not check.rows and not check.errors:
        check.errors.append((1, _("The list has no learners.")))
    return check


def _check_row(line, values, villages, default_village_id, this_year):
    full_name = " ".join(values.get("name", "").split())
    if not full_name:
        return _("The name is empty."), None
    birth_year = _birth_year(values.get("birth_year", ""), this_year)
    if birth_year is None:
        return _("“%(value)s” is not a birth year.") % {"value": values.get("birth_year", "")}, None
    phone = None
    if values.get("phone"):
        try:
            phone = normalize_vn_mobile(values["phone"])
        except InvalidPhoneNumber:
            return _("“%(value)s” is not a Vietnamese mobile number.") % {
                "value": values["phone"]
            }, None
    village_id = default_village_id
    if values.get("village"):
        village_id = villages.get(search_key(values["village"]))
        if village_id is None:
            return _("There is no village or residential group “%(value)s” in this unit.") % {
                "value": values["village"]
            }, None
    return None, RosterRow(line, full_name, birth_year, phone, village_id)


def _repeated(row, seen_phones, seen_people):
    if row.phone and row.phone in seen_phones:
        return _("The same mobile number is on line %(line)d.") % {"line": seen_phones[row.phone]}
    key = person_key(row.full_name, row.birth_year, row.village_id)
    if key in seen_people:
        return _("The same person is on line %(line)d.") % {"line": seen_people[key]}
    if row.phone:
        seen_phones[row.phone] = row.line
    seen_people[key] = row.line
    return None
