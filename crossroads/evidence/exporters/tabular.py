"""CSV and XLSX exports: one row per figure, codes and their labels side by side.

The code columns carry the names of the generic import format (``indicator``, ``area``,
``period``, ``sex``, ``age``, ``origin``, ``destination``, ``value``, ``status``), so a
CSV export can be imported again with the generic importer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from crossroads.evidence.exporters.common import Labels, format_number, sort_values
from crossroads.evidence.services.values import Value

HEADER = (
    "indicator", "indicator_name", "unit", "area", "area_name", "period", "sex", "age",
    "origin", "origin_name", "destination", "destination_name", "value", "status",
    "confidentiality", "coverage", "sources",
)


def rows(values: Iterable[Value], labels: Labels,
         number: Callable[[float | None], object] = lambda value: value) -> Iterable[list[object]]:
    """The export's rows (without the header), the value written by ``number``."""
    for v in sort_values(values):
        yield [
            v.indicator, labels.indicators.get(v.indicator, ""), labels.units.get(v.indicator, ""),
            v.area, labels.area(v.area), v.period, v.sex, v.age,
            v.origin or "", labels.area(v.origin), v.destination or "",
            labels.area(v.destination), number(v.value), v.status, v.confidentiality,
            str(v.coverage) if v.coverage else "", "; ".join(v.releases),
        ]


def to_csv(values: Iterable[Value], labels: Labels) -> str:
    """A CSV file (UTF-8 text; the caller adds a byte-order mark for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(values, labels, format_number))
    return buffer.getvalue()


def to_xlsx(values: Iterable[Value], labels: Labels, title: str = "Crossroads export",
            exported: datetime | None = None) -> bytes:
    """An XLSX workbook: a ``data`` sheet, and a ``sources`` sheet naming definitions."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("data")
    bold = Font(bold=True)
    data.append([bold_cell(data, name, bold) for name in HEADER])
    for row in rows(values, labels):
        data.append(row)
    about = workbook.create_sheet("sources")
    exported = exported or timezone.now()
    about.append([bold_cell(about, title, bold)])
    about.append(["Exported", exported.strftime("%Y-%m-%d %H:%M %Z").strip()])
    about.append(["Values are in base units (thousands and millions multiplied out)."])
    about.append([])
    about.append([bold_cell(about, text, bold) for text in ("indicator", "name", "unit",
                                                             "definition")])
    for code, name in sorted(labels.indicators.items()):
        about.append([code, name, labels.units.get(code, ""), labels.definitions.get(code, "")])
    about.append([])
    about.append([bold_cell(about, text, bold) for text in ("release", "title")])
    for code, release_title in sorted(labels.releases.items()):
        about.append([code, release_title])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def bold_cell(sheet: object, text: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)  # type: ignore[arg-type]
    cell.font = font
    return cell
