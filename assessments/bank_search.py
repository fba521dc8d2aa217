"""Accent-insensitive question bank search: what is stored and how a query matches.

``Question.search_text`` holds the folded name, ID number and current question
text with a space at both ends; each folded query term must start one of its
words ("trung thuong" finds "trúng thưởng"). Parameterised ``contains`` lookups
work alike on SQLite and PostgreSQL without extensions."""

from __future__ import annotations

import html

from django.db.models import Q
from django.utils.html import strip_tags

from lms.text import search_key

MAX_QUERY_CHARS = 200
MAX_TERMS = 8


def question_search_text(name: str, idnumber: str | None, stem_html: str) -> str:
    # A space before each tag keeps "<p>a</p><p>b</p>" two words.
    text = html.unescape(strip_tags((stem_html or "").replace("<", " <")))
    return f" {search_key(' '.join([name or '', idnumber or '', text]))} "


def questions_matching(raw: str) -> Q | None:
    """A filter for ``Question`` querysets, or None when there is nothing to search."""
    terms = list(dict.fromkeys(search_key((raw or "")[:MAX_QUERY_CHARS]).split()))[:MAX_TERMS]
    if not terms:
        return None
    matching = Q()
    for term in terms:
        matching &= Q(search_text__contains=f" {term}")
    return matching | Q(idnumber__iexact=raw.strip())
