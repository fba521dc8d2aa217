"""A hot read query's SQL compiled once per process (issue 14, the exam moment).

Django compiles a queryset to SQL on every evaluation: for the few small
queries a Start or a Submit runs, that compiling costs more CPU than
PostgreSQL spends answering them. ``CompiledQuery`` builds the queryset once per
database with placeholder values, keeps the SQL, the column converters and
(for model querysets) how rows become objects, and then only substitutes the
values, runs the SQL and converts the rows as the ORM would: the same
statement, the same objects, the same query count.

Placeholders must reach the SQL parameters unchanged: distinct strings for
text lookups, distinct integers (use ``placeholder_int``) for keys. Compiling
checks that each one appears among the parameters, so a queryset that
transforms its values is refused rather than run wrongly."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators

from lms.core.server_bound import server_bound_cursor


def placeholder_text(name: str) -> str:
    return f"\x00{name}\x00"


def placeholder_int(number: int, *, small: bool = False) -> int:
    """A value different for each ``number``, within the column's range (Django
    turns an out-of-range lookup into "no rows", leaving no parameter): a 32-bit
    integer's, or with ``small`` a positive small integer's."""
    return 32_000 + number if small else -2_100_000_000 - number


def in_key_range(model, value: int) -> bool:
    """Whether ``value`` fits the model's primary key column (the ORM answers
    "no rows" for one that does not; compiled SQL must not send it)."""
    from django.db import connection

    low, high = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
    return (low is None or value >= low) and (high is None or value <= high)


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple  # constants, or the _Slot of the value to put there
    converters: tuple  # (position, converters, expression)
    objects: tuple | None  # (model, init_list, start, end, populators) for model querysets


@dataclass(frozen=True)
class _Slot:
    """Where a call's value goes among the parameters, in the type the ORM
    gave the placeholder (psycopg's Int2 for a small integer column…)."""

    index: int
    kind: type


class CompiledQuery:
    """``build(*placeholders)`` -> a queryset (a model or ``values_list`` one,
    tuples), compiled once per database; ``objects(*values)`` or
    ``rows(*values)`` run it with the values in the placeholders' places."""

    def __init__(self, build: Callable, *placeholders) -> None:
        self._build = build
        self._placeholders = placeholders
        self._plans: dict[tuple[str, str], _Plan] = {}
        self._lock = threading.Lock()
        self._for_write: bool | None = None
        self._model = None

    def _alias(self) -> str:
        if self._model is None:
            queryset = self._build(*self._placeholders)
            self._model, self._for_write = queryset.model, queryset._for_write
        if self._for_write:
            return router.db_for_write(self._model)
        return router.db_for_read(self._model)

    def _plan(self, alias: str) -> _Plan:
        connection = connections[alias]
        key = (alias, connection.vendor)
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._compile(alias)
                self._plans[key] = plan
        return plan

    def _compile(self, alias: str) -> _Plan:
        queryset = self._build(*self._placeholders)
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            raise TypeError("only model and values_list (tuple) querysets are compiled")
        if queryset._known_related_objects or queryset._prefetch_related_lookups:
            raise TypeError("known related objects and prefetches are not compiled")
        compiler = queryset.query.get_compiler(using=alias)
        sql, raw_params = compiler.as_sql()
        params = []
        for value in raw_params:
            found = [
                index
                for index, placeholder in enumerate(self._placeholders)
                if isinstance(value, type(placeholder)) and value == placeholder
            ]
            params.append(_Slot(found[0], type(value)) if found else value)
        missing = set(range(len(self._placeholders))) - {
            p.index for p in params if isinstance(p, _Slot)
        }
        if missing:
            raise ValueError(f"placeholders {sorted(missing)} did not reach the SQL unchanged")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = tuple(
            (position, tuple(convs), expression)
            for position, (convs, expression) in compiler.get_converters(fields).items()
        )
        objects = None
        if queryset._iterable_class is ModelIterable:
            if compiler.annotation_col_map:
                raise TypeError("annotations are not compiled")
            klass_info, select = compiler.klass_info, compiler.select
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            init_list = tuple(column[0].target.attname for column in select[start:end])
            populators = tuple(get_related_populators(klass_info, select, alias))
            objects = (klass_info["model"], init_list, start, end, populators)
        return _Plan(sql, tuple(params), converters, objects)

    def _run(self, values: tuple) -> tuple[str, _Plan, list]:
        if len(values) != len(self._placeholders):
            raise TypeError(f"expected {len(self._placeholders)} values, got {len(values)}")
        alias = self._alias()
        plan = self._plan(alias)
        params = [
            (values[p.index] if p.kind is type(values[p.index]) else p.kind(values[p.index]))
            if isinstance(p, _Slot)
            else p
            for p in plan.params
        ]
        connection = connections[alias]
        # Bound on the server: PostgreSQL plans it once per connection (lms/core/server_bound.py).
        with server_bound_cursor(connection) as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            converted = []
            for row in rows:
                row = list(row)
                for position, convs, expression in plan.converters:
                    value = row[position]
                    for convert in convs:
                        value = convert(value, expression, connection)
                    row[position] = value
                converted.append(row)
            rows = converted
        return alias, plan, rows

    def rows(self, *values) -> list[tuple]:
        """A ``values_list`` queryset's rows, as tuples."""
        _alias, _plan, rows = self._run(values)
        return [tuple(row) for row in rows]

    def objects(self, *values) -> list:
        """A model queryset's objects, with their ``select_related`` objects."""
        alias, plan, rows = self._run(values)
        if plan.objects is None:
            raise TypeError("a values_list query has no objects; use rows()")
        model, init_list, start, end, populators = plan.objects
        found = []
        for row in rows:
            instance = model.from_db(alias, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            found.append(instance)
        return found
