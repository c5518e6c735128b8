"""The SDMX-CSV importer: data with the Crossroads dimensions, such as our own exports.

Reads SDMX-CSV 1.0 (a ``DATAFLOW`` column, the dimensions, ``OBS_VALUE``, the
attributes) and 2.0 (``STRUCTURE``, ``STRUCTURE_ID`` and ``ACTION`` columns instead),
with codes or with "code: label" cells. Dimensions INDICATOR, REF_AREA and
TIME_PERIOD are required; SEX, AGE, ORIGIN and DESTINATION default to the total;
attributes OBS_STATUS and UNIT_MULT are read, CONF_STATUS is checked.

The release is named by a metadata file given with the data (YAML or JSON with a
``release`` and optionally a ``source`` section, as in a generic mapping); without
one it is derived from the dataflow and the file name.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from crossroads.evidence.choices import Confidentiality, ObservationStatus, Producer, SourceKind
from crossroads.evidence.exporters.sdmx import AGENCY_ID, crossroads_age
from crossroads.evidence.importers.base import (
    Figure,
    Importer,
    ImportFailed,
    ImportReport,
    ReleaseSpec,
    SourceSpec,
)
from crossroads.evidence.importers.generic.mapping import (
    MAPPING_SUFFIXES,
    MappingError,
    load_data,
    release_spec,
    source_spec,
)
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.values import NotANumber, read_number
from crossroads.reference.loaders.common import Progress
from crossroads.reference.loaders.errors import Problem

NAME = "sdmx-csv"
REQUIRED = ("INDICATOR", "REF_AREA", "TIME_PERIOD", "OBS_VALUE")
NO_BREAKDOWN = {"", "_T", "_Z"}
STATUSES = {str(code) for code in ObservationStatus.values}
CONFIDENTIALITY = {str(code) for code in Confidentiality.values}
DATAFLOW = re.compile(r"^(?:(?P<agency>[\w@$.-]+):)?(?P<id>[\w@$-]+)(?:\((?P<version>[^)]*)\))?$")
SDMX_PERIOD = re.compile(r"^(\d{4})-(A1|M(\d{2})|D(\d{2})(\d{2}))$")


def code(cell: str | None) -> str:
    """The code of a cell written as ``code`` or ``code: label``."""
    return (cell or "").split(": ", 1)[0].strip()


def period(text: str) -> str:
    """An SDMX reporting period in our form: ``2015-A1`` → ``2015``, ``2015-M03`` → ``2015-03``."""
    match = SDMX_PERIOD.match(text)
    if not match:
        return text
    year, rest = match.group(1), match.group(2)
    if rest == "A1":
        return year
    if match.group(3):
        return f"{year}-{match.group(3)}"
    return f"{year}-{match.group(4)}-{match.group(5)}"


def dataflow_of(path: Path) -> str:
    """The dataflow (``AGENCY:ID(VERSION)``) of the first row of an SDMX-CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [code(name) for name in reader.fieldnames or []]
        row = next(reader, None)
    if row is None:
        return ""
    cells = dict(zip(header, row.values(), strict=False))
    return code(cells.get("DATAFLOW") or cells.get("STRUCTURE_ID"))


def derived_specs(path: Path) -> tuple[SourceSpec, ReleaseSpec]:
    """Source and release named after the dataflow and the file, when none is given."""
    match = DATAFLOW.match(dataflow_of(path))
    agency = (match.group("agency") if match else None) or "unknown"
    flow = (match.group("id") if match else None) or "dataflow"
    version = (match.group("version") if match else None) or ""
    source = SourceSpec(
        code=slugify(f"sdmx-{agency}-{flow}")[:60], name=f"SDMX dataflow {agency}:{flow}",
        producer=Producer.CROSSROADS if agency == AGENCY_ID else Producer.OTHER,
        kind=SourceKind.INTERNATIONAL,
    )
    release = ReleaseSpec(
        code=slugify(f"{flow}-{path.stem}")[:80], title=f"{agency}:{flow} from {path.name}",
        vintage=version or path.stem, published=date.today(),
        notes=f"Imported from the SDMX-CSV file {path.name}.",
    )
    return source, release


def given_specs(metadata: Path, data: Path) -> tuple[SourceSpec, ReleaseSpec]:
    """Source and release from a metadata file (the source may be left to the dataflow)."""
    problems: list[str] = []
    try:
        document: Any = load_data(metadata)
    except Exception as error:  # YAML, JSON or I/O error: report it
        raise MappingError([Problem(metadata.name, None, f"cannot read it: {error}")]) from None
    if not isinstance(document, dict) or not isinstance(document.get("release"), dict):
        problems.append("a 'release' section (code, title, vintage, published) is required")
        document = {}
    release = release_spec(document.get("release") or {}, problems)
    source = source_spec(document["source"], problems) if document.get("source") else None
    if problems or release is None:
        raise MappingError([Problem(metadata.name, None, message) for message in problems])
    return source or derived_specs(data)[0], release


