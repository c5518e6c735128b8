"""Reading a table from a CSV or spreadsheet file, with the line number of every row.

Line numbers are what a person opening the file sees: the line of a CSV file, the
row number of a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from python_calamine import CalamineWorkbook

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
DATA_SUFFIXES = CSV_SUFFIXES + SPREADSHEET_SUFFIXES
Cell = str | float | int | date | datetime | time | None


class TableError(ValueError):
    """A table that cannot be read as the mapping describes (the message says why)."""


@dataclass(frozen=True, slots=True)
class Row:
    """A row of cells under the header, and its line (or sheet row) number."""

    line: int
    cells: list[Cell]


def read_table(path: Path, sheet: str | None, header_row: int, encoding: str,
               delimiter: str | None) -> tuple[list[str], Iterator[Row]]:
    """The header (stripped names) and the rows below it, empty rows left out."""
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        rows = spreadsheet_rows(path, sheet)
    elif suffix in CSV_SUFFIXES:
        rows = csv_rows(path, encoding, delimiter)
    else:
        raise TableError(f"cannot read {suffix or 'files without a suffix'}: "
                         f"give a file ending in {', '.join(DATA_SUFFIXES)}")
    for row in rows:
        if row.line >= header_row:  # a CSV record may span lines
            return [cell_text(cell) for cell in row.cells], data_rows(rows)
    raise TableError(f"there is no row {header_row} (the header row the mapping names)")


def data_rows(rows: Iterator[Row]) -> Iterator[Row]:
    for row in rows:
        if any(cell_text(cell) for cell in row.cells):
            yield row


def spreadsheet_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    """Every row of a sheet (the first one by default), numbered as in the spreadsheet."""
    workbook = CalamineWorkbook.from_path(str(path))
    name = sheet if sheet is not None else workbook.sheet_names[0]
    if name not in workbook.sheet_names:
        raise TableError(f"there is no sheet {name!r} (sheets: {', '.join(workbook.sheet_names)})")
    cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    for number, row in enumerate(cells, start=1):
        yield Row(number, [str(cell) if isinstance(cell, timedelta) else cell for cell in row])


def csv_rows(path: Path, encoding: str, delimiter: str | None) -> Iterator[Row]:
    """Every record of a CSV file, numbered by the line it ends on."""
    try:
        with path.open(encoding=encoding, newline="") as handle:
            sample = handle.read(65536)
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter or sniff_delimiter(sample))
            for record in reader:
                yield Row(reader.line_num, list(record))
    except UnicodeDecodeError as error:
        raise TableError(f"the file is not {encoding} text ({error.reason} at byte "
                         f"{error.start}); give its encoding as 'file.encoding' in the "
                         "mapping (e.g. cp1251)") from None


def sniff_delimiter(sample: str) -> str:
    """Comma, semicolon or tab: whichever the first line holds most of."""
    first = sample.splitlines()[0] if sample else ""
    return max((",", ";", "\t"), key=first.count)


def cell_text(cell: Cell) -> str:
    """A cell as text: whole numbers without ``.0``, dates as ISO dates."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()
