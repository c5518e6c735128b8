"""Synthetic records into the database: persons, names, nationalities, documents, keys.

Each record becomes one :class:`~crossroads.people.models.Person`, as in a registry
that has not been deduplicated yet (the demo's duplicates to find, the search
benchmark's registry). Rows are written with ``bulk_create`` in batches, one
transaction per batch; the name keys are computed once per distinct spelling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

import pandas as pd
from django.db import transaction

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
BATCH = 5000


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


def load_into_db(records: pd.DataFrame | Iterable[Mapping[str, Any]],
                 organisation: Organisation, *, keys: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Register every record as a person of ``organisation``; return the row counts.

    Nationalities whose country is not in the reference tables are left out (counted
    under "unknown_countries"). ``progress(done, total)`` is called after each batch.
    """
    rows = records.to_dict("records") if isinstance(records, pd.DataFrame) else list(records)
    countries = {c.iso3: c.pk for c in Country.objects.all().only("pk", "iso3")}
    counts = {"persons": 0, "names": 0, "nationalities": 0, "documents": 0, "keys": 0,
              "unknown_countries": 0}
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        with transaction.atomic():
            _write(batch, organisation, countries, keys, counts)
        if progress is not None:
            progress(min(start + BATCH, len(rows)), len(rows))
    return counts


def _write(batch: list[Mapping[str, Any]], organisation: Organisation,
           countries: dict[str, int], with_keys: bool, counts: dict[str, int]) -> None:
    persons = Person.objects.bulk_create([
        Person(organisation=organisation,
               sex=(row.get("sex") or choices.Sex.UNKNOWN),
               birth_year=_int(row.get("birth_year")), birth_month=_int(row.get("birth_month")),
               birth_day=_int(row.get("birth_day")),
               notes=f"synthetic record {row.get('unique_id')}")
        for row in batch])
    names: list[PersonName] = []
    nationalities: list[Nationality] = []
    documents: list[IdentityDocument] = []
    keys: list[tuple[int, str, str]] = []
    for person, row in zip(persons, batch, strict=True):
        language = row.get("language") or ""
        for field, part in PARTS:
            value = (row.get(field) or "").strip()
            if not value:
                continue
            names.append(PersonName(person=person, part=part, value=value[:200],
                                    script=_script(value), language=language,
                                    scheme=row.get("scheme") or "",
                                    source=(row.get("source") or "")[:200]))
            if with_keys:
                keys.extend((person.pk, part, key) for key in _keys(value, language))
        seen = set()
        for code in row.get("nationalities") or ():
            if code in countries and code not in seen:
                seen.add(code)
                nationalities.append(Nationality(person=person, country_id=countries[code]))
            elif code not in countries:
                counts["unknown_countries"] += 1
        issuer = next(iter(row.get("nationalities") or ()), "") or ""
        for number in row.get("document_numbers") or ():
            documents.append(IdentityDocument(
                person=person, kind=choices.DocumentKind.PASSPORT, number=number,
                number_key=number_key(number), issuing_state=issuer or "XXX"))
    PersonName.objects.bulk_create(names)
    Nationality.objects.bulk_create(nationalities)
    IdentityDocument.objects.bulk_create(documents)
    NameKey.objects.bulk_create([NameKey(person_id=p, part=part, key=key)
                                 for p, part, key in dict.fromkeys(keys)],
                                ignore_conflicts=True)
    counts["persons"] += len(persons)
    counts["names"] += len(names)
    counts["nationalities"] += len(nationalities)
    counts["documents"] += len(documents)
    counts["keys"] += len(dict.fromkeys(keys))
