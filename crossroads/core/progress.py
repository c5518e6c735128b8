"""Running a job from the command line with a rich progress bar."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crossroads.core import jobs
from crossroads.core.models import Job


def run_with_progress_bar(name: str, user: Any = None, quiet: bool = False, **kwargs: Any) -> Job:
    """Run a job inline, drawing its progress; raise CommandError if it fails."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, disable=quiet, transient=False) as bar:
        task_id = bar.add_task(name, total=None)

        def draw(job: Job) -> None:
            bar.update(task_id, total=job.progress_total, completed=job.progress_done,
                       description=job.message or name)

        job = jobs.run_inline(name, user, callback=draw, **kwargs)
        if job.status == Job.Status.COMPLETED:
            bar.update(task_id, total=job.progress_total or 1,
                       completed=job.progress_total or 1)
    if job.status == Job.Status.FAILED:
        raise CommandError(job.message or job.error.splitlines()[0])
    return job


def print_result(out: Any, result: Any, as_json: bool = False, quiet: bool = False) -> None:
    """Print a load's counts: as JSON, or one line per kind of record."""
    if as_json:
        out.write(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if quiet or not isinstance(result, dict):
        return
    for kind, counts in result.items():
        if isinstance(counts, dict):
            summary = ", ".join(f"{number} {state}" for state, number in counts.items())
            out.write(f"{kind.replace('_', ' ')}: {summary}")
