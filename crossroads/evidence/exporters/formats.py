"""The export formats by name, as the export endpoint offers them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crossroads.evidence.exporters import hxl, sdmx, tabular
from crossroads.evidence.exporters.common import Labels
from crossroads.evidence.services.values import Value

Render = Callable[[list[Value], Labels], "bytes | str"]


@dataclass(frozen=True)
class ExportFormat:
    """One way of writing figures to a file."""

    name: str
    label: str
    #: The end of the file name (``sdmx.csv``: SDMX-CSV is CSV, but not any CSV).
    extension: str
    content_type: str
    render: Render
    #: The largest export the format is offered for (XML and XLSX hold all in memory).
    max_rows: int
    #: The SDMX structure describes every code, not only those the figures use.
    complete_labels: bool = False
    #: A byte-order mark, so spreadsheet programs read UTF-8 text (Cyrillic names).
    bom: bool = False


FORMATS = {f.name: f for f in (
    ExportFormat("csv", "CSV", "csv", "text/csv; charset=utf-8", tabular.to_csv, 1_000_000,
                 bom=True),
    ExportFormat("xlsx", "Excel (XLSX)", "xlsx",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 tabular.to_xlsx, 300_000),
    ExportFormat("sdmx-csv", "SDMX-CSV 1.0", "sdmx.csv",
                 "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
                 lambda values, labels: sdmx.to_sdmx_csv(values), 1_000_000),
    ExportFormat("sdmx-ml", "SDMX-ML 2.1 data (structure-specific)", "xml",
                 "application/vnd.sdmx.structurespecificdata+xml; version=2.1",
                 sdmx.to_sdmx_data, 200_000),
    ExportFormat("sdmx-structure", "SDMX-ML 2.1 structure (codelists, DSD, dataflow)", "xml",
                 "application/vnd.sdmx.structure+xml; version=2.1",
                 lambda values, labels: sdmx.to_sdmx_structure(labels), 1_000_000,
                 complete_labels=True),
    ExportFormat("hxl", "HXL-tagged CSV", "hxl.csv", "text/csv; charset=utf-8", hxl.to_hxl,
                 1_000_000),
)}
