"""The answer path's SQL, written once: a hall sends a thousand answers within
seconds, and the ORM compiled each one's select_related read and conditional
UPDATE anew (about half of an answer's CPU, tests/load/answer_profile.py).

- ``participant_by_token``: the participant holding a token, with its session,
  in one fixed SELECT whose values pass through Django's own converters;
- ``write_answer``: the answer inserted unless already stored (the unique
  constraint decides, no exception) and the score added only if the
  participant's row is still as read: one statement on PostgreSQL, two on
  SQLite; the caller holds the transaction.
"""

from __future__ import annotations

from functools import cache

from django.db import connection

from .models import LiveAnswer, LiveSession, Participant


def _converters(fields, alias: str) -> list[list]:
    found = []
    for field in fields:
        column = field.get_col(alias)
        found.append(
            [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
        )
    return found


@cache
def _participant_query(vendor: str) -> tuple[str, list, list]:
    qn = connection.ops.quote_name
    people, sessions = Participant._meta.concrete_fields, LiveSession._meta.concrete_fields
    columns = [f"p.{qn(f.column)}" for f in people] + [f"s.{qn(f.column)}" for f in sessions]
    sql = (
        f"SELECT {', '.join(columns)} FROM {qn(Participant._meta.db_table)} p "  # noqa: S608 - metadata
        f"INNER JOIN {qn(LiveSession._meta.db_table)} s ON s.{qn('id')} = p.{qn('session_id')} "
        f"WHERE p.{qn('session_id')} = %s AND p.{qn('token')} = %s AND p.{qn('removed')} = %s"
    )
    converters = _converters(people, "p") + _converters(sessions, "s")
    return sql, converters, [len(people)]


def participant_by_token(session_id: int, token: str) -> Participant | None:
    """The active participant holding ``token`` in this session, its session
    row loaded as ``participant.session``; None if there is none."""
    sql, converters, (split,) = _participant_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [session_id, token, False])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for index, functions in enumerate(converters):
        for convert in functions:
            values[index] = convert(values[index], None, connection)
    people, sessions = Participant._meta.concrete_fields, LiveSession._meta.concrete_fields
    participant = Participant.from_db(connection.alias, [f.attname for f in people], values[:split])
    participant.session = LiveSession.from_db(
        connection.alias, [f.attname for f in sessions], values[split:]
    )
    return participant


ANSWER_COLUMNS = (
    "session_id",
    "participant_id",
    "question_id",
    "response",
    "fraction",
    "points",
    "streak_points",
    "elapsed_ms",
    "answered_at",
)


@cache
def _write_sql(vendor: str) -> tuple[str, str]:
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ANSWER_COLUMNS)
    unique = ", ".join(qn(c) for c in ("session_id", "participant_id", "question_id"))
    insert = (
        f"INSERT INTO {qn(LiveAnswer._meta.db_table)} ({columns}) "  # noqa: S608 - metadata
        f"VALUES ({', '.join(['%s'] * len(ANSWER_COLUMNS))}) "
        f"ON CONFLICT ({unique}) DO NOTHING RETURNING {qn('id')}"
    )
    score, streak, correct, count = (
        qn(c) for c in ("score", "streak", "correct_count", "answer_count")
    )
    update = (
        f"UPDATE {qn(Participant._meta.db_table)} SET {score} = {score} + %s, {streak} = %s, "  # noqa: S608 - metadata
        f"{correct} = {correct} + %s, {count} = {count} + 1 "
        f"WHERE {qn('id')} = %s AND {streak} = %s AND {count} = %s"
    )
    return insert, update


def _answer_params(values: dict) -> list:
    params = []
    for name in ANSWER_COLUMNS:
        field = LiveAnswer._meta.get_field(name.removesuffix("_id"))
        params.append(field.get_db_prep_save(values[name], connection))
    return params


def write_answer(values: dict, score: dict) -> tuple[int | None, bool]:
    """Insert the answer (``values`` by ANSWER_COLUMNS) unless one is stored for
    its (session, participant, question), and if inserted add ``score``
    (points, streak, correct, participant, expected streak, expected count)
    to the participant's row if it still holds the expected streak and
    count. Returns the new answer's id (None: already stored) and whether the
    score was added. Run inside a transaction."""
    insert, update = _write_sql(connection.vendor)
    update_params = [
        score["points"],
        score["streak"],
        score["correct"],
        score["participant"],
        score["expected_streak"],
        score["expected_count"],
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH new AS ({insert}), scored AS ({update} AND EXISTS (SELECT 1 FROM new) "  # noqa: S608 - metadata
                "RETURNING 1) SELECT (SELECT id FROM new), (SELECT COUNT(*) FROM scored)",
                [*_answer_params(values), *update_params],
            )
            answer_id, scored = cursor.fetchone()
            return answer_id, bool(scored)
        cursor.execute(insert, _answer_params(values))
        row = cursor.fetchone()
        if row is None:
            return None, False
        cursor.execute(update, update_params)
        return row[0], cursor.rowcount == 1
