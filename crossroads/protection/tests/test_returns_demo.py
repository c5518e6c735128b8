"""The demo's returns: an application under way, a completed return with its
reintegration, loaded once however often the loader runs, seen by the case worker only."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from crossroads.core.permissions import VIEW
from crossroads.protection.choices import ReturnStatus
from crossroads.protection.demo_cases import load_demo_cases
from crossroads.protection.models import ReturnApplication
from crossroads.protection.returns.demo_returns import (
    COMPLETED_CASE,
    CURRENT_CASE,
    load_demo_returns,
)
from crossroads.users.demo import load_demo
from crossroads.users.models import User


class DemoReturnTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_reference", verbosity=0)
        with tempfile.TemporaryDirectory() as var, override_settings(VAR_DIR=Path(var)):
            load_demo()
        load_demo_cases()
        cls.created = load_demo_returns()
        cls.again = load_demo_returns()

    def test_two_applications_are_loaded_once(self) -> None:
        self.assertEqual((self.created, self.again), (2, 0))
        self.assertEqual(ReturnApplication.objects.count(), 2)

    def test_the_current_applicant_is_eligible_and_waits_for_a_passport(self) -> None:
        current = ReturnApplication.objects.get(case__reference=CURRENT_CASE)
        self.assertEqual(current.status, ReturnStatus.ELIGIBLE)
        self.assertEqual(current.eligibility_reasons, [])

    def test_the_completed_return_has_delivered_assistance_and_rising_scores(self) -> None:
        done = ReturnApplication.objects.get(case__reference=COMPLETED_CASE)
        self.assertEqual(done.status, ReturnStatus.ARRIVED)
        self.assertTrue(all(a.delivered_on for a in done.plan.assistance.all()))
        self.assertEqual(done.plan.assistance.count(), 3)
        first, second = done.plan.visits.all()
        self.assertLess(first.score, second.score)

    def test_the_case_worker_sees_both_and_the_third_visit_is_due(self) -> None:
        worker = User.objects.get(username="case.worker")
        self.assertEqual(ReturnApplication.objects.restrict(worker, VIEW).count(), 2)
        self.client.force_login(worker)
        page = self.client.get(reverse("protection:return_due"))
        self.assertEqual([a.case.reference for a, _when in page.context["monitoring"]],
                         [COMPLETED_CASE])

    def test_another_organisation_sees_no_return(self) -> None:
        officer = User.objects.get(username="border.officer")
        self.assertFalse(ReturnApplication.objects.restrict(officer, VIEW).exists())
