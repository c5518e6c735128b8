"""Load countries and territories (ISO 3166-1, plus Kosovo as XKX) from countries.csv."""

from __future__ import annotations

import re
from pathlib import Path

from django.db import transaction

from crossroads.reference.loaders.common import (
    DATA_DIR,
    CsvRow,
    LoadResult,
    check_duplicate,
    read_csv,
    upsert,
)
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.models import Country

COUNTRIES_CSV = DATA_DIR / "countries.csv"
REQUIRED_COLUMNS = ("iso3", "iso2", "numeric", "name")
OPTIONAL_COLUMNS = ("official_name", "name_ru", "note")
MAX_LENGTHS = {"name": 100, "name_ru": 100, "official_name": 200}

ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
NUMERIC = re.compile(r"^\d{3}$")


def row_problems(row: CsvRow, file: str) -> list[Problem]:
    """Problems with the values of one row, on their own."""
    problems = []

    def bad(message: str) -> None:
        problems.append(Problem(file, row.line, message))

    if not ISO3.match(row.get("iso3")):
        bad(f"iso3 must be three capital letters, not {row.get('iso3')!r}")
    if not ISO2.match(row.get("iso2")):
        bad(f"iso2 must be two capital letters, not {row.get('iso2')!r}")
    if row.get("numeric") and not NUMERIC.match(row.get("numeric")):
        bad(f"numeric must be empty or three digits, not {row.get('numeric')!r}")
    if not row.get("name"):
        bad("name is empty")
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column)) > limit:
            bad(f"{column} is longer than {limit} characters")
    return problems


def duplicate_problems(rows: list[CsvRow], file: str) -> list[Problem]:
    """Codes used by more than one row, each naming the other row's line."""
    problems: list[Problem] = []
    seen: dict[str, dict[str, int]] = {"iso3": {}, "iso2": {}, "numeric": {}}
    for row in rows:
        for column, lines in seen.items():
            check_duplicate(lines, row.get(column), column, problems, file, row.line)
    return problems


def conflict_problems(rows: list[CsvRow], file: str) -> list[Problem]:
    """Alpha-2 codes held in the database by a country with another alpha-3 code."""
    stored = dict(Country._base_manager.values_list("iso2", "iso3"))
    problems = []
    for row in rows:
        holder = stored.get(row.get("iso2"))
        if holder is not None and holder != row.get("iso3"):
            message = f"iso2 {row.get('iso2')!r} already belongs to {holder} in the database"
            problems.append(Problem(file, row.line, message))
    return problems


def validate(rows: list[CsvRow], file: str) -> list[Problem]:
    """Every problem in the rows of a countries file."""
    problems = [problem for row in rows for problem in row_problems(row, file)]
    problems += duplicate_problems(rows, file)
    problems += conflict_problems(rows, file)
    return problems


def country_values(row: CsvRow, header: list[str]) -> dict[str, str]:
    """The fields a row sets (optional columns only if the file has them)."""
    values = {column: row.get(column) for column in ("iso2", "numeric", "name")}
    values.update({column: row.get(column) for column in OPTIONAL_COLUMNS if column in header})
    return values


def load_countries(path: Path | str | None = None) -> LoadResult:
    """Create or update countries from a CSV file (default: the shipped countries.csv).

    Validates every row first and raises :class:`ReferenceDataError` listing all
    problems, writing nothing. Rows whose values are unchanged are not saved.
    """
    path = Path(path) if path is not None else COUNTRIES_CSV
    header, rows, problems = read_csv(path, REQUIRED_COLUMNS)
    problems += validate(rows, str(path))
    if problems:
        raise ReferenceDataError(problems)
    result = LoadResult()
    with transaction.atomic():
        for row in rows:
            upsert(Country, {"iso3": row.get("iso3")}, country_values(row, header), result)
    return result
