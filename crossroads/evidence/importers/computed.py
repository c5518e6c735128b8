"""Publishing figures computed inside Crossroads (border flows, counts of victims of
trafficking) through the importers' writing path: the same checks, the all-or-nothing
write and ``is_latest``, with a release that names the run instead of a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from crossroads.evidence.importers.base import (
    Figure,
    Importer,
    ImportReport,
    ReleaseSpec,
    insert_observations,
)
from crossroads.evidence.models import Release, ReleaseFile
from crossroads.evidence.models.observations import coverage_key, refresh_latest
from crossroads.reference.loaders.common import Progress

#: Sexes the evidence base breaks counts down by; others count in the totals only.
SEXES = ("F", "M")
#: A cell of computed counts: indicator, area, period, origin, sex.
Cell = tuple[str, str, str, str | None, str]
P = TypeVar("P", bound="ComputedPublisher")


class ComputedPublisher(Importer):
    """The importer framework, fed by a computation instead of files."""

    def read(self, path: Path) -> Iterator[Figure]:
        return iter(())

    @classmethod
    def with_release(cls: type[P], spec: ReleaseSpec, *args: Any) -> P:
        """A publisher (built from ``args``) whose release is ``spec``, naming the run."""
        publisher = type(f"{cls.__name__}Run", (cls,), {"release": spec})
        return publisher(*args)  # type: ignore[no-any-return]

    def write_figures(self, figures: list[Figure], input_name: str, checksum: str,
                      size: int, progress: Progress, rows: int | None = None) -> ImportReport:
        """Check every figure, then replace the release's observations, in one transaction.

        ``size`` and ``rows`` describe the input (rows: the observations written, unless
        given). Nothing is written when the same input (by checksum) was published already."""
        report = ImportReport(self.name, self.release.code, [input_name])
        if self.already_imported({input_name: checksum}):
            report.unchanged = True
            return report
        checked = self.check([(input_name, f) for f in figures], report)
        progress.start(len(checked), f"Writing {len(checked)} observations")
        with transaction.atomic():
            release = self.save_release()
            replaced = set(release.observations.values_list("coverage", flat=True))
            release.observations.all().delete()
            ReleaseFile.objects.filter(release=release).delete()
            ReleaseFile.objects.create(release=release, name=input_name, size=size,
                                       sha256=checksum,
                                       rows=len(checked) if rows is None else rows)
            insert_observations(checked, release, progress)
            refresh_latest(release, replaced - {coverage_key(row[0]) for row in checked})
            Release.objects.filter(pk=release.pk).update(imported_at=timezone.now())
        report.written = len(checked)
        return report


def with_totals(indicator: str, area: str, period: str, origin: str | None,
                sex: str | None) -> Iterator[Cell]:
    """The cells a count adds to: by origin and sex, and each of their totals.

    An unknown origin (None) and a sex outside ``SEXES`` count in the totals only."""
    sexes = ("_T", str(sex)) if sex in SEXES else ("_T",)
    origins = (None, origin) if origin is not None else (None,)
    for each_origin in origins:
        for each_sex in sexes:
            yield (indicator, area, period, each_origin, each_sex)


def cell_order(cell: Cell) -> tuple[str, ...]:
    """Cells sorted by indicator, area, period, origin (totals first) and sex."""
    return tuple(part or "" for part in cell)
