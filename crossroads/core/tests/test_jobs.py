"""Background jobs: registered functions run inline or by the worker, with recorded progress."""

from __future__ import annotations

import io
import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase
from django.urls import reverse

from crossroads.core import jobs
from crossroads.core.models import Job, ObjectChange
from crossroads.core.progress import run_with_progress_bar
from crossroads.reference.choices import PartnerKind
from crossroads.reference.models import Country, Partner
from crossroads.testing.base import CrossroadsTestCase
from crossroads.users.models import User

COUNT = "tests.core.count_to"
FAIL = "tests.core.fail_halfway"
CREATE = "tests.core.create_partner"


@jobs.register_job(COUNT)
def count_to(progress: jobs.Progress, *, n: int) -> dict[str, Any]:
    """Count to ``n``, one step at a time."""
    progress.start(n, "Counting")
    for step in range(1, n + 1):
        progress.advance(1, f"Counted to {step}")
    return {"counted": n}


@jobs.register_job(FAIL)
def fail_halfway(progress: jobs.Progress) -> None:
    """Do one of two steps, then fail."""
    progress.start(2, "Trying")
    progress.advance()
    raise ValueError("the input file is broken on line 7")


@jobs.register_job(CREATE)
def create_partner(progress: jobs.Progress, *, title: str) -> int:
    """Create a record, to see whom the change is attributed to."""
    return Partner.objects.create(name=title, kind=PartnerKind.OTHER).pk


def partner_changes(pk: int) -> Any:
    return ObjectChange.objects.filter(
        object_type=ContentType.objects.get_for_model(Partner), object_id=str(pk))


class RunInlineTests(CrossroadsTestCase):
    def test_a_completed_job_records_status_progress_and_result(self) -> None:
        job = jobs.run_inline(COUNT, self.owner, n=3)
        self.assertEqual(job.status, Job.Status.COMPLETED)
        self.assertEqual((job.progress_done, job.progress_total, job.percent), (3, 3, 100))
        self.assertEqual(job.message, "Counted to 3")
        self.assertEqual(job.result, {"counted": 3})
        self.assertEqual(job.user, self.owner)
        self.assertEqual(job.kwargs, {"n": 3})
        self.assertIsNotNone(job.started)
        self.assertIsNotNone(job.finished)
        assert job.started is not None and job.finished is not None
        self.assertLessEqual(job.started, job.finished)
        self.assertEqual(job.error, "")

    def test_progress_is_reported_to_a_callback_as_the_job_runs(self) -> None:
        seen: list[tuple[int, int | None]] = []
        jobs.run_inline(COUNT, callback=lambda job: seen.append(
            (job.progress_done, job.progress_total)), n=4)
        self.assertEqual(seen, [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)])

    def test_a_failing_job_is_recorded_as_failed_with_its_error_and_does_not_raise(self) -> None:
        job = jobs.run_inline(FAIL, self.owner)
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertEqual(job.message, "the input file is broken on line 7")
        self.assertIn("the input file is broken on line 7", job.error)
        self.assertIn("ValueError", job.error)  # the traceback, for whoever investigates
        self.assertEqual((job.progress_done, job.progress_total), (1, 2))
        self.assertIsNone(job.result)
        self.assertIsNotNone(job.finished)
        self.assertFalse(job.percent == 100)

    def test_an_unknown_job_is_refused_before_anything_is_recorded(self) -> None:
        with self.assertRaisesMessage(KeyError, "tests.core.no_such_job"):
            jobs.run_inline("tests.core.no_such_job")
        self.assertFalse(Job.objects.filter(name="tests.core.no_such_job").exists())

    def test_changes_made_by_an_inline_job_are_attributed_to_its_user(self) -> None:
        job = jobs.run_inline(CREATE, self.owner, title="Made inline")
        partner = Partner.objects.get(pk=job.result)
        self.assertEqual(partner.created_by, self.owner)
        [change] = partner_changes(partner.pk)
        self.assertEqual((change.user, change.channel), (self.owner, "cli"))

    def test_the_cli_runner_turns_a_failed_job_into_a_command_error(self) -> None:
        with self.assertRaisesMessage(CommandError, "the input file is broken on line 7"):
            run_with_progress_bar(FAIL, quiet=True)
        self.assertEqual(Job.objects.get(name=FAIL).status, Job.Status.FAILED)

    def test_a_job_is_only_queued_once_the_transaction_commits(self) -> None:
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            job = jobs.enqueue(COUNT, self.owner, n=2)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(Job.objects.get(pk=job.pk).status, Job.Status.PENDING)


class JobStatusPageTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.done = jobs.run_inline(COUNT, cls.owner, n=3)
        cls.pending = jobs.create_job(COUNT, cls.owner, n=5)
        cls.failed = jobs.run_inline(FAIL, cls.owner)

    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def test_the_job_page_shows_status_progress_and_result(self) -> None:
        response = self.client.get(reverse("core:job", args=[self.done.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<html", html=False)
        self.assertContains(response, COUNT)
        self.assertContains(response, "Completed")
        self.assertContains(response, "3 / 3")
        self.assertContains(response, "Counted to 3")
        self.assertContains(response, "counted")

    def test_a_running_job_page_polls_for_progress_and_a_finished_one_stops(self) -> None:
        pending = self.client.get(reverse("core:job", args=[self.pending.pk]))
        self.assertContains(pending, 'hx-trigger="every 1s"')
        self.assertContains(pending, "Pending")
        done = self.client.get(reverse("core:job", args=[self.done.pk]))
        self.assertNotContains(done, "hx-trigger")

    def test_htmx_polling_gets_only_the_progress_fragment(self) -> None:
        response = self.client.get(reverse("core:job", args=[self.done.pk]),
                                   headers={"HX-Request": "true"})
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertTrue(body.lstrip().startswith('<section id="job-progress"'), body[:200])
        self.assertNotIn("<html", body)
        self.assertIn("3 / 3", body)

    def test_the_job_status_is_available_as_json(self) -> None:
        response = self.client.get(reverse("core:job", args=[self.done.pk]), {"format": "json"})
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json(), {
            "id": str(self.done.pk), "name": COUNT, "status": "completed", "done": 3,
            "total": 3, "percent": 100, "message": "Counted to 3", "result": {"counted": 3},
        })

    def test_a_failed_job_page_shows_the_error(self) -> None:
        response = self.client.get(reverse("core:job", args=[self.failed.pk]))
        self.assertContains(response, "Failed")
        self.assertContains(response, "the input file is broken on line 7")
        data = self.client.get(reverse("core:job", args=[self.failed.pk]),
                               {"format": "json"}).json()
        self.assertEqual((data["status"], data["done"], data["total"]), ("failed", 1, 2))

    def test_another_user_cannot_see_my_job(self) -> None:
        self.client.force_login(self.colleague)
        for params in ({}, {"format": "json"}):
            response = self.client.get(reverse("core:job", args=[self.done.pk]), params)
            self.assertEqual(response.status_code, 404)

    def test_an_unknown_job_is_not_found(self) -> None:
        response = self.client.get(reverse("core:job",
                                           args=["00000000-0000-0000-0000-000000000000"]))
        self.assertEqual(response.status_code, 404)

    def test_a_user_granted_the_job_list_can_see_other_peoples_jobs(self) -> None:
        self.grant(self.colleague, Job, "view")
        self.client.force_login(self.colleague)
        self.assertEqual(self.client.get(reverse("core:job", args=[self.done.pk])).status_code,
                         200)

    def test_the_home_page_lists_my_recent_jobs(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertContains(response, self.done.get_absolute_url())


class LoadReferenceCommandTests(CrossroadsTestCase):
    """The load_reference command (loads the real shipped files: once for the class)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.out = io.StringIO()
        call_command("load_reference", "--json", verbosity=0, stdout=cls.out)

    def test_load_reference_runs_as_a_job_and_prints_its_json_result(self) -> None:
        result = json.loads(self.out.getvalue())
        self.assertGreater(result["countries"]["created"] + result["countries"]["updated"], 240)
        self.assertIn("offices", result)
        job = Job.objects.get(name="reference.load")
        self.assertEqual(job.status, Job.Status.COMPLETED)
        self.assertEqual(job.result, result)
        self.assertEqual((job.progress_done, job.progress_total), (3, 3))
        self.assertGreater(Country.objects.count(), 240)


class WorkerTests(TransactionTestCase):
    """enqueue() hands a job to the task queue once the transaction commits; the worker runs it."""

    def setUp(self) -> None:
        self.user = User.objects.create(username="worker-user")

    @contextmanager
    def preserved_signal_handlers(self) -> Iterator[None]:
        """The worker installs its own SIGINT/SIGTERM handlers; put ours back afterwards."""
        kinds = [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", signal.SIGTERM)]
        saved = {kind: signal.getsignal(kind) for kind in kinds}
        try:
            yield
        finally:
            for kind, handler in saved.items():
                signal.signal(kind, handler)

    def run_worker(self) -> None:
        with self.preserved_signal_handlers():
            call_command("jobs", batch=True, interval=0.01, verbosity=0, stdout=io.StringIO())

    def test_an_enqueued_job_is_run_by_the_worker_in_batch_mode(self) -> None:
        job = jobs.enqueue(COUNT, self.user, n=4)
        self.assertEqual(Job.objects.get(pk=job.pk).status, Job.Status.PENDING)
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual(job.status, Job.Status.COMPLETED)
        self.assertEqual((job.progress_done, job.progress_total), (4, 4))
        self.assertEqual(job.result, {"counted": 4})

    def test_a_failing_queued_job_is_recorded_and_the_worker_carries_on(self) -> None:
        failing = jobs.enqueue(FAIL, self.user)
        following = jobs.enqueue(COUNT, self.user, n=1)
        self.run_worker()
        failing.refresh_from_db()
        following.refresh_from_db()
        self.assertEqual(failing.status, Job.Status.FAILED)
        self.assertIn("the input file is broken on line 7", failing.error)
        self.assertEqual(following.status, Job.Status.COMPLETED)

    def test_changes_made_by_a_queued_job_are_attributed_to_its_user_as_job(self) -> None:
        job = jobs.enqueue(CREATE, self.user, title="Made by the worker")
        self.run_worker()
        job.refresh_from_db()
        partner = Partner.objects.get(pk=job.result)
        self.assertEqual(partner.created_by, self.user)
        [change] = partner_changes(partner.pk)
        self.assertEqual((change.user, change.channel), (self.user, "job"))

    def test_a_job_that_is_no_longer_pending_is_not_run_again(self) -> None:
        job = jobs.enqueue(COUNT, self.user, n=2)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.COMPLETED, result={"kept": True})
        self.run_worker()
        job.refresh_from_db()
        self.assertEqual(job.result, {"kept": True})
        self.assertEqual(job.progress_done, 0)
