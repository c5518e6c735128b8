"""Jobs of the evidence base: imports run in the worker, with progress."""

from __future__ import annotations

from typing import Any

from crossroads.core.jobs import Progress, register_job


@register_job("evidence.import")
def import_job(progress: Progress, *, importer: str, paths: list[str] | None = None) -> Any:
    """Import one source (its shipped files, or the given ones)."""
    from crossroads.evidence.definitions import load_definitions
    from crossroads.evidence.importers import registry

    load_definitions()
    return registry.get(importer)().run(paths, progress=progress).as_dict()


@register_job("evidence.import_all")
def import_all_job(progress: Progress) -> Any:
    """Import every shipped source, one after the other (each all or nothing)."""
    from crossroads.evidence.importers.batch import import_all

    return import_all(progress)
