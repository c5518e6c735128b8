"""Load the organisation's offices (regional, country, coordination) from offices.csv."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from crossroads.reference.choices import OfficeKind
from crossroads.reference.loaders.common import (
    DATA_DIR,
    CsvRow,
    LoadResult,
    check_duplicate,
    read_csv,
    upsert,
)
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.models import Country, Office

OFFICES_CSV = DATA_DIR / "offices.csv"
COLUMNS = (
    "office", "kind", "country_iso3", "name", "street", "city", "postcode", "telephone", "fax",
    "email",
)
REQUIRED_COLUMNS = ("office", "kind", "country_iso3", "name")
MAX_LENGTHS = {
    "office": 20, "name": 200, "street": 200, "city": 100, "postcode": 20, "telephone": 60,
    "fax": 60, "email": 254,
}


def row_problems(row: CsvRow, file: str, countries: set[str]) -> list[Problem]:
    """Problems with the values of one office row."""
    problems = []

    def bad(message: str) -> None:
        problems.append(Problem(file, row.line, message))

    if not row.get("office"):
        bad("office code is empty")
    if row.get("kind") not in OfficeKind.values:
        bad(f"unknown kind {row.get('kind')!r} (one of: {', '.join(OfficeKind.values)})")
    if row.get("country_iso3") not in countries:
        bad(f"unknown country {row.get('country_iso3')!r}")
    if not row.get("name"):
        bad("name is empty")
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column)) > limit:
            bad(f"{column} is longer than {limit} characters")
    if row.get("email"):
        try:
            validate_email(row.get("email"))
        except ValidationError:
            bad(f"invalid email address {row.get('email')!r}")
    return problems


def validate(rows: list[CsvRow], file: str) -> list[Problem]:
    """Every problem in the rows of an offices file."""
    countries = set(Country._base_manager.values_list("iso3", flat=True))
    problems = [problem for row in rows for problem in row_problems(row, file, countries)]
    seen: dict[str, int] = {}
    for row in rows:
        check_duplicate(seen, row.get("office"), "office code", problems, file, row.line)
    return problems


def office_values(row: CsvRow, header: list[str], countries: dict[str, Country]) -> dict:
    """The fields a row sets (contact columns only if the file has them)."""
    values: dict[str, object] = {
        "kind": row.get("kind"),
        "country": countries[row.get("country_iso3")],
        "name": row.get("name"),
    }
    optional = [column for column in COLUMNS if column not in REQUIRED_COLUMNS]
    values.update({column: row.get(column) for column in optional if column in header})
    return values


def load_offices(path: Path | str | None = None) -> LoadResult:
    """Create or update offices from a CSV file (default: the shipped offices.csv).

    Countries must be loaded first. All rows are checked before anything is written;
    problems raise :class:`ReferenceDataError` with file and line.
    """
    path = Path(path) if path is not None else OFFICES_CSV
    header, rows, problems = read_csv(path, REQUIRED_COLUMNS)
    problems += validate(rows, str(path))
    if problems:
        raise ReferenceDataError(problems)
    countries = {country.iso3: country for country in Country._base_manager.all()}
    result = LoadResult()
    with transaction.atomic():
        for row in rows:
            values = office_values(row, header, countries)
            upsert(Office, {"code": row.get("office")}, values, result)
    return result
