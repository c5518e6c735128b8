"""Load all shipped reference data: countries, then the framework, then the offices."""

from __future__ import annotations

from django.db import transaction

from crossroads.reference.loaders.common import LoadResult, NullProgress, Progress
from crossroads.reference.loaders.countries import load_countries
from crossroads.reference.loaders.framework import load_framework
from crossroads.reference.loaders.offices import load_offices


def load_reference(progress: Progress | None = None) -> dict[str, LoadResult]:
    """Load the shipped countries, framework and offices in one transaction.

    All-or-nothing: a problem in any file raises :class:`ReferenceDataError` and
    nothing is written. Returns a :class:`LoadResult` per kind of record, e.g.
    ``{"countries": ..., "regions": ..., "offices": ...}``. ``progress`` gets one step
    per file.
    """
    progress = progress or NullProgress()
    progress.start(3, "Loading reference data")
    results: dict[str, LoadResult] = {}
    with transaction.atomic():
        results["countries"] = load_countries()
        progress.advance(1, f"Countries: {results['countries']}")
        results.update(load_framework())
        progress.advance(1, "Strategic framework, regions and regional bodies loaded")
        results["offices"] = load_offices()
        progress.advance(1, f"Offices: {results['offices']}")
    return results
