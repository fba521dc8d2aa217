"""Accent-insensitive search in the Wagtail admin's choosers.

Wagtail's database search backend indexes the text as written, so "lua dao" does
not find "Lừa đảo" (and on PostgreSQL nothing folds marks without the unaccent
extension). The chooser's search form is swapped for one that keeps every hit of
Wagtail's own search (tags, descriptions) and adds the items whose folded title
contains every folded term. Folding runs in Python over the titles the user may
choose: choosers list framework competencies and images, hundreds to a few
thousand short titles, so no extra column or index is kept."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.admin.forms.choosers import SearchFilterMixin
from wagtail.search.backends import get_search_backend

from lms.text import search_key

# Wagtail's own hits kept per query: enough for a chooser page, bounded.
BACKEND_HITS = 200


def folded_matches(objects: QuerySet, query: str, fields: tuple[str, ...]) -> list[int]:
    """Primary keys of ``objects`` whose folded fields contain every folded term."""
    terms = search_key(query).split()
    if not terms:
        return []
    found = []
    for pk, *values in objects.order_by().values_list("pk", *fields):
        key = f" {search_key(' '.join(value or '' for value in values))} "
        if all(f" {term}" in key for term in terms):
            found.append(pk)
    return found


class FoldedSearchFilterMixin(SearchFilterMixin):
    folded_fields: tuple[str, ...] = ("title",)

    def filter(self, objects):
        query = self.cleaned_data.get("q")
        if not query:
            return super().filter(objects)
        # Skip SearchFilterMixin.filter (it would narrow to the backend's hits
        # only) but keep the other mixins' filters (collection, locale).
        objects = super(SearchFilterMixin, self).filter(objects)
        hits = get_search_backend().autocomplete(query, objects)[:BACKEND_HITS]
        pks = {hit.pk for hit in hits}
        pks.update(folded_matches(objects, query, self.folded_fields))
        self.is_searching = True
        self.search_query = query
        return objects.filter(pk__in=pks)


class FoldedSearchViewMixin:
    """For a chooser's choose and results views: the same filter form, with the
    search step made accent-insensitive over ``folded_fields``."""

    folded_fields: tuple[str, ...] = ("title",)

    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        if not issubclass(form_class, SearchFilterMixin):
            return form_class
        folded = type(
            "FoldedSearchFilterMixin",
            (FoldedSearchFilterMixin,),
            {"folded_fields": self.folded_fields},
        )
        bases = tuple(
            folded if base is SearchFilterMixin else base for base in form_class.__bases__
        )
        return type(form_class.__name__, bases, {})
