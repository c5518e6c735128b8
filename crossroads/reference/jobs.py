"""Jobs of the reference app."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from crossroads.core.jobs import Progress, register_job


def as_json(results: Any) -> Any:
    """Load results (LoadResult dataclasses, possibly in a dict) as JSON data."""
    if isinstance(results, dict):
        return {key: as_json(value) for key, value in results.items()}
    return asdict(results)


@register_job("reference.load")
def load_reference_job(progress: Progress) -> Any:
    """Load the shipped reference data (countries, framework, offices)."""
    from crossroads.reference.loaders import load_reference

    return as_json(load_reference(progress=progress))


@register_job("reference.import_admin_areas")
def import_admin_areas_job(progress: Progress, *, path: str) -> Any:
    """Import administrative areas from an uploaded CSV file."""
    from crossroads.reference.loaders.admin_areas import load_admin_areas

    return as_json(load_admin_areas(path, progress=progress))


@register_job("reference.import_uploaded_admin_areas")
def import_uploaded_admin_areas_job(progress: Progress, *, path: str) -> Any:
    """Import administrative areas from a file uploaded in the web interface, then delete it."""
    try:
        return import_admin_areas_job(progress, path=path)
    finally:
        Path(path).unlink(missing_ok=True)
