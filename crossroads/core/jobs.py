"""The job runner: register a job function, run it in the worker or inline, report progress.

A job function takes a :class:`Progress` and JSON keyword arguments and returns a
JSON-able result::

    @register_job("reference.load")
    def load_reference(progress: Progress, *, path: str) -> dict: ...

``enqueue()`` hands it to the database-backed task queue (``crossroads jobs`` runs
the worker); ``run_inline()`` runs it now, as the CLI does, with a progress callback.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from crossroads.core.context import acting_as
from crossroads.core.models import Job

logger = logging.getLogger(__name__)


#: A job function: ``function(progress, **json_kwargs) -> json_result``.
JobFunction = Callable[..., Any]


_registry: dict[str, JobFunction] = {}


def register_job(name: str) -> Callable[[JobFunction], JobFunction]:
    """Register a function as the job called ``name``."""

    def decorator(function: JobFunction) -> JobFunction:
        _registry[name] = function
        return function

    return decorator


def job_function(name: str) -> JobFunction:
    """The function registered as ``name`` (KeyError names the unknown job)."""
    try:
        return _registry[name]
    except KeyError:
        raise KeyError(f"no job is registered as {name!r}") from None


class Progress:
    """Progress of one job, saved to its row at most every ``interval`` seconds."""

    def __init__(
        self,
        job: Job,
        callback: Callable[[Job], None] | None = None,
        interval: float = 0.5,
    ) -> None:
        self.job = job
        self.callback = callback
        self.interval = interval
        self._last_saved = 0.0

    def start(self, total: int | None, message: str = "") -> None:
        """Announce how many steps the job has (None when unknown)."""
        self.job.progress_total = total
        self.job.progress_done = 0
        self.job.message = message[:500]
        self._save(force=True)

    def advance(self, steps: int = 1, message: str | None = None) -> None:
        """Record ``steps`` more steps done."""
        self.job.progress_done += steps
        if message is not None:
            self.job.message = message[:500]
        self._save()

    def _save(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_saved >= self.interval:
            Job.objects.filter(pk=self.job.pk).update(
                progress_done=self.job.progress_done,
                progress_total=self.job.progress_total,
                message=self.job.message,
            )
            self._last_saved = now
        if self.callback is not None:
            self.callback(self.job)


def create_job(name: str, user: Any = None, /, **kwargs: Any) -> Job:
    """Record a job to be run (validates that the job exists)."""
    job_function(name)
    return Job.objects.create(name=name, user=user, kwargs=kwargs)


def enqueue(name: str, user: Any = None, /, **kwargs: Any) -> Job:
    """Queue a job for the worker; it starts once the current transaction commits."""
    job = create_job(name, user, **kwargs)
    transaction.on_commit(lambda: run_job.enqueue(job_id=str(job.pk)))
    return job


def run_inline(
    name: str, user: Any = None, /, callback: Callable[[Job], None] | None = None, **kwargs: Any
) -> Job:
    """Run a job now in this process (the CLI's way), recording it like any other."""
    job = create_job(name, user, **kwargs)
    execute(job, callback=callback, channel="cli")
    job.refresh_from_db()
    return job


def execute(job: Job, callback: Callable[[Job], None] | None = None, channel: str = "job") -> None:
    """Run a recorded job, recording its start, end, result or error."""
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started=timezone.now())
    progress = Progress(job, callback=callback)
    try:
        with acting_as(job.user, channel=channel):
            result = job_function(job.name)(progress, **job.kwargs)
    except Exception as error:  # a failed job is recorded, never lost
        logger.exception("job %s (%s) failed", job.pk, job.name)
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, finished=timezone.now(),
            error=f"{error}\n\n{traceback.format_exc()}"[:20000],
            progress_done=progress.job.progress_done, message=str(error)[:500],
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.COMPLETED, finished=timezone.now(), result=result,
        progress_done=progress.job.progress_done, message=progress.job.message,
    )


@task()
def run_job(job_id: str) -> None:
    """The task the worker runs: execute one recorded job."""
    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != Job.Status.PENDING:
        return
    execute(job)
