"""The demo's cases: the case worker's caseload, with an overdue task, names in their
own scripts, and nothing for another organisation."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from crossroads.protection.demo_cases import CASES
from crossroads.protection.models import Case
from crossroads.protection.services import cases_for, overdue_tasks
from crossroads.users.demo import load_demo
from crossroads.users.models import User


class DemoCaseTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_reference", verbosity=0)
        with tempfile.TemporaryDirectory() as var, override_settings(VAR_DIR=Path(var)):
            load_demo()
        call_command("load_demo_cases", verbosity=0)
        call_command("load_demo_cases", verbosity=0)

    def test_the_case_worker_sees_every_demo_case_once_with_its_overdue_task(self) -> None:
        worker = User.objects.get(username="case.worker")
        references = [demo.reference for demo in CASES]
        self.assertEqual(Case.objects.filter(reference__in=references).count(), len(CASES))
        self.assertEqual(cases_for(worker).filter(reference__in=references).count(), len(CASES))
        overdue = overdue_tasks(worker)
        self.assertEqual([t.case.reference for t in overdue[worker]
                          if t.case.reference in references], ["NGO-MDA-2026-002"])

    def test_screening_set_the_priority_and_the_principal_keeps_their_script(self) -> None:
        child = Case.objects.get(reference="NGO-MDA-2026-002")
        self.assertIn(child.priority, ("high", "critical"))
        trafficked = Case.objects.get(reference="NGO-MDA-2026-001")
        principal = trafficked.casepersons.get().person
        self.assertIn("Ионова", str(principal))

    def test_another_organisation_sees_no_case(self) -> None:
        officer = User.objects.get(username="border.officer")
        self.assertFalse(cases_for(officer).exists())
