"""Synthetic records into the database: persons, names, nationalities, documents, keys.

Each record becomes one :class:`~crossroads.people.models.Person`, as in a registry
that has not been deduplicated yet (the demo's duplicates to find, the search
benchmark's registry). A million records must load in minutes, so rows are written
as tuples with ``executemany`` (ids assigned here, one transaction per batch; the
PostgreSQL sequences are reset afterwards) rather than as model instances: the same
columns ``bulk_create`` would write, without building a million objects. Name keys
and scripts are computed once per distinct spelling.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pandas as pd
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from crossroads.people import choices
from crossroads.people.models import (
    IdentityDocument,
    NameKey,
    Nationality,
    Person,
    PersonName,
    number_key,
)
from crossroads.reference.models import Country
from crossroads.users.models import Organisation

PARTS = (("given", choices.NamePart.GIVEN), ("family", choices.NamePart.FAMILY),
         ("patronymic", choices.NamePart.PATRONYMIC))
BATCH = 20000
MODELS: tuple[type[models.Model], ...] = (Person, PersonName, Nationality, IdentityDocument,
                                          NameKey)


@cache
def _script(value: str) -> str:
    from crossroads.people.names.scripts import detect_script

    return detect_script(value)


@cache
def _keys(value: str, language: str) -> tuple[str, ...]:
    from crossroads.people.names.keys import name_keys

    return tuple(sorted(k for k in name_keys(value, language) if k and len(k) <= 80))


def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


class Table:
    """Raw inserts into one model's table: given columns per row, the rest constant
    (each field's default, prepared for the database once; ``created`` and
    ``last_updated`` now)."""

    def __init__(self, model: type[models.Model], given: Sequence[str]) -> None:
        self.model = model
        fields = {f.name: f for f in model._meta.concrete_fields}
        now = timezone.now()
        constants = {}
        for name, field in fields.items():
            if name in given or field.primary_key:
                continue
            auto = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            value = now if auto else field.get_default()
            constants[str(field.column)] = field.get_db_prep_save(value, connection)
        self.constant_values = tuple(constants.values())
        columns = ["id", *(str(fields[name].column) for name in given), *constants]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        table = connection.ops.quote_name(model._meta.db_table)
        # names from the model's metadata, quoted; every value is a parameter
        self.sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608
        self.next_id = (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1  # type: ignore[attr-defined]
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> int:
        """Queue one row; its id."""
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values, *self.constant_values))
        return row_id

    def flush(self, cursor: Any) -> int:
        count = len(self.rows)
        if self.rows:
            cursor.executemany(self.sql, self.rows)
            self.rows = []
        return count


def load_into_db(records: pd.DataFrame | Iterable[Mapping[str, Any]],
                 organisation: Organisation, *, keys: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Register every record as a person of ``organisation``; return the row counts.

    Nationalities whose country is not in the reference tables are left out (counted
    under "unknown_countries"). ``progress(done, total)`` is called after each batch.
    """
    rows = records.to_dict("records") if isinstance(records, pd.DataFrame) else list(records)
    countries = {c.iso3: c.pk for c in Country.objects.all().only("pk", "iso3")}
    uid_field = Person._meta.get_field("uid")
    tables = {
        "persons": Table(Person, ("uid", "organisation", "sex", "birth_year", "birth_month",
                                  "birth_day", "notes")),
        "names": Table(PersonName, ("person", "part", "value", "script", "language", "scheme",
                                    "source", "position")),
        "nationalities": Table(Nationality, ("person", "country")),
        "documents": Table(IdentityDocument, ("person", "kind", "number", "number_key",
                                              "issuing_state")),
        "keys": Table(NameKey, ("person", "part", "key")),
    }
    counts = dict.fromkeys(tables, 0)
    counts["unknown_countries"] = 0
    for start in range(0, len(rows), BATCH):
        for row in rows[start:start + BATCH]:
            person = tables["persons"].add(
                uid_field.get_db_prep_save(uuid.uuid4(), connection), organisation.pk,
                row.get("sex") or choices.Sex.UNKNOWN, _int(row.get("birth_year")),
                _int(row.get("birth_month")), _int(row.get("birth_day")),
                f"synthetic record {row.get('unique_id')}")
            _details(person, row, tables, countries, keys, counts)
        with transaction.atomic(), connection.cursor() as cursor:
            for name, table in tables.items():
                counts[name] += table.flush(cursor)
        if progress is not None:
            progress(min(start + BATCH, len(rows)), len(rows))
    _reset_sequences()
    return counts


def _details(person: int, row: Mapping[str, Any], tables: dict[str, Table],
             countries: dict[str, int], with_keys: bool, counts: dict[str, int]) -> None:
    """Queue the names, keys, nationalities and documents of one record."""
    language = row.get("language") or ""
    scheme = row.get("scheme") or ""
    source = (row.get("source") or "")[:200]
    seen: set[tuple[str, str]] = set()
    for position, (field, part) in enumerate(PARTS):
        value = (row.get(field) or "").strip()[:200]
        if not value:
            continue
        tables["names"].add(person, part.value, value, _script(value), language, scheme,
                            source, position)
        if with_keys:
            for key in _keys(value, language):
                if (part, key) not in seen:
                    seen.add((part, key))
                    tables["keys"].add(person, part.value, key)
    codes = list(dict.fromkeys(row.get("nationalities") or ()))
    for code in codes:
        if code in countries:
            tables["nationalities"].add(person, countries[code])
        else:
            counts["unknown_countries"] += 1
    issuer = codes[0] if codes else "XXX"
    for number in row.get("document_numbers") or ():
        tables["documents"].add(person, choices.DocumentKind.PASSPORT.value, number,
                                number_key(number), issuer)


def _reset_sequences() -> None:
    """Let the database's own id sequences continue after the ids assigned here."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(MODELS))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
