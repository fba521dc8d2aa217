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

from assessments.models import Attempt, AttemptAreaScore, AttemptSlot, AttemptState
from lms.core.server_bound import server_bound_cursor

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


# The statement's text by database (alias, vendor): built once per process, as
# compiling the attempt's INSERT every Start cost more than PostgreSQL running it.
_INSERT_SQL: dict[tuple[str, str], str] = {}


def _attempt_fields() -> list:
    return [field for field in Attempt._meta.local_concrete_fields if not field.primary_key]


def _insert_sql(attempt: Attempt) -> tuple[str, list]:
    """The attempt's INSERT with its slots, for PostgreSQL; parameters: the
    attempt's values (prepared as Django's INSERT prepares them), then the
    slots' option orders (one JSON array), positions and version ids."""
    fields = _attempt_fields()
    values = [field.pre_save(attempt, add=True) for field in fields]
    if any(hasattr(value, "resolve_expression") for value in values):
        raise TypeError("a new attempt's values are plain values, not expressions")
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values, strict=True)
    ]
    key = (connection.alias, connection.vendor)
    if key not in _INSERT_SQL:
        _INSERT_SQL[key] = _build_insert_sql(attempt, fields, len(params))
    return _INSERT_SQL[key], params


def _build_insert_sql(attempt: Attempt, fields: list, count: int) -> str:
    query = InsertQuery(Attempt)
    query.insert_values(fields, [attempt])
    [(attempt_sql, attempt_params)] = query.get_compiler(connection=connection).as_sql()
    if len(attempt_params) != count:
        raise RuntimeError("the attempt's INSERT must take one parameter per field")
    slot_table = connection.ops.quote_name(AttemptSlot._meta.db_table)
    columns = ", ".join(
        _quoted(AttemptSlot, name)
        for name in ("attempt", "position", "question_version", "option_order", "manual_comment")
    )
    attempt_pk = connection.ops.quote_name(Attempt._meta.pk.column)
    # The option orders travel as one JSON document (one encoding, no array of
    # escaped texts), the slot at ordinality n taking its element n - 1.
    return (
        f"WITH new_attempt AS ({attempt_sql} RETURNING {attempt_pk}) "  # noqa: S608 - metadata
        f"INSERT INTO {slot_table} ({columns}) "
        f"SELECT new_attempt.{attempt_pk}, slot.position, slot.version, "
        "(%s::jsonb) -> (slot.n::int - 1), '' "
        "FROM new_attempt, UNNEST(%s::smallint[], %s::bigint[]) WITH ORDINALITY "
        "AS slot(position, version, n) "
        f"RETURNING {_quoted(AttemptSlot, 'attempt')}, "
        f"{connection.ops.quote_name(AttemptSlot._meta.pk.column)}, {_quoted(AttemptSlot, 'position')}"
    )


def insert_attempt_with_slots(attempt: Attempt, slots: list[tuple[int, int, list]]) -> list[tuple]:
    """Save the new ``attempt`` (it gets its primary key) and its ``slots``,
    ``(position, version id, option order)`` in position order; returns them
    as ``(slot id, position, version id, option order)``. IntegrityError if the
    learner already has an open attempt at the quiz (or this number), and then
    nothing is written."""
    if connection.vendor != "postgresql":
        with transaction.atomic():
            attempt.save(force_insert=True)
            written = AttemptSlot.objects.bulk_create(
                AttemptSlot(
                    attempt=attempt,
                    position=position,
                    question_version_id=version,
                    option_order=order,
                )
                for position, version, order in slots
            )
        return [(slot.pk, *row) for slot, row in zip(written, slots, strict=True)]
    sql, params = _insert_sql(attempt)
    params += [
        json.dumps([order for _position, _version, order in slots]),
        [position for position, _version, _order in slots],
        [version for _position, version, _order in slots],
    ]
    # Inside an outer transaction a failed statement would spoil it: a savepoint
    # then, as atomic() gives; in autocommit the statement is its own transaction.
    block = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with block, server_bound_cursor(connection) as cursor:
        cursor.execute(sql, params)
        written = cursor.fetchall()
    by_position = {position: pk for _attempt_id, pk, position in written}
    attempt.pk = written[0][0]
    attempt._state.adding, attempt._state.db = False, connection.alias
    return [(by_position[row[0]], *row) for row in slots]


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


# The text of each statement written for the exam moment, by (alias, vendor,
# statement): built from model metadata once per process, not on every Submit.
_SQL: dict[tuple[str, str, str], str] = {}


def _sql(name: str, build) -> str:
    key = (connection.alias, connection.vendor, name)
    sql = _SQL.get(key)
    if sql is None:
        sql = _SQL[key] = build()
    return sql


