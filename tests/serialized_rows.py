"""Put back the rows the migrations seed, after a transactional test's flush, in a few queries.

A transactional test with ``serialized_rollback`` (every one here: ``tests/conftest.py``, and
every browser test, whose live server needs a transactional database) starts with Django's
``deserialize_db_from_string``: it parses the JSON of the seeded rows (469 of them: content types,
permissions, Hear by Right standards, methods) and saves each row on its own, an UPDATE then an
INSERT, about 0.3 s of CPU a test (2026-12-06). ``fast_deserialize`` parses the JSON once per
process and inserts each model's rows with one ``bulk_create`` (updating, as ``save()`` would,
rows the table still has), in the same order, in one transaction, with the same constraint check
at the end: the same rows, with the same primary keys. A row that carries many-to-many data or
deferred fields, or a model with a parent table, goes back to Django's own way (none does today).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.core import serializers
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation

#: The parsed rows by serialized string: [(model, [field values by attname])], or None when a
#: row needs Django's own way.
_PARSED: dict[str, list[tuple[Any, list[dict[str, Any]]]] | None] = {}


def _parse(data: str, alias: str) -> list[tuple[Any, list[dict[str, Any]]]] | None:
    batches: list[tuple[Any, dict[Any, dict[str, Any]]]] = []
    for row in serializers.deserialize("json", data, using=alias):
        model = type(row.object)
        if row.m2m_data or row.deferred_fields or model._meta.parents:
            return None
        fields = model._meta.concrete_fields
        values = {field.attname: getattr(row.object, field.attname) for field in fields}
        if not (batches and batches[-1][0] is model):
            batches.append((model, {}))
        batches[-1][1][row.object.pk] = values  # a row given twice: the last wins, as with save()
    return [(model, list(rows.values())) for model, rows in batches]


def _put_back(model: Any, rows: list[dict[str, Any]], alias: str) -> None:
    """Insert the rows the table lacks and, as save() would, update those it has (the first
    transactional test of a process finds the seeded rows still there)."""
    manager = model._base_manager.using(alias)
    pk = model._meta.pk.attname
    present = set(
        manager.filter(pk__in=[values[pk] for values in rows]).values_list("pk", flat=True)
    )
    manager.bulk_create([model(**values) for values in rows if values[pk] not in present])
    fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
    if present and fields:
        manager.bulk_update([model(**values) for values in rows if values[pk] in present], fields)


def _deserialize(original: Any) -> Any:
    def deserialize_db_from_string(self: BaseDatabaseCreation, data: str) -> None:
        alias = self.connection.alias
        if data not in _PARSED:
            _PARSED[data] = _parse(data, alias)
        batches = _PARSED[data]
        if batches is None:
            return original(self, data)
        table_names = set()
        with transaction.atomic(using=alias):
            with self.connection.constraint_checks_disabled():
                for model, rows in batches:
                    _put_back(model, rows, alias)
                    table_names.add(model._meta.db_table)
            self.connection.check_constraints(table_names=table_names)
        return None

    return deserialize_db_from_string


@contextlib.contextmanager
def fast_deserialize() -> Iterator[None]:
    """While it is open, Django's serialized rollback puts the seeded rows back in bulk."""
    original = BaseDatabaseCreation.deserialize_db_from_string
    BaseDatabaseCreation.deserialize_db_from_string = _deserialize(original)  # type: ignore[method-assign]
    try:
        yield
    finally:
        BaseDatabaseCreation.deserialize_db_from_string = original  # type: ignore[method-assign]
