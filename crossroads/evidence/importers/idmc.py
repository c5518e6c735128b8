"""IDMC Global Internal Displacement Database (GIDD): IDPs and new displacements, 2008–2022.

Sheet ``1_Displacement_data`` gives, per country and year, the stock of IDPs at the
end of the year and the new internal displacements during it, for conflict and
violence and for disasters, each rounded and raw. The raw (not rounded) figures are
stored; where the rounded cell is empty and the raw one is 0 (IDMC publishes no
rounded figure), the 0 is stored as IDMC's raw figure.

Sheet ``2_IDPs_SADD_estimates`` breaks the stocks of 2021 and 2022 down by sex
(Female, Male, Both sexes) and age. IDMC estimates it from UN population estimates,
so these figures are stored as estimated (status E). Its thirteen age groups are
kept as IDMC gives them; they overlap (0-4 is inside 0-14, which is inside 0-17…),
and 0-24, 25-64 and 65+ together make the whole stock.

IDMC reports Kosovo separately (XKX); ``AB9`` is IDMC's code for the Abyei Area.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

from crossroads.evidence.choices import KosovoConvention, ObservationStatus, Producer, SourceKind
from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec, SourceSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.values import NotANumber, Reading, read_number

FILE = "idmc_gidd/IDMC_Internal_Displacement_Conflict-Violence_Disasters.xlsx"
DISPLACEMENT_SHEET = "1_Displacement_data"
SADD_SHEET = "2_IDPs_SADD_estimates"
#: The raw column of each indicator in the displacement sheet (its rounded twin is ignored).
RAW_COLUMNS = {
    "Conflict Stock Displacement (Raw)": "IDP_CONFLICT_STOCK",
    "Conflict Internal Displacements (Raw)": "IDP_CONFLICT_NEW",
    "Disaster Internal Displacements (Raw)": "IDP_DISASTER_NEW",
    "Disaster Stock Displacement (Raw)": "IDP_DISASTER_STOCK",
}
SADD_KEYS = ["ISO3", "Country", "Year", "Sex", "Cause"]
AGE_GROUPS = ["0-1", "0-4", "0-14", "0-17", "0-24", "5-11", "5-14", "12-14", "12-16", "15-17",
              "15-24", "25-64", "65+"]
SEXES = {"Both sexes": "_T", "Female": "F", "Male": "M"}
CAUSES = {"Conflict": "IDP_CONFLICT_STOCK", "Disaster": "IDP_DISASTER_STOCK"}
SADD_NOTE = "IDMC estimate: the stock broken down with UN population estimates by sex and age."


def cell_text(cell: object) -> str:
    """A cell as text: whole numbers without ".0", everything stripped."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell if cell is not None else "").strip()


def at(row: Sequence[object], position: int) -> object:
    """The cell at a position ("" past the end of a short row)."""
    return row[position] if position < len(row) else ""


