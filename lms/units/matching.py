"""Which stored unit is which official unit, when codes may have changed.

Pure functions (no ORM): `load_units` gives them what is stored and the official
list, and applies what they decide. Codes are not a safe key between two editions
of the list (the statistics office's draft and Quyết định 19/2025/QĐ-TTg give 115
communes different codes, some swapped), so a unit is recognised by its name within
its province first, and by its code only when the name says nothing."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lms.text import slugify, strip_diacritics

# Old-style tone placement ("Hoà", "Thuỷ") and the new style ("Hòa", "Thủy") name
# the same place; so do a double space, an en dash and a curly apostrophe.
_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "’": "'", "ʼ": "'"})
_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố)\s+")


def clean_name(name: str) -> str:
    """The name as it should be stored: NFC, single spaces, plain hyphens."""
    name = unicodedata.normalize("NFC", name or "").translate(_DASHES)
    return " ".join(name.split())


def name_key(name: str) -> str:
    """Equal for two spellings of the same name (tone placement, spacing, case)."""
    key = clean_name(name).casefold()
    for old, new in _TONE_PLACEMENT.items():
        key = key.replace(old, new)
    return key


def folded_key(name: str) -> str:
    """Marks stripped, đ→d: a looser key, used only where it is unambiguous."""
    return strip_diacritics(name_key(name))


def codename(name: str) -> str:
    """ "Phường Hoàn Kiếm" → "phuong_hoan_kiem"."""
    return slugify(name, max_length=200, separator="_")


def _province_key(name: str) -> str:
    # One source says "Nghệ An", another "Tỉnh Nghệ An".
    return _PROVINCE_PREFIX.sub("", name_key(name))


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    kind: str
    province_code: str | None  # None for a province itself
    codename: str = ""


@dataclass(frozen=True)
class StoredUnit:
    pk: int
    code: str
    name: str
    is_province: bool
    is_commune: bool
    parent_pk: int | None


@dataclass
class Matches:
    """pk of a stored unit → code of the official unit it is."""

    official_code: dict[int, str] = field(default_factory=dict)

    def matched_codes(self) -> set[str]:
        return set(self.official_code.values())


def _match_by(
    stored: dict[int, object],
    official: dict[str, object],
    matches: Matches,
) -> None:
    """Match where a key is unique on both sides; ambiguous keys are left alone."""
    stored_by_key: dict[object, list[int]] = defaultdict(list)
    for pk, key in stored.items():
        if key is not None:
            stored_by_key[key].append(pk)
    official_by_key: dict[object, list[str]] = defaultdict(list)
    for code, key in official.items():
        official_by_key[key].append(code)
    for key, pks in stored_by_key.items():
        codes = official_by_key.get(key, [])
        if len(pks) == 1 and len(codes) == 1:
            matches.official_code[pks[0]] = codes[0]


def _stages(
    stored: list[StoredUnit],
    official: list[OfficialUnit],
    keys: list[Callable[[StoredUnit | OfficialUnit], object]],
    matches: Matches,
) -> None:
    for key in keys:
        taken = matches.matched_codes()
        _match_by(
            {s.pk: key(s) for s in stored if s.pk not in matches.official_code},
            {o.code: key(o) for o in official if o.code not in taken},
            matches,
        )


def match_official_units(stored: Iterable[StoredUnit], official: Iterable[OfficialUnit]) -> Matches:
    """Provinces by name (without "Tỉnh"/"Thành phố") then code; communes by
    (province, name), then (province, name without marks), then (province, code)."""
    stored = list(stored)
    official = list(official)
    matches = Matches()
    provinces = [s for s in stored if s.is_province and s.parent_pk is None]
    official_provinces = [o for o in official if o.province_code is None]
    _stages(
        provinces,
        official_provinces,
        [lambda u: _province_key(u.name), lambda u: u.code],
        matches,
    )

    def province_of(unit: StoredUnit | OfficialUnit):
        if isinstance(unit, OfficialUnit):
            return unit.province_code
        return matches.official_code.get(unit.parent_pk)

    def within_province(key):
        def keyed(unit):
            province = province_of(unit)
            return None if province is None else (province, key(unit))

        return keyed

    _stages(
        [s for s in stored if s.is_commune and s.parent_pk is not None],
        [o for o in official if o.province_code is not None],
        [
            within_province(lambda u: name_key(u.name)),
            within_province(lambda u: folded_key(u.name)),
            within_province(lambda u: u.code),
        ],
        matches,
    )
    return matches


def carried_code(code: str, old_parent_code: str, new_parent_code: str) -> str:
    """A village's code is its commune's code plus "-NNN": it follows the commune."""
    if old_parent_code != new_parent_code and code.startswith(f"{old_parent_code}-"):
        return new_parent_code + code[len(old_parent_code) :]
    return code


def paths(parents: dict[int, int | None], codes: dict[int, str]) -> dict[int, str]:
    """pk → "01/00070/00070-001/" from each unit's parent and code."""
    result: dict[int, str] = {}

    def path_of(pk: int) -> str:
        chain = []
        current: int | None = pk
        while current is not None and current not in result:
            chain.append(current)
            current = parents[current]
        prefix = result[current] if current is not None else ""
        for unit in reversed(chain):
            prefix = f"{prefix}{codes[unit]}/"
            result[unit] = prefix
        return result[pk]

    for pk in parents:
        path_of(pk)
    return result
