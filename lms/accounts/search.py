"""People search for staff: accent-insensitive names and phone numbers however typed.

Each account keeps a folded copy of what staff search by in ``User.search_text``
(refreshed on save): name, username and e-mail folded by ``lms.text.search_key``,
and the mobile number both as typed at home (0987654321) and with the country code
(84987654321). A query is folded the same way, so one parameterised ``contains``
per term works alike on SQLite and PostgreSQL without extensions."""

from __future__ import annotations

from django.db.models import Q

from lms.text import digits, search_key

from .phone import InvalidPhoneNumber, looks_like_phone, normalize_vn_mobile

MAX_QUERY_CHARS = 100
MAX_TERMS = 6


def _phone_forms(e164: str | None) -> list[str]:
    if not e164:
        return []
    international = digits(e164)
    national = "0" + international[2:] if international.startswith("84") else ""
    return [form for form in (national, international) if form]


def person_search_text(*, full_name: str, username: str, email: str, phone: str | None) -> str:
    """What ``User.search_text`` holds; spaces at both ends so a term can start a word."""
    words = search_key(f"{full_name} {username} {email}").split()
    return f" {' '.join([*words, *_phone_forms(phone)])} "


def query_terms(raw: str) -> list[str]:
    """The pieces every match must contain: one digit string for a phone number
    (full or partial, with or without +84 and separators), folded words otherwise."""
    raw = (raw or "")[:MAX_QUERY_CHARS]
    if looks_like_phone(raw):
        try:
            return _phone_forms(normalize_vn_mobile(raw))[:1]
        except InvalidPhoneNumber:
            return [digits(raw)]
    terms: list[str] = []
    for term in search_key(raw).split():
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def people_matching(raw: str) -> Q | None:
    """A filter for ``User`` querysets, or None when the query has nothing to search."""
    terms = query_terms(raw)
    if not terms:
        return None
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return condition