@register
class IdmcDisplacement(Importer):
    """IDMC internal displacement (conflict and disasters; stocks and new), with sex and age."""

    name = "idmc-gidd"
    description = "IDMC Global Internal Displacement Database: IDPs, new displacements, 2008–2022"
    source = SourceSpec(
        code="idmc-gidd", name="IDMC Global Internal Displacement Database (GIDD)",
        producer=Producer.IDMC, kind=SourceKind.INTERNATIONAL,
        kosovo_convention=KosovoConvention.SEPARATE,
        producer_name="Internal Displacement Monitoring Centre (IDMC)",
        coverage="Worldwide, by country or territory; conflict and violence 2009–2022, disasters "
                 "2008–2022; sex and age estimates 2021–2022.",
        periodicity="Annual (Global Report on Internal Displacement, each May)",
        access_conditions="Licence CC BY-NC 4.0 (stated in the file's README sheet): "
                          "attribution required, no commercial use. "
                          "https://creativecommons.org/licenses/by-nc/4.0/",
        quality_notes=("Raw (not rounded) figures are stored; IDMC publishes them rounded. New "
                       "displacements count movements, not people (a person displaced twice "
                       "counts twice). Sex and age figures are IDMC estimates from UN population "
                       "estimates (status E); their age groups overlap. IDMC withheld some "
                       "country-years after a methodological revision (listed in the README "
                       "sheet). Kosovo is reported separately (XKX)."),
        website="https://www.internal-displacement.org/database/displacement-data",
    )
    release = ReleaseSpec(
        "idmc-gidd-2023", "IDMC Global Internal Displacement Database, 2023 release "
        "(last update 11 May 2023)", "2023", date(2023, 5, 11),
        notes="Data extracted on 24 September 2023; last update 11 May 2023 (README sheet).",
    )
    files = (FILE,)

    def read(self, path: Path) -> Iterator[Figure]:
        workbook = CalamineWorkbook.from_path(str(path))
        for sheet, reader in ((DISPLACEMENT_SHEET, self.displacement),
                              (SADD_SHEET, self.sex_and_age)):
            if sheet not in workbook.sheet_names:
                self.problem(path, None, f"sheet {sheet} not found")
                continue
            rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            yield from reader(f"{path.name} [{sheet}]", rows)

    def header(self, where: str, rows: Sequence[Sequence[object]],
               required: list[str]) -> dict[str, int]:
        """Column positions by heading; a missing column is a problem (and {} is returned)."""
        found = {cell_text(cell): position for position, cell in enumerate(rows[0] if rows else [])}
        missing = [name for name in required if name not in found]
        if missing:
            self.problem(where, 1, f"columns not found: {', '.join(missing)}")
            return {}
        return found

    def displacement(self, where: str, rows: Sequence[Sequence[object]]) -> Iterator[Figure]:
        """Stocks and new displacements by country and year (the raw figures)."""
        columns = self.header(where, rows, ["ISO3", "Year", *RAW_COLUMNS])
        if not columns:
            return
        for line, row in enumerate(rows[1:], start=2):
            cells = [cell_text(cell) for cell in row]
            if not any(cells):
                continue
            area, year = cells[columns["ISO3"]], cells[columns["Year"]]
            for column, indicator in RAW_COLUMNS.items():
                reading = self.reading(where, line, column, at(row, columns[column]))
                if reading is not None:
                    yield Figure(indicator, area, year, reading.value, line=line)

    def sex_and_age(self, where: str, rows: Sequence[Sequence[object]]) -> Iterator[Figure]:
        """IDP stocks by sex and age group (IDMC estimates)."""
        columns = self.header(where, rows, [*SADD_KEYS, *AGE_GROUPS])
        if not columns:
            return
        for line, row in enumerate(rows[1:], start=2):
            cells = [cell_text(cell) for cell in row]
            if not any(cells):
                continue
            sex, cause = cells[columns["Sex"]], cells[columns["Cause"]]
            if sex not in SEXES or cause not in CAUSES:
                self.problem(where, line, f"unknown sex {sex!r} or cause {cause!r} "
                             f"(expected one of {list(SEXES)} and {list(CAUSES)})")
                continue
            for age in AGE_GROUPS:
                reading = self.reading(where, line, age, at(row, columns[age]))
                if reading is not None:
                    yield Figure(CAUSES[cause], cells[columns["ISO3"]], cells[columns["Year"]],
                                 reading.value, line=line, sex=SEXES[sex], age=age,
                                 status=ObservationStatus.ESTIMATED, note=SADD_NOTE)

    def reading(self, where: str, line: int, column: str, cell: object) -> Reading | None:
        """A number, or None for an empty cell (text that is not a number is a problem)."""
        try:
            reading = read_number(cell if cell != "" else None)
        except NotANumber as error:
            self.problem(where, line, f"{column}: {error}")
            return None
        return None if reading.value is None else reading
