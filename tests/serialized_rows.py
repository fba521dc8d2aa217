"""The session's rows back into the tables before each transactional test, in bulk.

Transactional tests flush every table, and the next one gets the session's rows
back from the serialized copy (``serialized_rollback``, tests/conftest.py).
Django's restore saves them one by one, an UPDATE then an INSERT per row: the
3,000-odd rows (the framework, the home page and library shelves, Wagtail's
defaults, role groups and permissions) cost a second and a half of CPU per
transactional test. Here each model's rows go in with a few multi-row INSERTs,
as raw as Django's (``raw=True``: the stored values as they are, no
``auto_now``, no ``save()``, and none of the raw-save signals that receivers
skip anyway). Before the first flush of a process the rows are still there
(Django restores then too): a model whose rows are there is restored Django's
way, an UPDATE per row."""

from __future__ import annotations

import types
from itertools import groupby

from django.core import serializers
from django.db import connections
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.db.transaction import atomic


def install(connection) -> None:
    """Make ``connection``'s test restore (TransactionTestCase's) use ``deserialize``."""
    creation = connection.creation
    creation.deserialize_db_from_string = types.MethodType(deserialize, creation)


def deserialize(creation, data: str) -> None:
    restore(creation.connection, data)


def restore(connection, data: str) -> None:
    """What Django's ``deserialize_db_from_string`` does, in one transaction, with
    constraint checks deferred to the end, a model's rows at a time."""
    alias = connection.alias
    tables = set()
    with atomic(using=alias):
        with connection.constraint_checks_disabled():
            objects = serializers.deserialize("json", data, using=alias)
            for model, group in groupby(objects, key=lambda found: type(found.object)):
                found = list(group)
                if _present(model, found[0].object, alias):
                    for entry in found:  # Django's own: UPDATE first, then INSERT
                        entry.save(using=alias)
                else:
                    _insert(model, [entry.object for entry in found], alias)
                    _many_to_many(found, alias)
                tables.add(model._meta.db_table)
        connection.check_constraints(table_names=tables)


def _present(model, row, alias) -> bool:
    """Whether the table holds the rows already (no flush yet in this process):
    after a flush it is empty."""
    return model._base_manager.using(alias).filter(pk=row.pk).exists()


def _insert(model, rows, alias) -> None:
    fields = [field for field in model._meta.local_concrete_fields if not field.generated]
    size = connections[alias].ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        model._base_manager._insert(
            rows[start : start + size], fields=fields, using=alias, raw=True
        )


def _many_to_many(found, alias) -> None:
    by_field = {}
    for entry in found:
        for name, values in (entry.m2m_data or {}).items():
            descriptor = getattr(type(entry.object), name)
            if type(descriptor) is not ManyToManyDescriptor:
                # e.g. modelcluster's, which keeps the set in memory until the
                # object is saved: what Django's restore does with it.
                getattr(entry.object, name).set(values)
                continue
            field = descriptor.field
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            by_field.setdefault(field, []).extend(
                through(**{f"{source}_id": entry.object.pk, f"{target}_id": value})
                for value in values
            )
    for field, rows in by_field.items():
        field.remote_field.through._base_manager.using(alias).bulk_create(
            rows, ignore_conflicts=True
        )
