"""The API's pagination: DRF's limit/offset with bounds, so a huge ``limit`` or
``offset`` is clamped instead of overflowing the database's integer (a 500)."""

from rest_framework.pagination import LimitOffsetPagination

# Far beyond any table, well inside a signed 64-bit integer (SQLite, PostgreSQL).
MAX_OFFSET = 2**53


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)
