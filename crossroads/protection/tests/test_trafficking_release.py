"""The public release of counter-trafficking case data is k-anonymous, and proves it.

The property test stores generated populations of victims in the database and makes
the release as a data manager would: every combination of released quasi-identifier
values occurs at least k times in the CSV, nothing identifying is in it, and the
report accounts for every profile.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from crossroads.core.models import AuditEvent
from crossroads.people.models import PersonName
from crossroads.protection.consent import withdraw
from crossroads.protection.models import Consent, TraffickingProfile
from crossroads.protection.tests.test_trafficking_base import TraffickingTestCase
from crossroads.protection.trafficking.release import (
    QUASI_IDENTIFIERS,
    TraffickingRelease,
    release_trafficking,
)

victims = st.lists(st.fixed_dictionaries({
    "sex": st.sampled_from(["F", "M", "X"]),
    "born": st.one_of(st.none(), st.integers(1960, 2012)),
    "nationality": st.sampled_from(["MDA", "UKR", "UZB", "TJK", "DEU", None]),
    "status": st.sampled_from(["identified", "presumed", "not_confirmed"]),
    "decided": st.dates(date(2018, 1, 1), date(2025, 12, 31)),
    "exploited_in": st.sampled_from(["RUS", "TUR", "DEU", "MDA", None]),
    "exploitation": st.lists(st.sampled_from(["sexual", "forced_labour", "forced_begging"]),
                             max_size=2, unique=True).map(tuple),
    "consent": st.booleans(),
}), min_size=0, max_size=40)


def released_rows(made: TraffickingRelease) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(made.csv())))


class ReleasePropertyTests(TraffickingTestCase, HypothesisTestCase):
    """Each generated population is stored in its own transaction, rolled back after."""

    @settings(max_examples=15, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(population=victims, k=st.integers(2, 6),
           budget=st.sampled_from([0.0, 0.05, 0.2]))
    def test_every_released_combination_describes_at_least_k_victims(
            self, population: list[dict[str, Any]], k: int, budget: float) -> None:
        stored = [self.victim(f"P-{i}", **victim) for i, victim in enumerate(population)]
        for profile in stored:
            PersonName.objects.create(person=profile.case_person.person, part="family",
                                      value="Zzyzxova")
        made = release_trafficking(self.manager, k=k, max_suppression=budget)
        self.check_release(made, stored, k)

    def check_release(self, made: TraffickingRelease, stored: list[TraffickingProfile],
                      k: int) -> None:
        rows = released_rows(made)
        groups = Counter(tuple(row[c] for c in QUASI_IDENTIFIERS) for row in rows)
        self.assertTrue(all(n >= k for n in groups.values()), groups)
        text = made.csv()
        for profile in stored:
            self.assertNotIn(profile.case.reference, text)
            person = profile.case_person.person
            assert person is not None
            self.assertNotIn(str(person.uid), text)
        self.assertNotIn("Zzyzxova", text)
        report = made.report()
        excluded = sum(1 for p in stored if not Consent.objects.filter(
            case_person=p.case_person, withdrawn_on__isnull=True).exists())
        self.assertEqual(report["excluded_without_consent"], excluded)
        self.assertEqual(report["suppressed_rows"], len(stored) - len(rows) - excluded)
        self.assertEqual(report["released_rows"], len(rows))


class ReleaseTests(TraffickingTestCase):
    """Twelve consenting Moldovan women exploited in Russia in 2024; one more woman
    whose consent was withdrawn; one who never consented."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.profiles = [cls.victim(f"R-{i}", born=1990 + i % 3) for i in range(12)]
        withdrawn = cls.victim("R-WITHDRAWN")
        withdraw(Consent.objects.get(case_person=withdrawn.case_person), date.today())
        cls.victim("R-NEVER", consent=False)

    def test_persons_without_consent_in_force_are_left_out_and_counted(self) -> None:
        made = release_trafficking(self.manager)
        report = made.report()
        self.assertEqual(report["profiles_in_scope"], 14)
        self.assertEqual(report["excluded_without_consent"], 2)
        self.assertEqual(report["released_rows"], 12)
        self.assertEqual(report["k"], 11)

    def test_the_release_generalises_and_keeps_the_attributes(self) -> None:
        rows = released_rows(release_trafficking(self.manager))
        self.assertEqual({row["exploitation"] for row in rows}, {"sexual"})
        self.assertEqual({row["status"] for row in rows}, {"identified"})
        self.assertEqual({row["nationality"] for row in rows}, {"MDA"})
        self.assertNotIn("reference", rows[0])

    @override_settings(PROTECTION_RELEASE_K=13)
    def test_k_comes_from_the_settings_and_too_few_victims_release_nothing(self) -> None:
        made = release_trafficking(self.manager)
        self.assertEqual(made.report()["k"], 13)
        self.assertEqual(released_rows(made), [])
        self.assertEqual(made.report()["suppressed_rows"], 12)

    def test_a_bad_k_is_a_field_error(self) -> None:
        for bad in (1, "eleven"):
            with self.assertRaises(ValidationError) as refused:
                release_trafficking(self.manager, k=bad)
            self.assertIn("k", refused.exception.message_dict)
        with self.assertRaises(ValidationError) as refused:
            release_trafficking(self.manager, max_suppression=2)
        self.assertIn("max_suppression", refused.exception.message_dict)

    def test_only_a_holder_of_release_may_release(self) -> None:
        for user in (self.owner, self.colleague, self.outsider):
            with self.assertRaises(PermissionDenied):
                release_trafficking(user)

    def test_the_profiles_released_are_audited_as_exported(self) -> None:
        release_trafficking(self.manager)
        exported = AuditEvent.objects.filter(action="export",
                                             object_type__model="traffickingprofile")
        self.assertEqual(exported.count(), 12)
        self.assertEqual(set(exported.values_list("user_name", flat=True)), {"manager"})


