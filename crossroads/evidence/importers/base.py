"""The importer framework: read a source's files, check everything, then write it all.

An importer for a source declares its data source, its release and its shipped
files, and implements :meth:`Importer.read`, which yields one :class:`Figure` per
number in a file. Everything else is shared: checksums (an unchanged release is not
written again), the crosswalk, indicator and period checks, duplicate detection,
the all-or-nothing write, progress and the report.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from django.db import connection, transaction
from django.utils import timezone

from crossroads.core.context import current_actor
from crossroads.evidence.choices import Confidentiality, KosovoConvention, ObservationStatus
from crossroads.evidence.crosswalk import Crosswalk
from crossroads.evidence.importers.periods import parse_period
from crossroads.evidence.models import DataSource, Indicator, Observation, Release, ReleaseFile
from crossroads.evidence.models.observations import (
    TOTAL_AGE,
    coverage_key,
    refresh_latest,
    series_key,
)
from crossroads.reference.loaders.common import NullProgress, Progress
from crossroads.reference.loaders.errors import Problem

RAW_DIR = Path(__file__).resolve().parent.parent / "data" / "raw"
BATCH_SIZE = 2000
#: At most this many problems are reported (a broken file would list every row).
MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Figure:
    """One number read from a source file, with the labels the source gives it."""

    indicator: str
    area: str | int
    period: str | int
    value: float | None
    line: int | None = None
    sex: str = "_T"
    age: str = TOTAL_AGE
    origin: str | int | None = None
    destination: str | int | None = None
    unit_multiplier: int = 0
    status: str = ObservationStatus.NORMAL
    note: str = ""
    confidentiality: str = Confidentiality.FREE


@dataclass(frozen=True)
class SourceSpec:
    """The data source an importer reads (created or updated on import)."""

    code: str
    name: str
    producer: str
    kind: str
    kosovo_convention: str = KosovoConvention.NOT_APPLICABLE
    producer_name: str = ""
    coverage: str = ""
    periodicity: str = ""
    access_conditions: str = ""
    quality_notes: str = ""
    website: str = ""


@dataclass(frozen=True)
class ReleaseSpec:
    """The release (vintage) an importer's files are."""

    code: str
    title: str
    vintage: str
    published: date
    notes: str = ""