class SdmxCsvFile(Importer):
    """Reads SDMX-CSV rows into figures; configured subclasses carry source and release."""

    name = NAME
    description = "SDMX-CSV data with the Crossroads dimensions (e.g. a Crossroads export)"

    def read(self, path: Path) -> Iterator[Figure]:
        if path.suffix.lower() in MAPPING_SUFFIXES:
            return  # the metadata file: recorded with the release, holds no figures
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [code(name) for name in next(reader, [])]
            missing = [name for name in REQUIRED if name not in header]
            if missing and not ({"DATAFLOW", "STRUCTURE_ID"} & set(header)):
                self.problem(path, 1, "this is not SDMX-CSV: there is no DATAFLOW or "
                             "STRUCTURE_ID column")
                return
            if missing:
                self.problem(path, 1, f"the header has no {', '.join(missing)} column")
                return
            for cells in reader:
                if any(cell.strip() for cell in cells):
                    figure = self.figure(path, reader.line_num,
                                         dict(zip(header, cells, strict=False)))
                    if figure is not None:
                        yield figure

    def figure(self, path: Path, line: int, cells: dict[str, str]) -> Figure | None:
        """The figure of one row, or None (with its problems recorded)."""
        problems = []
        if code(cells.get("ACTION")) == "D":
            problems.append("deletions (ACTION D) are not imported")
        sex = code(cells.get("SEX")) or "_T"
        if sex not in ("_T", "F", "M"):
            problems.append(f"SEX {sex!r} is not one of _T, F, M")
        status = code(cells.get("OBS_STATUS")) or ObservationStatus.NORMAL
        if status not in STATUSES:
            problems.append(f"OBS_STATUS {status!r} is not one of {', '.join(sorted(STATUSES))}")
        confidentiality = code(cells.get("CONF_STATUS")) or Confidentiality.FREE
        if confidentiality not in CONFIDENTIALITY:
            problems.append(f"CONF_STATUS {confidentiality!r} is not one of "
                            f"{', '.join(sorted(CONFIDENTIALITY))}")
        multiplier = code(cells.get("UNIT_MULT")) or "0"
        if not multiplier.isdigit():
            problems.append(f"UNIT_MULT {multiplier!r} is not a power of ten")
        try:
            reading = read_number(code(cells.get("OBS_VALUE")))
        except NotANumber as error:
            problems.append(f"OBS_VALUE: {error}")
        for message in problems:
            self.problem(path, line, message)
        if problems:
            return None
        if reading.status != ObservationStatus.NORMAL and status == ObservationStatus.NORMAL:
            status = reading.status
        return Figure(
            indicator=code(cells.get("INDICATOR")), area=code(cells.get("REF_AREA")),
            period=period(code(cells.get("TIME_PERIOD"))), value=reading.value, line=line,
            sex=sex, age=crossroads_age(code(cells.get("AGE")) or "_T"),
            origin=breakdown(cells.get("ORIGIN")), destination=breakdown(cells.get("DESTINATION")),
            unit_multiplier=int(multiplier), status=status,
        )


def breakdown(cell: str | None) -> str | None:
    """An origin or destination code; the total (``_T``) or not applicable (``_Z``) is None."""
    value = code(cell)
    return None if value in NO_BREAKDOWN else value


def refuse(files: list[Path], problems: list[Problem]) -> ImportFailed:
    report = ImportReport(NAME, "", [f.name for f in files])
    report.problems = problems
    return ImportFailed(report)


@register
class SdmxCsvImporter(SdmxCsvFile):
    """The registered entry point: names the release, then imports the files."""

    def run(self, paths: Iterable[Path | str] | None = None,
            progress: Progress | None = None) -> ImportReport:
        files = [Path(p) for p in paths or ()]
        metadata = [f for f in files if f.suffix.lower() in MAPPING_SUFFIXES]
        data = [f for f in files if f not in metadata]
        if len(metadata) > 1 or not data:
            raise refuse(files, [Problem(", ".join(f.name for f in files) or "(no files)", None,
                                         "give the SDMX-CSV files and at most one metadata "
                                         "file (.yaml, .yml or .json)")])
        missing = [f for f in files if not f.is_file()]
        if missing:
            raise refuse(files, [Problem(f.name, None, "file not found") for f in missing])
        try:
            source, release = given_specs(metadata[0], data[0]) if metadata else \
                derived_specs(data[0])
        except MappingError as error:
            raise refuse(files, error.problems) from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise refuse(files, [Problem(data[0].name, None, f"cannot read it as UTF-8 "
                                         f"SDMX-CSV: {error}")]) from None
        configured = type(f"SdmxCsvImporter[{release.code}]", (SdmxCsvFile,), {
            "source": source, "release": release, "__module__": __name__})
        return configured().run(data + metadata, progress)
