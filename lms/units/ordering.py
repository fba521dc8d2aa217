"""Units listed in Vietnamese alphabetical order ("Thành phố Hà Nội" under H),
still as a queryset so forms and the API use it unchanged. The database cannot
collate Vietnamese portably (SQLite has no ICU), so the order is computed from
the names with the pure ``lms.collation.unit_sort_key``."""

from django.db.models import Case, IntegerField, Value, When

from lms.collation import unit_sort_key


def in_vietnamese_order(queryset):
    """``queryset`` ordered by ``unit_sort_key`` of the names (one extra query
    on the names; a province has a few hundred units at most)."""
    rows = sorted(queryset.values_list("pk", "name"), key=lambda row: unit_sort_key(row[1]))
    if not rows:
        return queryset
    position = Case(
        *(When(pk=pk, then=Value(index)) for index, (pk, _name) in enumerate(rows)),
        output_field=IntegerField(),
    )
    return queryset.order_by(position, "pk")
