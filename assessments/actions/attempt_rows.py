"""Writing a new attempt and its slots, and the slots' fractions, with as few
round trips as the database allows (issue 14: the exam moment).

On PostgreSQL a new attempt and all its slots are one statement (an INSERT of
the attempt in a CTE feeding an INSERT ... SELECT FROM UNNEST of the slots):
atomic on its own, so it needs no BEGIN/COMMIT, and the partial unique index
still refuses a second open attempt with an IntegrityError. Elsewhere (the
embedded SQLite) the ORM does it in a transaction."""

from __future__ import annotations

import json
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models.sql import InsertQuery

from assessments.models import Attempt, AttemptAreaScore, AttemptSlot

# The attempt's columns a grading writes.
RESULT_FIELDS = [
    "points",
    "max_points",
    "percent",
    "passed",
    "needs_grading",
    "result",
    "graded_at",
]


def _quoted(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _insert_sql(attempt: Attempt) -> tuple[str, list]:
    """The attempt's INSERT with its slots, for PostgreSQL; parameters: the
    attempt's values, then the slots' positions, version ids and option orders."""
    fields = [field for field in Attempt._meta.local_concrete_fields if not field.primary_key]
    query = InsertQuery(Attempt)
    query.insert_values(fields, [attempt])
    [(attempt_sql, attempt_params)] = query.get_compiler(connection=connection).as_sql()
    slot_table = connection.ops.quote_name(AttemptSlot._meta.db_table)
    columns = ", ".join(
        _quoted(AttemptSlot, name)
        for name in ("attempt", "position", "question_version", "option_order", "manual_comment")
    )
    attempt_pk = connection.ops.quote_name(Attempt._meta.pk.column)
    sql = (
        f"WITH new_attempt AS ({attempt_sql} RETURNING {attempt_pk}) "  # noqa: S608 - metadata
        f"INSERT INTO {slot_table} ({columns}) "
        f"SELECT new_attempt.{attempt_pk}, slot.position, slot.version, slot.option_order, '' "
        "FROM new_attempt, UNNEST(%s::smallint[], %s::bigint[], %s::jsonb[]) "
        "AS slot(position, version, option_order) "
        f"RETURNING {_quoted(AttemptSlot, 'attempt')}, "
        f"{connection.ops.quote_name(AttemptSlot._meta.pk.column)}, {_quoted(AttemptSlot, 'position')}"
    )
    return sql, list(attempt_params)


def insert_attempt_with_slots(attempt: Attempt, slots: list[AttemptSlot]) -> list[AttemptSlot]:
    """Save the new ``attempt`` and its ``slots`` (unsaved, in position order);
    both get their primary keys. IntegrityError if the learner already has an
    open attempt at the quiz (or this number), and then nothing is written."""
    if connection.vendor != "postgresql":
        with transaction.atomic():
            attempt.save(force_insert=True)
            for slot in slots:
                slot.attempt = attempt
            return AttemptSlot.objects.bulk_create(slots)
    sql, params = _insert_sql(attempt)
    params += [
        [slot.position for slot in slots],
        [slot.question_version_id for slot in slots],
        [json.dumps(slot.option_order) for slot in slots],
    ]
    # Inside an outer transaction a failed statement would spoil it: a savepoint
    # then, as atomic() gives; in autocommit the statement is its own transaction.
    block = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with block, connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = cursor.fetchall()
    by_position = {position: pk for _attempt_id, pk, position in written}
    attempt.pk = written[0][0]
    attempt._state.adding, attempt._state.db = False, connection.alias
    for slot in slots:
        slot.pk = by_position[slot.position]
        slot.attempt = attempt
        slot._state.adding, slot._state.db = False, connection.alias
    return slots


def write_fractions(pairs: list[tuple[float | None, int]]) -> None:
    """``(fraction, slot id)`` pairs: one UPDATE ... FROM UNNEST on PostgreSQL
    (one statement for PostgreSQL to plan and run, not one per slot), a
    parametrised UPDATE run many times elsewhere."""
    table = connection.ops.quote_name(AttemptSlot._meta.db_table)
    column = _quoted(AttemptSlot, "fraction")
    key = connection.ops.quote_name(AttemptSlot._meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET {column} = given.fraction "  # noqa: S608 - metadata
                "FROM UNNEST(%s::float8[], %s::bigint[]) AS given(fraction, id) "
                f"WHERE {table}.{key} = given.id",
                [[fraction for fraction, _pk in pairs], [pk for _fraction, pk in pairs]],
            )
        else:
            sql = f"UPDATE {table} SET {column} = %s WHERE {key} = %s"  # noqa: S608 - metadata
            cursor.executemany(sql, pairs)


def write_first_result(attempt: Attempt, fractions: list[tuple], areas: list) -> None:
    """A just-submitted attempt's result, its slots' fractions and its area rows
    (``AttemptAreaScore`` objects; it has none yet) in one statement on
    PostgreSQL: two data-modifying CTEs and an INSERT, run to completion
    together inside the submission's transaction. ``fractions``: ``(fraction,
    slot id)`` pairs."""
    quote = connection.ops.quote_name
    fields = [Attempt._meta.get_field(name) for name in RESULT_FIELDS]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    slot_table = quote(AttemptSlot._meta.db_table)
    slot_key = quote(AttemptSlot._meta.pk.column)
    area_columns = ("attempt", "area", "points", "max_points", "percent", "passed_area_minimum")
    columns = ", ".join(_quoted(AttemptAreaScore, name) for name in area_columns)
    # Only model metadata goes into the SQL text; every value is a parameter.
    sql = (
        f"WITH result AS (UPDATE {quote(Attempt._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(Attempt._meta.pk.column)} = %s), "
        f"fractions AS (UPDATE {slot_table} SET {_quoted(AttemptSlot, 'fraction')} = given.fraction "
        "FROM UNNEST(%s::float8[], %s::bigint[]) AS given(fraction, id) "
        f"WHERE {slot_table}.{slot_key} = given.id) "
        f"INSERT INTO {quote(AttemptAreaScore._meta.db_table)} ({columns}) "
        "SELECT %s, area.* FROM UNNEST(%s::bigint[], %s::float8[], %s::float8[], %s::float8[], "
        "%s::boolean[]) AS area"
    )
    params = [
        field.get_db_prep_save(getattr(attempt, field.attname), connection) for field in fields
    ]
    params += [
        attempt.pk,
        [fraction for fraction, _pk in fractions],
        [pk for _fraction, pk in fractions],
        attempt.pk,
        [row.area_id for row in areas],
        [row.points for row in areas],
        [row.max_points for row in areas],
        [row.percent for row in areas],
        [row.passed_area_minimum for row in areas],
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
