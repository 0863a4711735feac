"""Where generated rows go: one sink per table, COPY on PostgreSQL and batched ``bulk_create``
elsewhere, loaded parents first by a ``Writer``."""

from __future__ import annotations

import contextlib
import datetime
import functools
import json
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from django.db import connection, models

#: The columns every timestamped table starts with.
STAMPS = ("id", "created_at", "updated_at")


def columns(names: str) -> tuple[str, ...]:
    """A table's columns, in the order of its rows' values, from a space-separated list."""
    return tuple(names.split())


def stamped(names: str) -> tuple[str, ...]:
    """A timestamped table's columns: its id and timestamps, then ``names``."""
    return STAMPS + columns(names)


def _columns_check(model: type[models.Model], columns: Sequence[str]) -> None:
    """Every concrete column but an automatic id and a generated column (the database computes
    it) must be named: a new field cannot be forgotten."""
    names = {
        f.attname for f in model._meta.concrete_fields if not isinstance(f, models.GeneratedField)
    }
    pk = model._meta.pk
    optional = {pk.attname} if pk is not None and isinstance(pk, models.AutoField) else set()
    missing = names - set(columns) - optional
    unknown = set(columns) - names
    if missing or unknown:
        raise ValueError(
            f"Generator columns for {model._meta.label} do not match the model: "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}."
        )


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, dict | list):
        return json.dumps(value).translate(_COPY_ESCAPES)
    return str(value)


#: The same, by exact type for the common values: one lookup instead of a chain of checks, and
#: dates and times (a few thousand distinct ones) formatted once each.
_COPY_FORMATS: dict[type, Callable[[Any], str]] = {
    int: str,
    str: lambda value: value.translate(_COPY_ESCAPES),
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    datetime.date: functools.lru_cache(maxsize=16384)(str),
    datetime.datetime: functools.lru_cache(maxsize=65536)(str),
}


def _copy_text(value: Any) -> str:
    format_value = _COPY_FORMATS.get(type(value))
    if format_value is not None:
        return format_value(value)
    if isinstance(value, str):  # a choices member (``View.Status.OPEN``): learn its type
        _COPY_FORMATS[type(value)] = _COPY_FORMATS[str]
    return _copy_value(value)


class TableSink:
    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        _columns_check(model, columns)
        self.model = model
        self.columns = tuple(columns)
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once all rows are added."""


class CopySink(TableSink):
    """Spools rows in COPY text format to a temporary file; ``finish`` streams it to PostgreSQL."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        super().__init__(model, columns)
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.buffer: list[str] = []

    def add(self, row: Sequence[Any]) -> None:
        self.buffer.append("\t".join(map(_copy_text, row)))
        self.rows += 1
        if len(self.buffer) >= 20_000:
            self._spool()

    def _spool(self) -> None:
        if self.buffer:
            self.file.write("\n".join(self.buffer) + "\n")
            self.buffer = []

    def finish(self) -> None:
        self._spool()
        self.file.seek(0)
        if self.rows >= BIG_TABLE_ROWS:
            with _without_secondary_indexes_and_foreign_keys(self.model._meta.db_table):
                self._copy()
        else:
            self._copy()
        self.file.close()

    def _copy(self) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = {f.attname: str(f.column) for f in self.model._meta.concrete_fields}
        names = ", ".join(connection.ops.quote_name(columns[name]) for name in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                while chunk := self.file.read(1 << 20):
                    copy.write(chunk)


#: Tables this big are loaded without their plain indexes and foreign keys, which are rebuilt
#: (and the keys validated, in one join each) afterwards: much faster than row by row.
BIG_TABLE_ROWS = 200_000


@contextlib.contextmanager
def _without_secondary_indexes_and_foreign_keys(table: str) -> Iterator[None]:
    """Drop a table's non-unique indexes and foreign keys, then put them back, in the transaction.

    Unique indexes and the primary key stay, so uniqueness is still checked row by row.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        keys = cursor.fetchall()
        quoted = connection.ops.quote_name(table)
        for name, _ in keys:
            cursor.execute(
                f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            constraint = connection.ops.quote_name(name)
            cursor.execute(f"ALTER TABLE {quoted} ADD CONSTRAINT {constraint} {definition}")


@contextlib.contextmanager
def _explicit_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Keep the generated ``created_at``/``updated_at`` (``auto_now`` fields would set the time
    of the load), as COPY does."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class BulkCreateSink(TableSink):
    """Batched ``bulk_create`` for databases without COPY (SQLite in tests and local runs)."""

    batch_size = 2_000

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        super().__init__(model, columns)
        self.buffer: list[models.Model] = []

    def add(self, row: Sequence[Any]) -> None:
        self.buffer.append(self.model(**dict(zip(self.columns, row, strict=True))))
        self.rows += 1
        if len(self.buffer) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            with _explicit_timestamps(self.model):
                self.model._default_manager.bulk_create(self.buffer)
            self.buffer = []

    def finish(self) -> None:
        self._flush()


class Writer:
    """One sink per table, in the order first used; ``finish`` loads them all."""

    def __init__(self, *, use_copy: bool) -> None:
        self.use_copy = use_copy
        self.sinks: dict[type[models.Model], TableSink] = {}

    def table(self, model: type[models.Model], columns: Sequence[str]) -> TableSink:
        sink = self.sinks.get(model)
        if sink is None:
            sink_class = CopySink if self.use_copy else BulkCreateSink
            sink = self.sinks[model] = sink_class(model, columns)
        elif sink.columns != tuple(columns):
            raise ValueError(f"{model._meta.label} is written with two different column lists.")
        return sink

    def finish(self, progress: Callable[[str], None]) -> None:
        for model, sink in self.sinks.items():
            started = time.perf_counter()
            sink.finish()
            took = time.perf_counter() - started
            progress(f"  loaded {sink.rows:>10,} {model._meta.label} in {took:.1f} s")

    def counts(self) -> dict[str, int]:
        return {model._meta.label: sink.rows for model, sink in self.sinks.items()}
