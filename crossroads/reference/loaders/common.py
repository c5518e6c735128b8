"""Shared pieces of the loaders: results, progress, CSV reading and change-aware saving."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from django.db import models

from crossroads.reference.loaders.errors import Problem, ReferenceDataError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_M = TypeVar("_M", bound=models.Model)


@dataclass
class LoadResult:
    """How many records a load created, updated and left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        """All records the data file defines."""
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> int:
        """Records created or updated."""
        return self.created + self.updated

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


class Progress(Protocol):
    """What a loader reports progress to (a job, a progress bar)."""

    def start(self, total: int, message: str) -> None: ...

    def advance(self, steps: int = 1, message: str | None = None) -> None: ...


class NullProgress:
    """Progress that goes nowhere."""

    def start(self, total: int, message: str) -> None:
        """Ignore the start."""

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        """Ignore the step."""


@dataclass(frozen=True)
class CsvRow:
    """A data row of a CSV file with the line it starts on."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The stripped value of a column ('' if absent or empty)."""
        return (self.values.get(column) or "").strip()


def read_csv(
    path: Path, required: Iterable[str]
) -> tuple[list[str], list[CsvRow], list[Problem]]:
    """Header, rows and row-shape problems of a UTF-8 CSV file.

    Raises :class:`ReferenceDataError` at once if the file cannot be read or lacks a
    required column. Blank lines are skipped; each row knows the line it starts on.
    """
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = _records(csv.reader(handle))
    except FileNotFoundError as error:
        raise ReferenceDataError([Problem(name, None, "file not found")]) from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise ReferenceDataError([Problem(name, None, f"cannot read CSV: {error}")]) from error
    if not records:
        raise ReferenceDataError([Problem(name, None, "the file is empty")])
    header_line, header = records[0]
    header = [column.strip() for column in header]
    missing = [column for column in required if column not in header]
    if missing:
        message = f"missing column(s): {', '.join(missing)}"
        raise ReferenceDataError([Problem(name, header_line, message)])
    rows, problems = [], []
    for line, fields in records[1:]:
        if len(fields) > len(header):
            message = f"{len(fields)} values but the header has {len(header)} columns"
            problems.append(Problem(name, line, message))
        rows.append(CsvRow(line, dict(zip(header, fields, strict=False))))
    return header, rows, problems


def _records(reader: Any) -> list[tuple[int, list[str]]]:
    """Non-blank records of a CSV reader with the line each starts on."""
    records = []
    start = 1
    for fields in reader:
        if any(field.strip() for field in fields):
            records.append((start, fields))
        start = reader.line_num + 1
    return records


def check_duplicate(
    seen: dict[str, int], value: str, what: str, problems: list[Problem], file: str, line: int
) -> None:
    """Report ``value`` if it was seen on an earlier line; otherwise remember its line."""
    if not value:
        return
    if value in seen:
        message = f"duplicate {what} {value!r} (also on line {seen[value]})"
        problems.append(Problem(file, line, message))
    else:
        seen[value] = line


def current_value(instance: models.Model, name: str) -> Any:
    """A field's stored value, as a primary key for foreign keys."""
    field = instance._meta.get_field(name)
    attname = getattr(field, "attname", name)
    return getattr(instance, attname)


def new_value(instance: models.Model, name: str, value: Any) -> Any:
    """A value to compare with :func:`current_value` (primary key for related objects)."""
    field = instance._meta.get_field(name)
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def upsert(
    model: type[_M], lookup: Mapping[str, Any], values: Mapping[str, Any], result: LoadResult
) -> _M:
    """Create or update a record, saving only if a value differs (so the log stays clean)."""
    instance = model._base_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.save()
        result.created += 1
        return instance
    changed = [
        name for name, value in values.items()
        if current_value(instance, name) != new_value(instance, name, value)
    ]
    if not changed:
        result.unchanged += 1
        return instance
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    result.updated += 1
    return instance


def sync_many(manager: Any, wanted: Iterable[models.Model]) -> bool:
    """Make a many-to-many relation hold exactly ``wanted``; True if it changed."""
    wanted_by_pk = {obj.pk: obj for obj in wanted}
    current = set(manager.values_list("pk", flat=True))
    to_add = [obj for pk, obj in wanted_by_pk.items() if pk not in current]
    to_remove = current - wanted_by_pk.keys()
    if to_add:
        manager.add(*to_add)
    if to_remove:
        manager.remove(*to_remove)
    return bool(to_add or to_remove)