@dataclass
class ImportReport:
    """What an import did, or why it did nothing."""

    importer: str
    release: str
    files: list[str] = field(default_factory=list)
    figures: int = 0
    written: int = 0
    unchanged: bool = False
    unmapped: dict[str, list[int | None]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON data (for the job's result)."""
        return {
            "importer": self.importer, "release": self.release, "files": self.files,
            "figures": self.figures, "written": self.written, "unchanged": self.unchanged,
            "unmapped": {label: lines[:10] for label, lines in self.unmapped.items()},
            "problems": [str(problem) for problem in self.problems],
        }


class ImportFailed(Exception):
    """An import that wrote nothing, with every problem found (file and line)."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        lines = [str(problem) for problem in report.problems[:MAX_PROBLEMS]]
        more = len(report.problems) - len(lines)
        if more > 0:
            lines.append(f"… and {more} more problems")
        super().__init__(f"{report.importer}: nothing imported.\n" + "\n".join(lines))


def sha256(path: Path) -> str:
    """The SHA-256 checksum of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Importer(ABC):
    """Base of every importer: subclasses declare their source and implement ``read``."""

    name: ClassVar[str]
    description: ClassVar[str]
    source: ClassVar[SourceSpec]
    release: ClassVar[ReleaseSpec]
    #: Shipped files, relative to ``evidence/data/raw`` (what ``import all`` reads).
    files: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.figures_per_file: dict[str, int] = {}

    @abstractmethod
    def read(self, path: Path) -> Iterator[Figure]:
        """Yield every figure in one file; report bad rows with :meth:`problem`."""

    def problem(self, path: Path | str, line: int | None, message: str) -> None:
        """Record a problem in a file (the import then writes nothing)."""
        self.problems.append(Problem(Path(path).name, line, message))

    def shipped_paths(self) -> list[Path]:
        return [RAW_DIR / name for name in self.files]

    def run(self, paths: Iterable[Path | str] | None = None,
            progress: Progress | None = None) -> ImportReport:
        """Import the files (the shipped ones by default): all of them, or nothing."""
        progress = progress or NullProgress()
        files = [Path(p) for p in paths] if paths is not None else self.shipped_paths()
        report = ImportReport(self.name, self.release.code, [f.name for f in files])
        missing = [f for f in files if not f.is_file()]
        if missing:
            report.problems = [Problem(f.name, None, "file not found") for f in missing]
            raise ImportFailed(report)
        checksums = {f.name: sha256(f) for f in files}
        if self.already_imported(checksums):
            report.unchanged = True
            return report
        progress.start(None, f"Reading {', '.join(report.files)}")  # type: ignore[arg-type]
        rows = self.check(self.read_all(files), report)
        self.write(rows, files, checksums, report, progress)
        return report

    def already_imported(self, checksums: dict[str, str]) -> bool:
        """Whether this release was imported from exactly these files."""
        stored = dict(ReleaseFile.objects.filter(release__code=self.release.code)
                      .values_list("name", "sha256"))
        return stored == checksums

    def read_all(self, files: list[Path]) -> list[tuple[str, Figure]]:
        """Every figure of every file; a file that cannot be parsed is a problem, not a crash."""
        figures: list[tuple[str, Figure]] = []
        for path in files:
            before = len(figures)
            try:
                figures.extend((path.name, figure) for figure in self.read(path))
            except Exception as error:  # any parser error: report it, write nothing
                self.problem(path, None, f"cannot read the file: {type(error).__name__}: {error}")
            self.figures_per_file[path.name] = len(figures) - before
        return figures

    def check(self, figures: list[tuple[str, Figure]],
              report: ImportReport) -> list[tuple[Any, ...]]:
        """Resolve areas, indicators and periods; find duplicates. Raises if anything is wrong."""
        crosswalk = Crosswalk.load()
        indicators = {i.code: i.pk for i in Indicator.objects.filter(formula="raw")}
        rows: list[tuple[Any, ...]] = []
        seen: dict[str, int | None] = {}
        for file, figure in figures:
            row = self.resolve(file, figure, crosswalk, indicators)
            if row is None:
                continue
            key = row[0]
            if key in seen:
                self.problem(file, figure.line, f"the same figure appears twice (first at line "
                             f"{seen[key]}): {figure.indicator} {figure.area} {figure.period}")
                continue
            seen[key] = figure.line
            rows.append(row)
        report.figures = len(figures)
        report.unmapped = crosswalk.unmapped
        for label, lines in crosswalk.unmapped.items():
            self.problems.append(Problem(", ".join(report.files), lines[0],
                                         f"no area for {label!r} ({len(lines)} rows); "
                                         "add it to the crosswalk"))
        report.problems = self.problems
        if self.problems:
            raise ImportFailed(report)
        return rows

    def resolve(self, file: str, figure: Figure, crosswalk: Crosswalk,
                indicators: dict[str, int]) -> tuple[Any, ...] | None:
        """A figure as a row ready to write, or None (with a problem recorded)."""
        indicator = indicators.get(figure.indicator)
        if indicator is None:
            self.problem(file, figure.line, f"unknown indicator {figure.indicator!r}")
            return None
        try:
            period = parse_period(figure.period)
        except ValueError as error:
            self.problem(file, figure.line, str(error))
            return None
        area = crosswalk.resolve(figure.area, figure.line)
        origin = self.optional_area(crosswalk, figure.origin, figure.line)
        destination = self.optional_area(crosswalk, figure.destination, figure.line)
        if area is None or (figure.origin is not None and origin is None) or \
                (figure.destination is not None and destination is None):
            return None
        origin_id = origin.pk if origin else None
        destination_id = destination.pk if destination else None
        key = series_key(self.source.code, indicator, area.pk, period.code, figure.sex,
                         figure.age, origin_id, destination_id)
        return (key, indicator, area.pk, period, figure.sex, figure.age, origin_id,
                destination_id, figure.value, figure.unit_multiplier, figure.status,
                figure.confidentiality, figure.note[:300])

    @staticmethod
    def optional_area(crosswalk: Crosswalk, label: str | int | None, line: int | None) -> Any:
        """The area of an origin or destination, if the figure has one."""
        return crosswalk.resolve(label, line) if label is not None else None

    def write(self, rows: list[tuple[Any, ...]], files: list[Path], checksums: dict[str, str],
              report: ImportReport, progress: Progress) -> None:
        """Replace the release's observations with ``rows``, in one transaction."""
        progress.start(len(rows), f"Writing {len(rows)} observations")
        with transaction.atomic():
            release = self.save_release()
            replaced = set(release.observations.values_list("coverage", flat=True))
            release.observations.all().delete()
            ReleaseFile.objects.filter(release=release).delete()
            for path in files:
                ReleaseFile.objects.create(
                    release=release, name=path.name, size=path.stat().st_size,
                    sha256=checksums[path.name], rows=self.figures_per_file.get(path.name, 0),
                )
            insert_observations(rows, release, progress)
            gone = replaced - {coverage_key(row[0]) for row in rows}
            refresh_latest(release, gone)
        report.written = len(rows)

    def save_release(self) -> Release:
        """Create or update the data source and the release record."""
        spec = self.source
        source, _ = DataSource.objects.update_or_create(code=spec.code, defaults={
            "name": spec.name, "producer": spec.producer, "kind": spec.kind,
            "kosovo_convention": spec.kosovo_convention, "producer_name": spec.producer_name,
            "coverage": spec.coverage, "periodicity": spec.periodicity,
            "access_conditions": spec.access_conditions, "quality_notes": spec.quality_notes,
            "website": spec.website,
        })
        release, _ = Release.objects.update_or_create(code=self.release.code, defaults={
            "source": source, "title": self.release.title, "vintage": self.release.vintage,
            "published": self.release.published, "notes": self.release.notes,
            "importer": self.name, "imported_at": timezone.now(),
            "imported_by": current_actor().authenticated_user,
        })
        return release


#: Columns written by :func:`insert_observations`, in the order of :func:`db_row`.
COLUMNS = ("key", "coverage", "indicator_id", "area_id", "period", "period_start", "period_end",
           "frequency", "sex", "age", "origin_id", "destination_id", "value", "unit_multiplier",
           "status", "confidentiality", "note", "release_id", "release_rank", "is_latest")


def db_row(row: tuple[Any, ...], release_id: int, rank: int) -> tuple[Any, ...]:
    """A checked row as the values of :data:`COLUMNS`."""
    (key, indicator, area, period, sex, age, origin, destination, value, multiplier, status,
     confidentiality, note) = row
    if value is None and status == ObservationStatus.NORMAL:
        status = ObservationStatus.MISSING
    start, end = period.start, period.end
    if connection.vendor == "sqlite":  # Python's implicit date adapter is deprecated
        start, end = start.isoformat(), end.isoformat()
    return (key, coverage_key(key), indicator, area, period.code, start, end, period.frequency,
            sex, age, origin, destination, value, multiplier, status, confidentiality, note,
            release_id, rank, True)


def insert_observations(rows: list[tuple[Any, ...]], release: Release, progress: Progress) -> None:
    """Insert many observations fast: COPY on PostgreSQL, batched executemany elsewhere.

    The ORM's bulk_create builds a model instance per row; an import of a million
    figures spends most of its time there, so rows go to the database as tuples.
    """
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    rank = release.rank
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), BATCH_SIZE):
                    for row in rows[start:start + BATCH_SIZE]:
                        copy.write_row(db_row(row, release.pk, rank))
                    progress.advance(min(BATCH_SIZE, len(rows) - start))
            return
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        # Identifiers are quoted by the engine and every value is a bound parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        for start in range(0, len(rows), BATCH_SIZE):
            batch = rows[start:start + BATCH_SIZE]
            cursor.executemany(sql, [db_row(row, release.pk, rank) for row in batch])
            progress.advance(len(batch))
