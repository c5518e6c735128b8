"""The linkage frame: one row per person record, with the derived comparison columns.

Splink compares columns, not persons, so every name part is rendered once into
what the model compares (see :mod:`crossroads.people.matching.model`):

- ``<part>_canon``: one canonical upper-case ASCII rendering (Jaro-Winkler, exact,
  term frequencies);
- ``<part>_keys``: the sorted comparison keys of all the spellings of the part, so that
  IULIIA, YULIYA and Юлия meet (array intersection, exploded for blocking);
- ``<part>_coarse``: the coarse keys (``~…``), which also make ZIVKOVIC meet Живковић;
- ``given_first``: the canonical first word of the given name (EM training block);
- ``birth_year``/``birth_month``/``birth_day`` as given (partial dates stay partial);
- ``sex`` (None when unknown), ``nationalities`` and ``documents`` (arrays, None when
  empty) and ``document`` (the first number, for the typo level).

Empty values are None, never empty strings or lists, so that each comparison's null
level sees them. The column types are fixed by :data:`COLUMNS` so that a frame with
no documents at all still has an array column on DuckDB and Spark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

#: Keys starting with this are coarse (they also merge letters ASCII spellings lose):
#: kept in ``<part>_coarse`` and compared on a weaker level than the exact keys.
COARSE = "~"
#: Name parts compared by the model.
PARTS = ("given", "family", "patronymic")

#: Column name → type ("str", "int", "list") of the derived frame (extra columns are str).
COLUMNS: dict[str, str] = {
    "unique_id": "str",
    **{f"{part}_canon": "str" for part in PARTS},
    **{f"{part}_keys": "list" for part in PARTS},
    **{f"{part}_coarse": "list" for part in PARTS},
    "given_first": "str",
    "birth_year": "int",
    "birth_month": "int",
    "birth_day": "int",
    "sex": "str",
    "nationalities": "list",
    "documents": "list",
    "document": "str",
}


@dataclass(frozen=True)
class Keyer:
    """The two name functions the frame needs (H1's ``names.keys``; replaceable in tests)."""

    name_keys: Callable[..., Iterable[str]]
    canonical: Callable[..., str]


def default_keyer() -> Keyer:
    """The project's transliteration-aware keys (imported late: a heavy module)."""
    from crossroads.people.names.keys import canonical, name_keys

    return Keyer(name_keys=name_keys, canonical=canonical)


def _memoised(keyer: Keyer) -> Keyer:
    """The keyer with a cache: registries repeat names, and keys cost more than lookups."""
    return Keyer(name_keys=lru_cache(maxsize=200_000)(keyer.name_keys),
                 canonical=lru_cache(maxsize=200_000)(keyer.canonical))


def _spellings(value: Any) -> list[str]:
    """A part given as a string or as several spellings, without blanks."""
    if isinstance(value, str):
        values = [value]
    elif isinstance(value, (list, tuple)):
        values = list(value)
    else:  # None, NaN
        return []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _or_none(values: Iterable[str]) -> list[str] | None:
    out = sorted({v for v in values if v})
    return out or None


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number or None


def record_row(record: Mapping[str, Any], keyer: Keyer,
               extra: Sequence[str] = ()) -> dict[str, Any]:
    """The derived row of one person record (see the module docstring)."""
    language = record.get("language") or ""
    row: dict[str, Any] = {"unique_id": str(record["unique_id"])}
    for part in PARTS:
        spellings = _spellings(record.get(part))
        canon = keyer.canonical(spellings[0], language) if spellings else ""
        row[f"{part}_canon"] = canon or None
        keys = {key for spelling in spellings for key in keyer.name_keys(spelling, language)}
        row[f"{part}_keys"] = _or_none(k for k in keys if not k.startswith(COARSE))
        row[f"{part}_coarse"] = _or_none(k for k in keys if k.startswith(COARSE))
    given = _spellings(record.get("given"))
    first_word = given[0].split()[0] if given else ""
    row["given_first"] = (keyer.canonical(first_word, language) or None) if first_word else None
    for field in ("birth_year", "birth_month", "birth_day"):
        row[field] = _int_or_none(record.get(field))
    sex = (record.get("sex") or "").upper()
    row["sex"] = sex if sex in {"F", "M", "X"} else None
    row["nationalities"] = _or_none(str(n).upper() for n in record.get("nationalities") or [])
    numbers = [_document_key(n) for n in record.get("document_numbers") or []]
    row["documents"] = _or_none(numbers)
    row["document"] = next((n for n in numbers if n), None)
    for column in extra:
        value = record.get(column)
        row[column] = str(value).strip() or None if value is not None else None
    return row


def _document_key(number: Any) -> str:
    from crossroads.people.models import number_key

    return number_key(str(number or ""))


def records_frame(rows: Iterable[Mapping[str, Any]], keyer: Keyer | None = None,
                  extra: Sequence[str] = ()) -> pd.DataFrame:
    """The linkage frame of person records.

    Each record is a mapping with ``unique_id``, ``given``, ``family``, ``patronymic``
    (a string, or a list of spellings: the first is the primary one, all give keys),
    ``birth_year``, ``birth_month``, ``birth_day``, ``sex``, ``nationalities`` (list),
    ``document_numbers`` (list) and ``language`` (a hint for the name keys). ``extra``
    names further string columns copied as they are (addresses in the FEBRL benchmark).
    """
    keyer = _memoised(keyer or default_keyer())
    data = [record_row(record, keyer, extra) for record in rows]
    columns = list(COLUMNS) + list(extra)
    frame = pd.DataFrame(data, columns=columns)
    for column, kind in COLUMNS.items():
        if kind == "int":
            frame[column] = frame[column].astype("Int64")
    return frame


def persons_frame(queryset: Any = None, keyer: Keyer | None = None) -> pd.DataFrame:
    """The linkage frame of the active persons in ``queryset`` (all by default).

    Names of a part are taken in their order (position, then creation): the first is the
    primary spelling, every spelling contributes keys.
    """
    from crossroads.people import choices
    from crossroads.people.models import Person

    persons = (queryset if queryset is not None else Person.objects.all())
    persons = persons.filter(status=choices.PersonStatus.ACTIVE).prefetch_related(
        "names", "nationalities__country", "documents")
    return records_frame((person_record(person) for person in persons.iterator(chunk_size=2000)),
                         keyer=keyer)


def person_record(person: Any) -> dict[str, Any]:
    """The record of one person (names, date of birth, sex, nationalities, documents)."""
    from crossroads.people import choices

    names = sorted(person.names.all(), key=lambda n: (n.position, n.created, n.pk))
    record: dict[str, Any] = {"unique_id": person.pk, "language": ""}
    parts = {"given": choices.NamePart.GIVEN, "family": choices.NamePart.FAMILY,
             "patronymic": choices.NamePart.PATRONYMIC}
    for field, part in parts.items():
        record[field] = [n.value for n in names if n.part == part]
    record["language"] = next((n.language for n in names if n.language), "")
    record.update(birth_year=person.birth_year, birth_month=person.birth_month,
                  birth_day=person.birth_day, sex=person.sex)
    record["nationalities"] = [n.country.iso3 for n in person.nationalities.all()]
    record["document_numbers"] = [d.number_key or d.number for d in person.documents.all()]
    return record

