"""The demo roles of protection: case workers see their cases, supervisors their office's."""

from __future__ import annotations

from django.apps import apps

from crossroads.core import demo
from crossroads.core.permissions import CHANGE, VIEW
from crossroads.protection import consent
from crossroads.protection.models import Approval, Case
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.users.demo import ensure_roles
from crossroads.users.models import constraint_field_problems

PROTECTION_KEYS = [key for key in demo.PERMISSIONS if key.startswith("protection-")]


class ProtectionDemoTests(ProtectionTestCase):
    def test_every_constraint_names_a_real_field(self) -> None:
        self.assertTrue(PROTECTION_KEYS)
        for key in PROTECTION_KEYS:
            offered = demo.PERMISSIONS[key]
            models_ = [apps.get_model(label) for label in offered.models]
            self.assertEqual(constraint_field_problems(models_, offered.constraints), [], key)

    def test_demo_case_worker_and_supervisor_see_what_their_role_allows(self) -> None:
        roles = ensure_roles()
        worker = self.make_user("demo.worker", self.organisation)
        worker.roles.set([roles["case-worker"]])
        supervisor = self.make_user("demo.supervisor", self.organisation)
        supervisor.roles.set([roles["case-supervisor"]])
        analyst = self.make_user("demo.analyst", self.organisation)
        analyst.roles.set([roles["analyst"]])
        mine = self.make_case("MDA-2026-0777", worker=worker)

        self.assertEqual(list(Case.objects.restrict(worker, VIEW)), [mine])
        self.assertEqual(set(Case.objects.restrict(supervisor, VIEW)), {mine, self.case})
        self.assertFalse(Case.objects.restrict(analyst, VIEW).exists())
        self.assertFalse(consent.may_override(worker, mine))
        self.assertTrue(consent.may_override(supervisor, mine))
        approval = Approval.objects.create(case=mine, step="closure", requested_by=worker)
        self.assertFalse(Approval.objects.restrict(worker, CHANGE).filter(pk=approval.pk).exists())
        self.assertTrue(Approval.objects.restrict(supervisor, CHANGE)
                        .filter(pk=approval.pk).exists())
