"""The generic importer: a national statistics office's CSV or XLSX file, with a mapping.

``crossroads import generic DATA.xlsx MAPPING.yaml``: the mapping (YAML or JSON) names
the data source and release the file is, and where each dimension of a figure comes
from. Every row is checked (unknown indicator, unmapped area, bad period, a value that
is not a number, with the original text) and nothing is written unless all are good.
The mapping file is recorded with the data files, so a changed mapping is a new import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from crossroads.evidence.importers.base import Figure, Importer, ImportFailed, ImportReport
from crossroads.evidence.importers.generic.mapping import (
    MAPPING_SUFFIXES,
    Mapping,
    MappingError,
    read_mapping,
)
from crossroads.evidence.importers.generic.rows import RowReader
from crossroads.evidence.importers.generic.tables import TableError, read_table
from crossroads.evidence.importers.registry import register
from crossroads.reference.loaders.common import Progress
from crossroads.reference.loaders.errors import Problem

NAME = "generic"


def split_paths(paths: Iterable[Path | str] | None) -> tuple[list[Path], list[Path]]:
    """The given files as (mapping files, data files)."""
    files = [Path(p) for p in paths or ()]
    mappings = [f for f in files if f.suffix.lower() in MAPPING_SUFFIXES]
    return mappings, [f for f in files if f not in mappings]


def refuse(files: list[Path], problems: list[Problem]) -> ImportFailed:
    report = ImportReport(NAME, "", [f.name for f in files])
    report.problems = problems
    return ImportFailed(report)


class MappedTableImporter(Importer):
    """Reads tables as a mapping says; only configured subclasses (one per mapping) run."""

    name = NAME
    description = "A national statistics office's CSV or XLSX file, with a column mapping"
    mapping: ClassVar[Mapping]

    def read(self, path: Path) -> Iterator[Figure]:
        if path.suffix.lower() in MAPPING_SUFFIXES:
            return  # the mapping itself: recorded with the release, holds no figures
        mapping = self.mapping
        try:
            header, rows = read_table(path, mapping.sheet, mapping.header_row, mapping.encoding,
                                      mapping.delimiter)
            reader = RowReader(mapping, header, mapping.header_row)
            for row in rows:
                figure, problems = reader.figure(row)
                for message in problems:
                    self.problem(path, row.line, message)
                if figure is not None:
                    yield figure
        except TableError as error:
            self.problem(path, None, str(error))


def configured(mapping: Mapping) -> type[MappedTableImporter]:
    """An importer class for one mapping: its source and release are the mapping's."""
    return type(f"GenericImporter[{mapping.release.code}]", (MappedTableImporter,), {
        "mapping": mapping, "source": mapping.source, "release": mapping.release,
        "__module__": __name__,
    })


@register
class GenericImporter(MappedTableImporter):
    """The registered entry point: finds the mapping among the files, then imports."""

    def run(self, paths: Iterable[Path | str] | None = None,
            progress: Progress | None = None) -> ImportReport:
        mappings, data = split_paths(paths)
        files = mappings + data
        if len(mappings) != 1 or not data:
            raise refuse(files, [Problem(
                ", ".join(f.name for f in files) or "(no files)", None,
                "give one mapping file (.yaml, .yml or .json) and the data files "
                f"(got {len(mappings)} mapping files and {len(data)} data files)")])
        try:
            mapping = read_mapping(mappings[0])
        except MappingError as error:
            raise refuse(files, error.problems) from None
        return configured(mapping)().run(data + mappings, progress)