class ReleasePageTests(TraffickingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(11):
            cls.victim(f"W-{i}")

    def setUp(self) -> None:
        self.client.force_login(self.manager)
        self.url = reverse("protection:trafficking_release")

    def test_the_page_shows_the_report_on_screen(self) -> None:
        page = self.client.post(self.url, {"k": 11, "max_suppression": 0.05, "download": ""})
        self.assertContains(page, "Rows released")
        self.assertContains(page, "k-anonymity with k = 11")

    def test_the_release_and_its_report_download(self) -> None:
        data = {"k": 11, "max_suppression": 0.05}
        csv_file = self.client.post(self.url, {**data, "download": "csv"})
        self.assertEqual(csv_file["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(len(csv_file.content.decode().strip().splitlines()), 12)
        report = json.loads(self.client.post(self.url, {**data, "download": "json"}).content)
        self.assertEqual(report["released_rows"], 11)
        markdown = self.client.post(self.url, {**data, "download": "markdown"})
        self.assertIn("k = 11", markdown.content.decode())

    def test_bad_parameters_get_field_errors_and_no_file(self) -> None:
        page = self.client.post(self.url, {"k": 1, "max_suppression": 0.05, "download": "csv"})
        self.assertEqual(page.status_code, 400)
        self.assertTrue(page.context["form"].errors["k"])

    def test_a_case_worker_is_refused(self) -> None:
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, {"k": 11, "max_suppression": 0,
                                                     "download": "csv"}).status_code, 403)


class ReleaseCommandTests(TraffickingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for i in range(11):
            cls.victim(f"C-{i}")

    def test_the_command_writes_the_release_and_its_report(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            out, report = Path(folder) / "release.csv", Path(folder) / "report.md"
            call_command("protection", "release-trafficking", "--user", "manager",
                         "--out", str(out), "--report", str(report), "--k", "11",
                         stdout=io.StringIO())
            self.assertEqual(len(out.read_text().splitlines()), 12)
            self.assertIn("k = 11", report.read_text())
        self.assertEqual(AuditEvent.objects.filter(action="export", channel="cli",
                                                   user_name="manager").count(), 11)

    def test_the_command_refuses_a_user_without_release(self) -> None:
        with tempfile.TemporaryDirectory() as folder, self.assertRaises(CommandError):
            call_command("protection", "release-trafficking", "--user", "owner",
                         "--out", str(Path(folder) / "release.csv"))
