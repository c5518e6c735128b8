"""The "Total" workbooks of the 2015, 2017 and 2020 revisions: stock, population, refugees.

Each workbook has one sheet per table, with destinations down and, across, one block
of year columns per sex. Three tables are imported: Table 1 (international migrant
stock by sex → ``MIG_STOCK``), Table 2 (total population by sex, in thousands →
``POP`` with unit multiplier 3) and Table 6 (estimated refugee stock → ``REF_STOCK_EST``).
Tables 3, 4 and 5 (shares and growth rates) are derived indicators in Crossroads.
The blocks are found by their titles, so the reader follows the layout of each revision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from crossroads.evidence.choices import Sex
from crossroads.evidence.importers.base import Figure, Importer
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.undesa.common import (
    REVISION_2015,
    REVISION_2017,
    REVISION_2020,
    SOURCE,
    cell_at,
    column_letter,
    footnotes,
    location,
    open_workbook,
    read_cell,
    revision,
    row_note,
    sheet_rows,
    text,
)
from crossroads.evidence.importers.values import NotANumber


@dataclass(frozen=True)
class Table:
    """A table of the workbook to import, and which of its column blocks hold the figures."""

    sheet: str
    indicator: str
    wanted: Callable[[str], bool]


def is_refugee_stock(title: str) -> bool:
    """Table 6's first block (not its percentages or growth rates)."""
    return "refugee" in title and "percentage" not in title and "rate of change" not in title


TABLES = (
    Table("Table 1", "MIG_STOCK", lambda title: "international migrant stock at mid-year" in title),
    Table("Table 2", "POP", lambda title: "population" in title),
    Table("Table 6", "REF_STOCK_EST", is_refugee_stock),
)


@dataclass(frozen=True)
class Column:
    """One year column of a table: where it is, its year, sex and unit multiplier."""

    index: int
    year: int
    sex: str
    multiplier: int


@dataclass(frozen=True)
class Layout:
    """Where a table's labels, codes, notes and figures are."""

    label: int
    code: int
    notes: int | None
    kind: int | None
    first_row: int
    columns: tuple[Column, ...]


def sex_in_title(title: str) -> str | None:
    """The sex a block title speaks of ("… (female)", "…, males", "both sexes …")."""
    if "female" in title:
        return Sex.FEMALE
    if "male" in title:
        return Sex.MALE
    if "both sexes" in title:
        return Sex.TOTAL
    return None


def year_of(cell: object) -> int | None:
    """A column's year, if the cell is one (1990.0 or "1990"; not "1990-1995")."""
    value = text(cell)
    return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None


def find_header(rows: list[list[Any]]) -> int:
    """The row naming the columns ("…country or area…", "… code", "Notes")."""
    for index, row in enumerate(rows):
        cells = [text(cell).lower() for cell in row]
        if any("country or area" in c for c in cells) and any(c.endswith("code") for c in cells):
            return index
    raise ValueError("no header row (with 'country or area' and a code column) was found")


def title_above(rows: list[list[Any]], column: int, bottom: int, top: int) -> str:
    """The nearest text above a block's first column (its title), lower-cased."""
    for index in range(bottom, top - 1, -1):
        cell = cell_at(rows[index], column)
        if isinstance(cell, str) and cell.strip() and year_of(cell) is None:
            return cell.strip().lower()
    return ""


def block_titles(rows: list[list[Any]], years: dict[int, int | None], years_row: int,
                 top: int) -> dict[int, str]:
    """For each year column, the title of its block (a block starts where the years restart)."""
    titles: dict[int, str] = {}
    current, previous = "", None
    for index in sorted(years):
        year = years[index]
        if year is None:
            previous = None
            continue
        if previous is None or year <= previous:
            current = title_above(rows, index, years_row, top)
        titles[index] = current
        previous = year
    return titles


def find_layout(rows: list[list[Any]], table: Table) -> Layout:
    """Where everything is in one table (raises ValueError if it is not a table we know)."""
    header = find_header(rows)
    names = [text(cell).lower() for cell in rows[header]]
    label = next(i for i, name in enumerate(names) if "country or area" in name)
    code = next(i for i, name in enumerate(names) if name.endswith("code"))
    notes = names.index("notes") if "notes" in names else None
    kind = next((i for i, name in enumerate(names) if name.startswith("type of data")), None)
    years_row = next((r for r in (header, header + 1) if r < len(rows) and any(
        year_of(cell) for cell in rows[r][code + 1:])), None)
    if years_row is None:
        raise ValueError(f"{table.sheet}: no row of years under the header (row {header + 1})")
    years = {i: year_of(cell) for i, cell in enumerate(rows[years_row]) if i > code}
    titles = block_titles(rows, years, years_row, max(0, header - 3))
    columns = []
    for index, year in years.items():
        title = titles.get(index, "")
        if year is None or not table.wanted(title):
            continue
        sex = sex_in_title(title)
        if sex is None:
            raise ValueError(f"{table.sheet}: column {column_letter(index)} says no sex: {title!r}")
        columns.append(Column(index, year, sex, 3 if "thousands" in title else 0))
    if not columns:
        raise ValueError(f"{table.sheet}: no column of {table.indicator} figures was found")
    return Layout(label, code, notes, kind, years_row + 1, tuple(columns))


