"""What the UN DESA International Migrant Stock importers share: the source, cells, files.

UN DESA writes ``..`` for "not available", ``-`` for zero and, from the 2020 revision,
``~`` for a figure withheld for privacy (fewer than five people). Rows carry a location
code (M49 numeric for countries, UN DESA's own codes for regions and groups), a
"Type of data" code (B foreign-born, C foreign citizens, R refugees added, I imputed)
and footnote markers whose text is in the workbook's notes sheet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from crossroads.evidence.choices import (
    KosovoConvention,
    ObservationStatus,
    Producer,
    Sex,
    SourceKind,
)
from crossroads.evidence.importers.base import ReleaseSpec, SourceSpec
from crossroads.evidence.importers.values import Reading, read_number

SOURCE = SourceSpec(
    code="undesa-ims",
    name="International Migrant Stock",
    producer=Producer.UN_DESA,
    kind=SourceKind.ESTIMATE,
    kosovo_convention=KosovoConvention.WITHIN_SERBIA,
    producer_name="United Nations, Department of Economic and Social Affairs, Population Division",
    coverage=(
        "International migrants (people living outside their country of birth, or of "
        "citizenship where birthplace data are lacking) at mid-year, in every country or area "
        "of the world (about 230), with UN regions, development groups, income groups and, from "
        "2020, SDG regions: by sex for 1990-2020 in five-year steps plus the revision year; by "
        "country of origin (origin-destination matrices); by age (percent); total population "
        "and the refugee stock included in the migrant stock."
    ),
    periodicity="Revisions every 2–3 years; each revision re-estimates every year since 1990",
    access_conditions=(
        "Free download from the UN DESA Population Division. Revisions 2013, 2015 and 2017: "
        "'Copyright © United Nations. All rights reserved' (as stated in the files); revisions "
        "2019 and 2020: Creative Commons CC BY 3.0 IGO."
    ),
    quality_notes=(
        "Estimates built from censuses, registers and surveys. The 'Type of data' of each "
        "country (kept in each observation's note) says whether they refer to the foreign-born "
        "(B) or to foreign citizens (C), whether refugees reported by UNHCR or UNRWA were added "
        "(R), or whether the estimate was imputed for lack of data (I). The notes of the 2015 "
        "and 2017 workbooks say that Serbia includes Kosovo (S/RES/1244) and that its 1990 and "
        "2000 estimates refer to Serbia and Montenegro; that the Republic of Moldova includes "
        "Transnistria, Georgia Abkhazia and South Ossetia, Azerbaijan Nagorno-Karabakh, Cyprus "
        "Northern Cyprus and (2017) Ukraine Crimea; that the Sudan's estimates for 1990-2005 "
        "refer to Sudan and South Sudan; and that China excludes Hong Kong and Macao SAR "
        "(observations carry the note of their row). "
        "Population by sex is not available for some small areas, so "
        "aggregates by sex may not add up; income groups do not add up to the world. In the "
        "2020 revision '~' marks a figure withheld for privacy (fewer than five people). In the "
        "origin-destination matrices an empty cell means no migrants reported; Crossroads "
        "stores only the non-zero cells."
    ),
    website="https://www.un.org/development/desa/pd/content/international-migrant-stock",
)

REVISION_2013 = date(2013, 9, 1)
REVISION_2015 = date(2015, 12, 1)
REVISION_2017 = date(2017, 12, 1)
REVISION_2019 = date(2019, 9, 1)
REVISION_2020 = date(2021, 1, 1)

#: 2020 revision: "the data are protected for privacy reasons" (fewer than five).
PRIVACY = "~"
NOTE_MARKER = re.compile(r"^\(?(\d{1,3}|[a-z])\)?$")


def revision(code: str, title: str, year: int, published: date, notes: str = "") -> ReleaseSpec:
    """The release of one part of a revision (all parts share the revision's date)."""
    return ReleaseSpec(code, title, f"{year} revision", published, notes)


def read_cell(cell: object) -> Reading:
    """A figure as UN DESA writes it; raises ``NotANumber`` for anything else."""
    if isinstance(cell, str):
        figure = cell.strip()
        if figure.isascii() and figure.isdigit():  # most cells: read them fast
            return Reading(float(figure))
        if figure == PRIVACY:
            return Reading(None, ObservationStatus.SUPPRESSED)
    return read_number(cell)


def is_blank(cell: object) -> bool:
    """An empty cell (in a matrix: no migrants reported)."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: object) -> str:
    """A cell as stripped text (numbers that are whole written without ``.0``)."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def cell_at(row: Sequence[Any], index: int | None) -> Any:
    """The cell at ``index``, or "" past the end of a short row."""
    if index is None or index >= len(row):
        return ""
    return row[index]


def location(code: object) -> str | None:
    """The crosswalk key of a UN DESA location code: ``498``, ``900``, or ``M49-1503``.

    Codes up to 999 are M49 numeric codes (countries, and UN DESA's 9xx regions); longer
    ones are UN DESA's own group codes (income groups, SDG regions), whose areas are
    coded ``M49-<code>`` in the crosswalk.
    """
    try:
        number = float(str(code).strip())
    except ValueError:
        return None
    if not number.is_integer() or number <= 0:
        return None
    return f"{int(number):03d}" if number < 1000 else f"M49-{int(number)}"


def sex_in_name(path: Path) -> str:
    """The sex of a file by its name: ``…Female.csv``, ``…Male.csv``, else both sexes."""
    stem = path.stem.lower()
    if stem.endswith("female"):
        return Sex.FEMALE
    if stem.endswith("male"):
        return Sex.MALE
    return Sex.TOTAL


def csv_rows(path: Path, fallback: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a CSV file with the line each starts on (UTF-8, else ``fallback``)."""
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode(fallback)
    reader = csv.reader(io.StringIO(content, newline=""))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def open_workbook(path: Path) -> CalamineWorkbook:
    """An xlsx or xls workbook."""
    return CalamineWorkbook.from_path(str(path))


def sheet_rows(workbook: CalamineWorkbook, name: str) -> list[list[Any]]:
    """Every row of a sheet from A1 (row ``i`` of the list is row ``i + 1`` of the sheet)."""
    if name not in workbook.sheet_names:
        raise ValueError(f"no sheet {name!r} (the sheets are {', '.join(workbook.sheet_names)})")
    rows: list[list[Any]] = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return rows


def footnotes(workbook: CalamineWorkbook) -> dict[str, str]:
    """The workbook's notes sheet as marker → text (``"18"`` → "Including Kosovo. …")."""
    name = next((s for s in workbook.sheet_names if s.strip().lower() == "notes"), None)
    if name is None:
        return {}
    notes = {}
    for row in sheet_rows(workbook, name):
        key, note = note_key(cell_at(row, 0)), text(cell_at(row, 1))
        if key and note:
            notes[key] = note
    return notes


def note_key(cell: object) -> str:
    """A footnote marker as written in a row or the notes sheet: ``(18)``, ``18.0``, ``e``."""
    match = NOTE_MARKER.match(text(cell))
    return match.group(1) if match else ""


def row_note(type_of_data: object, marker: object, notes: Mapping[str, str]) -> str:
    """An observation's note: the row's type of data and the text of its footnote."""
    parts = []
    kind = " ".join(text(type_of_data).split())
    if kind:
        parts.append(f"type of data: {kind}")
    key = note_key(marker)
    if key:
        parts.append(notes.get(key) or f"source note ({key})")
    return "; ".join(parts)


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
