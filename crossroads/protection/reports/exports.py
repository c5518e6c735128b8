"""Downloads of the protection reports: CSV, and XLSX for the donor export.

A file starts with a header naming the report, the period, the scope and the date it was
generated, then one line per count: table, category, column (for two-way tables) and the
count as shown (``<5`` for a protected small count).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _

from crossroads.protection.reports.tables import Table, small_cell

Line = Sequence[object]


def header(title: str, period: str, scope: str, on: date, protected: bool) -> list[Line]:
    """The lines that say what a file holds, before its counts."""
    lines: list[Line] = [[_("Report"), title], [_("Period"), period], [_("Scope"), scope],
                         [_("Generated on"), on.isoformat()]]
    if protected:
        lines.append([_("Small cells"), _("Counts from 1 to %(n)s are shown as <%(m)s.")
                      % {"n": small_cell() - 1, "m": small_cell()}])
    return [*lines, []]


def count_lines(tables: Iterable[Table]) -> list[Line]:
    """One line per count of every table, under a line of column names."""
    lines: list[Line] = [[_("Table"), _("Category"), _("Column"), _("Count")]]
    for table in tables:
        one_column = len(table.columns) == 1
        for row in table.rows:
            for (_key, label), cell in zip(table.columns, row.cells, strict=True):
                lines.append([table.title, row.label, "" if one_column else label, cell])
    return lines


def csv_response(lines: Iterable[Line], filename: str) -> HttpResponse:
    """The lines as a CSV download (UTF-8 with a byte-order mark, for spreadsheets)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for line in lines:
        writer.writerow(line)
    return response


def xlsx_response(lines: Iterable[Line], filename: str) -> HttpResponse:
    """The lines as one worksheet of an XLSX download."""
    from openpyxl import Workbook  # lazily: only this download needs it

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = _("Counts")[:31]
    for line in lines:
        sheet.append([cell if isinstance(cell, int) else str(cell) for cell in line])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
