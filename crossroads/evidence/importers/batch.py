"""Importing every shipped source."""

from __future__ import annotations

from typing import Any

from django.db import connection

from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers import registry
from crossroads.reference.loaders.common import NullProgress, Progress


class StepProgress:
    """Progress of one importer inside ``import all``: only messages, the bar counts sources."""

    def __init__(self, outer: Progress, label: str) -> None:
        self.outer = outer
        self.label = label

    def start(self, total: int | None, message: str) -> None:
        self.outer.advance(0, f"{self.label}: {message}")

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        if message:
            self.outer.advance(0, f"{self.label}: {message}")


def import_all(progress: Progress | None = None) -> dict[str, Any]:
    """Run every importer on its shipped files; stops at the first that fails."""
    progress = progress or NullProgress()
    load_definitions()
    importers = registry.shipped()
    progress.start(len(importers), "Importing every shipped source")
    results = {}
    for cls in importers:
        report = cls().run(progress=StepProgress(progress, cls.name))
        results[cls.name] = report.as_dict()
        progress.advance(1, f"{cls.name}: {report.written} observations")
    analyse()
    return results


def analyse() -> None:
    """Refresh the query planner's statistics after a bulk load (SQLite keeps none by itself)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
