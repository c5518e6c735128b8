"""Import administrative areas (P-coded provinces, districts…) from a CSV file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from crossroads.reference.loaders.common import (
    CsvRow,
    LoadResult,
    NullProgress,
    Progress,
    check_duplicate,
    read_csv,
    upsert,
)
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.models import AdminArea, Country

REQUIRED_COLUMNS = ("country_iso3", "pcode", "name", "level")
OPTIONAL_COLUMNS = ("name_local", "name_ru")
MAX_LENGTHS = {"pcode": 30, "name": 150, "name_local": 150, "name_ru": 150}
LEVELS = range(1, 6)


@dataclass(frozen=True)
class Node:
    """What the hierarchy check needs to know of an area, from the file or the database."""

    country: str
    level: int | None
    parent: str
    line: int | None = None


def parse_level(value: str) -> int | None:
    """The level as an integer 1-5, or None if it is not one."""
    try:
        level = int(value)
    except ValueError:
        return None
    return level if level in LEVELS else None


def row_problems(row: CsvRow, file: str, countries: set[str]) -> list[Problem]:
    """Problems with the values of one row, on their own."""
    problems = []

    def bad(message: str) -> None:
        problems.append(Problem(file, row.line, message))

    if row.get("country_iso3") not in countries:
        bad(f"unknown country {row.get('country_iso3')!r}")
    if not row.get("pcode"):
        bad("pcode is empty")
    if not row.get("name"):
        bad("name is empty")
    if parse_level(row.get("level")) is None:
        bad(f"level must be a whole number from 1 to 5, not {row.get('level')!r}")
    for column, limit in MAX_LENGTHS.items():
        if len(row.get(column)) > limit:
            bad(f"{column} is longer than {limit} characters")
    return problems


def stored_nodes(rows: list[CsvRow]) -> dict[str, Node]:
    """Areas in the database that the file's rows or their parents may refer to."""
    countries = {row.get("country_iso3") for row in rows}
    pcodes = {row.get("parent_pcode") for row in rows} | {row.get("pcode") for row in rows}
    stored = AdminArea._base_manager.filter(Q(country__iso3__in=countries) | Q(pcode__in=pcodes))
    return {
        pcode: Node(country, level, parent or "")
        for pcode, country, level, parent in stored.values_list(
            "pcode", "country__iso3", "level", "parent__pcode"
        )
    }


def file_nodes(rows: list[CsvRow], header: list[str], stored: dict[str, Node]) -> dict[str, Node]:
    """The areas as the file defines them (a file without parent_pcode keeps stored parents)."""
    nodes: dict[str, Node] = {}
    for row in rows:
        pcode = row.get("pcode")
        if "parent_pcode" in header:
            parent = row.get("parent_pcode")
        else:
            parent = stored[pcode].parent if pcode in stored else ""
        nodes.setdefault(
            pcode, Node(row.get("country_iso3"), parse_level(row.get("level")), parent, row.line)
        )
    return nodes


def parent_problems(pcode: str, node: Node, nodes: dict[str, Node], file: str) -> list[Problem]:
    """Problems with an area's parent: unknown, in another country, or not a higher level."""
    if not node.parent:
        return []
    if node.parent == pcode:
        return [Problem(file, node.line, f"{pcode} is its own parent")]
    parent = nodes.get(node.parent)
    if parent is None:
        return [Problem(file, node.line, f"unknown parent pcode {node.parent!r}")]
    problems = []
    if parent.country != node.country:
        message = f"parent {node.parent} is in {parent.country}, not {node.country}"
        problems.append(Problem(file, node.line, message))
    if node.level is not None and parent.level is not None and parent.level >= node.level:
        message = (
            f"parent {node.parent} has level {parent.level}, "
            f"which must be lower than this area's level {node.level}"
        )
        problems.append(Problem(file, node.line, message))
    return problems


def cycle_problem(pcode: str, nodes: dict[str, Node], file: str) -> Problem | None:
    """A problem if following parents from an area leads back to it."""
    chain = [pcode]
    current = nodes[pcode].parent
    while current and current in nodes and current not in chain:
        chain.append(current)
        current = nodes[current].parent
    if current != pcode or len(chain) < 2:
        return None
    return Problem(file, nodes[pcode].line, f"parent cycle: {' → '.join([*chain, pcode])}")


def validate(rows: list[CsvRow], header: list[str], file: str) -> list[Problem]:
    """Every problem in an admin-areas file, including its hierarchy."""
    countries = set(Country._base_manager.values_list("iso3", flat=True))
    problems = [problem for row in rows for problem in row_problems(row, file, countries)]
    seen: dict[str, int] = {}
    for row in rows:
        check_duplicate(seen, row.get("pcode"), "pcode", problems, file, row.line)
    stored = stored_nodes(rows)
    defined = file_nodes(rows, header, stored)
    nodes = {**stored, **defined}
    for pcode, node in defined.items():
        problems += parent_problems(pcode, node, nodes, file)
        cycle = cycle_problem(pcode, nodes, file)
        if cycle is not None:
            problems.append(cycle)
    return problems


def area_values(row: CsvRow, header: list[str], countries: dict[str, Country]) -> dict:
    """The fields a row sets, except the parent (optional columns only if present)."""
    values: dict[str, object] = {
        "country": countries[row.get("country_iso3")],
        "name": row.get("name"),
        "level": parse_level(row.get("level")),
    }
    values.update({column: row.get(column) for column in OPTIONAL_COLUMNS if column in header})
    return values


def write_areas(
    rows: list[CsvRow], header: list[str], progress: Progress, result: LoadResult
) -> None:
    """Save the rows, parents first (lower levels first), reporting progress per row."""
    countries = {country.iso3: country for country in Country._base_manager.all()}
    saved: dict[str, AdminArea] = {}
    for row in sorted(rows, key=lambda row: (parse_level(row.get("level")) or 0, row.line)):
        values = area_values(row, header, countries)
        if "parent_pcode" in header:
            parent_pcode = row.get("parent_pcode")
            parent = saved.get(parent_pcode) if parent_pcode else None
            if parent_pcode and parent is None:
                parent = AdminArea._base_manager.get(pcode=parent_pcode)
            values["parent"] = parent
        saved[row.get("pcode")] = upsert(AdminArea, {"pcode": row.get("pcode")}, values, result)
        progress.advance(1)


def load_admin_areas(path: Path | str, progress: Progress | None = None) -> LoadResult:
    """Create or update administrative areas from a CSV file.

    Columns: ``country_iso3, pcode, name, level`` and optionally ``name_local, name_ru,
    parent_pcode``. A parent may come anywhere in the file or already be stored. The
    whole file is checked first (levels 1-5, parents at a lower level, unique P-codes,
    no cycles); problems raise :class:`ReferenceDataError` with file and line, and
    nothing is written. ``progress`` gets ``start(total, message)`` and ``advance()``.
    """
    path = Path(path)
    progress = progress or NullProgress()
    header, rows, problems = read_csv(path, REQUIRED_COLUMNS)
    problems += validate(rows, header, str(path))
    if problems:
        raise ReferenceDataError(problems)
    progress.start(len(rows), f"Importing {len(rows)} administrative areas from {path.name}")
    result = LoadResult()
    with transaction.atomic():
        write_areas(rows, header, progress, result)
    return result
