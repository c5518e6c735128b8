"""Jobs of the reference app."""

from __future__ import annotations

from typing import Any

from crossroads.core.jobs import Progress, register_job


@register_job("reference.load")
def load_reference_job(progress: Progress) -> Any:
    """Load the shipped reference data (countries, framework, offices)."""
    from crossroads.reference.loaders import load_reference

    return load_reference(progress=progress)


@register_job("reference.import_admin_areas")
def import_admin_areas_job(progress: Progress, *, path: str) -> Any:
    """Import administrative areas from an uploaded CSV file."""
    from crossroads.reference.loaders.admin_areas import load_admin_areas

    result = load_admin_areas(path, progress=progress)
    return result if isinstance(result, dict) else vars(result)