def _first_result_sql() -> str:
    quote = connection.ops.quote_name
    fields = [Attempt._meta.get_field(name) for name in RESULT_FIELDS]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    slot_table = quote(AttemptSlot._meta.db_table)
    slot_key = quote(AttemptSlot._meta.pk.column)
    area_columns = ("attempt", "area", "points", "max_points", "percent", "passed_area_minimum")
    columns = ", ".join(_quoted(AttemptAreaScore, name) for name in area_columns)
    # Only model metadata goes into the SQL text; every value is a parameter.
    return (
        f"WITH result AS (UPDATE {quote(Attempt._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(Attempt._meta.pk.column)} = %s), "
        f"fractions AS (UPDATE {slot_table} SET {_quoted(AttemptSlot, 'fraction')} = given.fraction "
        "FROM UNNEST(%s::float8[], %s::bigint[]) AS given(fraction, id) "
        f"WHERE {slot_table}.{slot_key} = given.id) "
        f"INSERT INTO {quote(AttemptAreaScore._meta.db_table)} ({columns}) "
        "SELECT %s, area.* FROM UNNEST(%s::bigint[], %s::float8[], %s::float8[], %s::float8[], "
        "%s::boolean[]) AS area"
    )


def _array(values, text=repr) -> str:
    """A PostgreSQL array literal of numbers (``repr`` of a float reads back as
    the same float) or, with ``text=_boolean``, booleans; NULL for None. What
    psycopg would send for a list, in text too, without its per-item dumpers."""
    return "{" + ",".join("NULL" if value is None else text(value) for value in values) + "}"


def _boolean(value: bool) -> str:
    return "t" if value else "f"


def write_first_result(attempt: Attempt, fractions: list[tuple], areas: list) -> None:
    """A just-submitted attempt's result, its slots' fractions and its area rows
    (``AttemptAreaScore`` objects; it has none yet) in one statement on
    PostgreSQL: two data-modifying CTEs and an INSERT, run to completion
    together inside the submission's transaction. ``fractions``: ``(fraction,
    slot id)`` pairs."""
    sql = _sql("first_result", _first_result_sql)
    params = [
        field.get_db_prep_save(getattr(attempt, field.attname), connection)
        for field in map(Attempt._meta.get_field, RESULT_FIELDS)
    ]
    params += [
        attempt.pk,
        _array(float(fraction) if fraction is not None else None for fraction, _pk in fractions),
        _array((int(pk) for _fraction, pk in fractions), str),
        attempt.pk,
        _array((int(row.area_id) for row in areas), str),
        _array(float(row.points) for row in areas),
        _array(float(row.max_points) for row in areas),
        _array(None if row.percent is None else float(row.percent) for row in areas),
        _array((row.passed_area_minimum for row in areas), _boolean),
    ]
    with server_bound_cursor(connection) as cursor:
        cursor.execute(sql, params)


def write_answer(slot_id: int, response, answered_at) -> None:
    """One slot's response and when it was given: the same UPDATE as the
    ORM's, written once instead of compiled on each of a class's saves, and
    prepared on PostgreSQL (lms/core/server_bound.py)."""
    response_field = AttemptSlot._meta.get_field("response")
    answered_field = AttemptSlot._meta.get_field("answered_at")
    table = connection.ops.quote_name(AttemptSlot._meta.db_table)
    key = connection.ops.quote_name(AttemptSlot._meta.pk.column)
    sql = (
        f"UPDATE {table} SET {connection.ops.quote_name(response_field.column)} = %s, "  # noqa: S608 - metadata
        f"{connection.ops.quote_name(answered_field.column)} = %s WHERE {key} = %s"
    )
    params = [
        response_field.get_db_prep_save(response, connection),
        answered_field.get_db_prep_save(answered_at, connection),
        slot_id,
    ]
    with server_bound_cursor(connection) as cursor:
        cursor.execute(sql, params)


def _close_sql() -> str:
    quote = connection.ops.quote_name
    state, submitted_at, timer = (
        quote(Attempt._meta.get_field(name).column)
        for name in ("state", "submitted_at", "submitted_by_timer")
    )
    key = quote(Attempt._meta.pk.column)
    return (
        f"UPDATE {quote(Attempt._meta.db_table)} SET {state} = %s, "  # noqa: S608 - metadata
        f"{submitted_at} = %s, {timer} = %s WHERE {key} = %s AND {state} = %s"
    )


def close_if_open(attempt_id: int, submitted_at, by_timer: bool) -> bool:
    """Mark the attempt submitted if it is still open; whether this call did
    (of concurrent Submits exactly one does). The ORM's UPDATE, written once
    and prepared on PostgreSQL like ``write_answer``."""
    meta = Attempt._meta
    params = [
        AttemptState.SUBMITTED.value,
        meta.get_field("submitted_at").get_db_prep_save(submitted_at, connection),
        meta.get_field("submitted_by_timer").get_db_prep_save(by_timer, connection),
        attempt_id,
        AttemptState.OPEN.value,
    ]
    with server_bound_cursor(connection) as cursor:
        cursor.execute(_sql("close", _close_sql), params)
        return cursor.rowcount > 0
