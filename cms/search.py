"""Accent-insensitive library search, one function for the HTML page and the API.

Each item keeps a folded copy of its text (lowercase, no marks, đ→d) in
``search_text``; the query is folded the same way and every term must start a
word there. Plain ``contains`` lookups are parameterised and have %, _ and \\
escaped by Django, so the same SQL works and is safe on SQLite and PostgreSQL.
Wagtail's own search backend stays in use for the admin."""

from django.db.models import Case, IntegerField, Q, Value, When

from lms.text import search_key

MAX_QUERY_CHARS = 200
MAX_TERMS = 8


def query_terms(raw: str) -> list[str]:
    terms = []
    for term in search_key((raw or "")[:MAX_QUERY_CHARS]).split():
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def search_items(raw: str, queryset):
    """Items of ``queryset`` matching every term, title matches first, then newest."""
    terms = query_terms(raw)
    if not terms:
        return queryset.none()
    for term in terms:
        queryset = queryset.filter(search_text__contains=f" {term}")
    phrase = f" {' '.join(terms)}"
    title_has_all = Q()
    for term in terms:
        title_has_all &= Q(search_title__contains=f" {term}")
    rank = Case(
        When(search_title__contains=phrase, then=Value(3)),
        When(title_has_all, then=Value(2)),
        When(search_text__contains=phrase, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-first_published_at", "pk")