class TotalsWorkbook(Importer):
    """Base of the importers of a revision's "Total" workbook (Tables 1, 2 and 6)."""

    source = SOURCE
    tables: ClassVar[tuple[Table, ...]] = TABLES

    def read(self, path: Path) -> Iterator[Figure]:
        workbook = open_workbook(path)
        notes = footnotes(workbook)
        for table in self.tables:
            yield from self.read_table(path, table, sheet_rows(workbook, table.sheet), notes)

    def read_table(self, path: Path, table: Table, rows: list[list[Any]],
                   notes: Mapping[str, str]) -> Iterator[Figure]:
        """Every figure of one table, one row (destination) after the other."""
        layout = find_layout(rows, table)
        seen: dict[str, list[Any]] = {}
        for index in range(layout.first_row, len(rows)):
            row, line = rows[index], index + 1
            label, code = text(cell_at(row, layout.label)), cell_at(row, layout.code)
            if not label and not text(code):
                continue
            area = location(code)
            if area is None:
                self.problem(path, line, f"{table.sheet}: {label!r} has no location code "
                             f"(column {column_letter(layout.code)}: {code!r})")
                continue
            values = [cell_at(row, column.index) for column in layout.columns]
            if area in seen:
                # The 2020 tables list Australia and New Zealand both as an SDG region and
                # as a subregion of Oceania, with the same figures: read it once.
                if seen[area] != values:
                    self.problem(path, line, f"{table.sheet}: {label!r} (code {text(code)}) "
                                 "appears twice with different figures")
                continue
            seen[area] = values
            note = row_note(cell_at(row, layout.kind), cell_at(row, layout.notes), notes)
            yield from self.row_figures(path, line, table, layout, area, values, note)

    def row_figures(self, path: Path, line: int, table: Table, layout: Layout, area: str,
                    values: list[Any], note: str) -> Iterator[Figure]:
        """The figures of one row: one per year column of the wanted blocks."""
        for column, value in zip(layout.columns, values, strict=True):
            try:
                reading = read_cell(value)
            except NotANumber as error:
                self.problem(path, line, f"{table.sheet}, column {column_letter(column.index)} "
                             f"({column.year}): {error}")
                continue
            yield Figure(table.indicator, area, column.year, reading.value, line=line,
                         sex=column.sex, unit_multiplier=column.multiplier,
                         status=reading.status, note=note)


@register
class MigrantStock2015(TotalsWorkbook):
    """UN DESA International Migrant Stock, 2015 revision: the "Total" workbook."""

    name = "undesa-2015"
    description = ("UN DESA International Migrant Stock 2015 revision: migrant stock, population "
                   "and refugee stock by sex, 1990-2015 (Tables 1, 2 and 6)")
    release = revision("undesa-ims-2015-totals", "International Migrant Stock: The 2015 Revision "
                       "(migrant stock, population and refugees by sex)", 2015, REVISION_2015)
    files = ("undesa_migrant_stock_2015/UN_MigrantStockTotal_2015.xlsx",)


@register
class MigrantStock2017(TotalsWorkbook):
    """UN DESA International Migrant Stock, 2017 revision: the "Total" workbook."""

    name = "undesa-2017"
    description = ("UN DESA International Migrant Stock 2017 revision: migrant stock, population "
                   "and refugee stock by sex, 1990-2017 (Tables 1, 2 and 6)")
    release = revision("undesa-ims-2017-totals", "International Migrant Stock: The 2017 Revision "
                       "(migrant stock, population and refugees by sex)", 2017, REVISION_2017)
    files = ("undesa_migrant_stock_2017/UN_MigrantStockTotal_2017.xlsx",)


@register
class MigrantStock2020(TotalsWorkbook):
    """UN DESA International Migrant Stock 2020: stock by sex and destination."""

    name = "undesa-2020"
    description = ("UN DESA International Migrant Stock 2020: migrant stock, population and "
                   "refugee stock by sex, 1990-2020 (Tables 1, 2 and 6)")
    release = revision("undesa-ims-2020-totals", "International Migrant Stock 2020 (migrant "
                       "stock, population and refugees by sex and destination)", 2020,
                       REVISION_2020)
    files = ("undesa_migrant_stock_2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx",)
