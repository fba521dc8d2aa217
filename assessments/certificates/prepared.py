"""A psycopg 3 cursor whose statements are prepared on the connection at their
first run (verify_page reads the certificate's row with it on every visit).
Django's own cursors bind parameters on the client and never prepare."""

from django.db.backends.postgresql.base import ServerBindingCursor


class PreparedCursor(ServerBindingCursor):
    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)
