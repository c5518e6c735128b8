"""The downloadable templates of the generic format (CSV and XLSX) and their column help.

The shipped files in ``evidence/data/templates/`` are made by :func:`write_templates`
(``python -c "from crossroads.evidence.importers.generic.templates import
write_templates; write_templates()"``); a test checks they match :data:`DIMENSIONS`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from crossroads.evidence.importers.generic.mapping import DIMENSIONS, REQUIRED

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
#: The files a user may download from the import page.
TEMPLATE_FILES = ("generic-template.csv", "generic-template.xlsx", "mapping-example.yaml")

COLUMN_HELP = {
    "indicator": "Crossroads indicator code, e.g. MIG_STOCK, POP, REFUGEES (see the list of "
                 "indicators). A mapping may instead give one fixed indicator for the file.",
    "area": "The country or area the figure is about (the destination, the country of "
            "asylum, the receiving country): a name, an ISO alpha-3 code or an M49 code. "
            "Names are resolved through the crosswalk.",
    "period": "2019 (year), 2019-S1 (half-year), 2019-Q1 (quarter), 2019-03 (month) or "
              "2019-03-31 (day).",
    "sex": "_T (total), F (female) or M (male); Total, Female, Male and their Russian names "
           "are understood. Empty means total.",
    "age": "_T (all ages) or an age group such as 0-4, 15-19 or 75+. Empty means all ages.",
    "origin": "Country of birth, of origin or sending country (name or code). Empty means "
              "all origins.",
    "destination": "Destination, for indicators that have one (name or code). Empty means "
                   "none.",
    "value": "The number, in the units of the file. Thousands separators are allowed; "
             "'..' or empty means not available, '*' suppressed, '-' zero.",
    "unit_multiplier": "Power of ten of the values: 0 (units, the default), 3 (thousands), "
                       "6 (millions).",
    "status": "A (normal, the default), E (estimated), P (provisional), M (missing), "
              "S (suppressed).",
    "note": "Any remark on the figure (at most 300 characters).",
}
EXAMPLE_ROW = {
    "indicator": "MIG_STOCK", "area": "Republic of Moldova", "period": "2019", "sex": "F",
    "age": "_T", "origin": "Ukraine", "destination": "", "value": "12345",
    "unit_multiplier": "0", "status": "A",
    "note": "Example row: replace it with your figures",
}


def csv_template() -> str:
    """The CSV template: the header and one example row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(DIMENSIONS)
    writer.writerow([EXAMPLE_ROW[column] for column in DIMENSIONS])
    return buffer.getvalue()


def xlsx_template() -> bytes:
    """The XLSX template: a ``data`` sheet (header, example row) and a ``columns`` sheet."""
    workbook = Workbook()
    data = workbook.active
    data.title = "data"
    data.append(list(DIMENSIONS))
    data.append([number_or_text(EXAMPLE_ROW[column]) for column in DIMENSIONS])
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    help_sheet = workbook.create_sheet("columns")
    help_sheet.append(["column", "required", "what to write"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in DIMENSIONS:
        help_sheet.append([column, "yes" if column in REQUIRED else "no", COLUMN_HELP[column]])
    help_sheet.column_dimensions["A"].width = 18
    help_sheet.column_dimensions["C"].width = 100
    for row in help_sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def number_or_text(text: str) -> int | str:
    """Digits as a number cell (as people type them), anything else as text."""
    return int(text) if text.isdigit() else text


def write_templates(directory: Path = TEMPLATES_DIR) -> None:
    """Write the CSV and XLSX templates (the example mapping is written by hand)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "generic-template.csv").write_text(csv_template(), encoding="utf-8")
    (directory / "generic-template.xlsx").write_bytes(xlsx_template())
