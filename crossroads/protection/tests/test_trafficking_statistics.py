"""Counter-trafficking statistics in the evidence base: counts, scope, provenance, disclosure."""

from __future__ import annotations

import io
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from crossroads.core.jobs import run_inline
from crossroads.core.models import AuditEvent, Job
from crossroads.evidence.models import Observation, Release
from crossroads.evidence.models.observations import MICRODATA
from crossroads.evidence.services.query import series
from crossroads.protection.tests.test_trafficking_base import TraffickingTestCase
from crossroads.protection.trafficking.statistics import publish_trafficking


class PublishTests(TraffickingTestCase):
    """In 2024, in Russia: 6 identified Moldovan women and 1 Uzbek man, 2 presumed
    Moldovan women (one also for forced labour); one woman with no country of
    exploitation; one not confirmed; and a victim of another organisation."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(6):
            cls.victim(f"V-{i}")
        cls.victim("V-UZB", sex="M", nationality="UZB", exploitation=("forced_labour",))
        cls.victim("V-P1", status="presumed")
        cls.victim("V-P2", status="presumed", exploitation=("sexual", "forced_labour"))
        cls.victim("V-NOWHERE", exploited_in=None)
        cls.victim("V-NOT", status="not_confirmed")
        cls.victim("V-ELSEWHERE", organisation=cls.other_organisation)
        cls.summary = publish_trafficking(cls.manager)
        cls.grant(cls.colleague, Observation, ["view", MICRODATA])
        cls.grant(cls.owner, Observation, "view")

    def values(self, user: object, indicator: str, origin: str | None = None) -> dict:
        found = series(user, indicator, areas=["RUS"], sex=None, origin=origin)
        return {v.sex: v.value for v in found if v.period == "2024"}

    def test_identified_and_presumed_victims_are_counted_separately(self) -> None:
        self.assertEqual(self.values(self.colleague, "VOT_IDENTIFIED"),
                         {"_T": 7.0, "F": 6.0, "M": 1.0})
        self.assertEqual(self.values(self.colleague, "VOT_PRESUMED"), {"_T": 2.0, "F": 2.0})

    def test_counts_are_broken_down_by_nationality(self) -> None:
        self.assertEqual(self.values(self.colleague, "VOT_IDENTIFIED", "UZB"),
                         {"_T": 1.0, "M": 1.0})
        self.assertEqual(self.values(self.colleague, "VOT_IDENTIFIED", "MDA"),
                         {"_T": 6.0, "F": 6.0})

    def test_each_type_of_exploitation_has_its_indicator(self) -> None:
        self.assertEqual(self.values(self.colleague, "VOT_SEXUAL_EXPLOITATION")["_T"], 8.0)
        self.assertEqual(self.values(self.colleague, "VOT_FORCED_LABOUR")["_T"], 2.0)

    def test_only_the_cases_the_manager_may_release_and_real_victims_count(self) -> None:
        self.assertEqual(self.summary["victims"], 9)
        self.assertEqual(self.summary["by_status"], {"identified": 7, "presumed": 2})
        self.assertEqual(self.summary["without_country"], 1)
        self.assertEqual(self.summary["cases"], 11)

    def test_small_counts_are_withheld_from_the_public(self) -> None:
        shown = self.values(self.owner, "VOT_IDENTIFIED")
        self.assertEqual(shown["_T"], 7.0)
        self.assertIsNone(shown["M"])  # 1 < 5
        self.assertIsNone(shown["F"])  # else 7 - 1 gives the man away

    def test_the_release_says_what_was_counted_when_and_by_whom(self) -> None:
        release = Release.objects.get(code=self.summary["release"])
        self.assertEqual(release.source.code, "crossroads-trafficking")
        self.assertIn("Published by manager", release.notes)
        self.assertIn("11 cases", release.notes)
        self.assertIn("9 victims counted", release.notes)
        self.assertEqual(release.imported_at.date(), date.today())
        self.assertEqual(release.files.get().rows, 9)

    def test_publishing_the_same_data_again_writes_nothing(self) -> None:
        before = Observation.objects.count()
        self.assertTrue(publish_trafficking(self.manager)["unchanged"])
        self.assertEqual(Observation.objects.count(), before)

    def test_the_profiles_counted_are_audited_as_exported(self) -> None:
        self.assertEqual(AuditEvent.objects.filter(
            action="export", object_type__model="traffickingprofile").count(), 11)


class PublishPermissionTests(TraffickingTestCase):
    def test_without_release_nothing_is_published(self) -> None:
        self.victim("V-1")
        for user in (self.owner, self.colleague, self.outsider):
            with self.assertRaises(PermissionDenied):
                publish_trafficking(user)
        self.assertFalse(Observation.objects.exists())

    def test_the_job_publishes_as_the_user_who_started_it(self) -> None:
        for i in range(5):
            self.victim(f"V-{i}")
        job = run_inline("protection.trafficking_statistics", self.manager)
        self.assertEqual(job.status, Job.Status.COMPLETED, job.error)
        self.assertEqual((job.result or {})["victims"], 5)
        refused = run_inline("protection.trafficking_statistics", self.owner)
        self.assertEqual(refused.status, Job.Status.FAILED)

    def test_the_command_publishes_as_the_named_data_manager(self) -> None:
        for i in range(5):
            self.victim(f"V-{i}")
        out = io.StringIO()
        call_command("protection", "publish-trafficking", "--user", "manager", stdout=out)
        self.assertIn("5 victims of 5 cases", out.getvalue())
        with self.assertRaises(CommandError):
            call_command("protection", "publish-trafficking", "--user", "owner",
                         stdout=io.StringIO())
