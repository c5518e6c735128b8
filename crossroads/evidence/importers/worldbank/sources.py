"""The World Bank's data sources, and reading the tables their files hold."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind
from crossroads.evidence.importers.base import Importer, SourceSpec

WORLD_BANK = "World Bank"
OPEN_DATA = "World Bank open data, Creative Commons Attribution 4.0 (CC BY 4.0)."

WDI = SourceSpec(
    code="wb-wdi",
    name="World Development Indicators",
    producer=Producer.WORLD_BANK,
    kind=SourceKind.INTERNATIONAL,
    kosovo_convention=KosovoConvention.SEPARATE,
    producer_name=WORLD_BANK,
    coverage="217 economies (Kosovo as XKX, the Channel Islands as one economy) and about 50 "
             "World Bank regions, income and lending groups; annual series from 1960.",
    periodicity="Annual series, updated several times a year",
    access_conditions=OPEN_DATA,
    quality_notes="Remittances are World Bank staff estimates from IMF balance-of-payments data; "
                  "GDP from national accounts; population from UN World Population Prospects "
                  "and national sources. Series are revised at every update: each file is its "
                  "own release, dated by its 'Last Updated Date'.",
    website="https://databank.worldbank.org/source/world-development-indicators",
)

KNOMAD_BILATERAL = SourceSpec(
    code="wb-knomad-bilateral",
    name="Bilateral migration and remittance estimates (World Bank/KNOMAD)",
    producer=Producer.WORLD_BANK,
    kind=SourceKind.ESTIMATE,
    kosovo_convention=KosovoConvention.SEPARATE,
    producer_name="World Bank / KNOMAD (Global Knowledge Partnership on Migration and "
                  "Development)",
    coverage="Origin-destination matrices for 214 countries and territories (Kosovo "
             "separately); migrant stocks for 2013, remittance flows for 2016.",
    periodicity="Irregular (matrices for 2010, 2013; remittances yearly 2010-2017)",
    access_conditions=OPEN_DATA,
    quality_notes="Model-based estimates, not officially reported data. Migrant stocks extend "
                  "UN DESA's 2013 revision with later censuses; bilateral remittances are "
                  "allocated from each country's total with migrant stocks and host and origin "
                  "incomes (Ratha and Shaw 2007). Cells without an estimate are 0 in the files "
                  "and are not stored.",
    website="https://www.knomad.org/data/migration",
)

RPW = SourceSpec(
    code="wb-rpw",
    name="Remittance Prices Worldwide",
    producer=Producer.WORLD_BANK,
    kind=SourceKind.SURVEY,
    kosovo_convention=KosovoConvention.SEPARATE,
    producer_name=WORLD_BANK,
    coverage="About 360 sending-receiving country corridors (48 sending, 111 receiving "
             "countries in the shipped export).",
    periodicity="Half-yearly rounds (2011-2012), quarterly since 2013",
    access_conditions=OPEN_DATA,
    quality_notes="Mystery-shopping survey of remittance service providers: the average total "
                  "cost (fees and exchange-rate margin) of sending the equivalent of USD 200, "
                  "in percent of the amount sent.",
    website="https://remittanceprices.worldbank.org",
)


def numbered_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
    """Every row of a CSV file or of a worksheet, with its line (row number) in the file."""
    if sheet is None:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            start = 1
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        return
    workbook = CalamineWorkbook.from_path(str(path))
    if sheet not in workbook.sheet_names:
        raise ValueError(f"no sheet {sheet!r} (the file has {', '.join(workbook.sheet_names)})")
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    yield from enumerate(rows, start=1)


def check_last_updated(importer: Importer, path: Path, line: int | None,
                       found: date | None) -> None:
    """Record a problem unless the file's own date is the release the importer declares.

    A World Bank download is revised at every update: importing a newer file under an
    older release code would give its numbers the wrong provenance.
    """
    expected = importer.release.published
    if found is None:
        importer.problem(path, line, "no 'Last Updated' date: cannot tell which release the "
                         "file is")
    elif found != expected:
        importer.problem(path, line, f"the file was last updated on {found.isoformat()}, but "
                         f"{importer.name} reads the release of {expected.isoformat()} "
                         f"({importer.release.code}); a newer download is a new release")


def text(cell: Any) -> str:
    """A cell as stripped text ('' for an empty cell)."""
    return "" if cell is None else str(cell).strip()


def is_blank(row: list[Any]) -> bool:
    """Whether every cell of a row is empty."""
    return not any(text(cell) for cell in row)
