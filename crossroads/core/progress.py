"""Running a job from the command line with a rich progress bar."""

from __future__ import annotations

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
