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

from assessments.models import Attempt, AttemptSlot


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
