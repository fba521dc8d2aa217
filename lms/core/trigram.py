"""Trigram indexes over the folded search text (PostgreSQL only).

Every accent-insensitive search stores a folded copy of its text (lms.text.search_key)
and matches each query term with ``search_text LIKE '% term%'``. PostgreSQL answers
that from a ``pg_trgm`` GIN index instead of reading every row, so search stays flat
as the library and the bank grow. The embedded SQLite mode has no such index and
keeps scanning, which is fast enough at its size; the same query runs on both, so
both give the same results. On any other database these operations do nothing."""

from django.db.migrations.operations.base import Operation


class _PostgresOnlyIndex(Operation):
    reversible = True
    reduces_to_sql = False

    def __init__(self, table: str, column: str, name: str):
        self.table = table
        self.column = column
        self.name = name

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"table": self.table, "column": self.column, "name": self.name},
        )

    def state_forwards(self, app_label, state):
        pass  # the model state is unchanged: the index lives only in PostgreSQL

    def _create_sql(self, quote) -> list[str]:
        raise NotImplementedError

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            for sql in self._create_sql(schema_editor.quote_name):
                schema_editor.execute(sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")


class CreateTrigramIndex(_PostgresOnlyIndex):
    """``CREATE INDEX … USING gin (column gin_trgm_ops)``, creating pg_trgm if needed
    (a trusted extension since PostgreSQL 13: the database owner may create it)."""

    def _create_sql(self, quote) -> list[str]:
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(self.table)} "
            f"USING gin ({quote(self.column)} gin_trgm_ops)",
        ]

    def describe(self):
        return f"Trigram index {self.name} on {self.table}.{self.column} (PostgreSQL only)"


class CreateUpperIndex(_PostgresOnlyIndex):
    """A btree index on ``UPPER(column::text)``: what Django's ``iexact`` compares."""

    def _create_sql(self, quote) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {quote(self.name)} ON {quote(self.table)} "
            f"(UPPER({quote(self.column)}::text))"
        ]

    def describe(self):
        return f"Index {self.name} on UPPER({self.table}.{self.column}) (PostgreSQL only)"
