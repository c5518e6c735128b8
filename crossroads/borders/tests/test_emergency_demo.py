"""The demo roles of emergency mode: officers run operations, case workers receive."""

from __future__ import annotations

from django.apps import apps

from crossroads.borders import models as m
from crossroads.borders.tests.test_emergency_support import EmergencyTestCase, family_rows
from crossroads.core import demo
from crossroads.core.permissions import ADD, CHANGE, VIEW
from crossroads.people.models import Person
from crossroads.users.demo import ensure_roles
from crossroads.users.models import constraint_field_problems

EMERGENCY_KEYS = [key for key in demo.PERMISSIONS if key.startswith("borders-emergency")]


class EmergencyDemoTests(EmergencyTestCase):
    def test_every_constraint_names_a_real_field(self) -> None:
        self.assertTrue(EMERGENCY_KEYS)
        for key in EMERGENCY_KEYS:
            offered = demo.PERMISSIONS[key]
            models_ = [apps.get_model(label) for label in offered.models]
            self.assertEqual(constraint_field_problems(models_, offered.constraints), [], key)

    def test_demo_roles_run_operations_and_receive_referrals(self) -> None:
        roles = ensure_roles()
        officer = self.make_user("demo.officer", self.organisation)
        officer.roles.set([roles["border-officer"]])
        worker = self.make_user("demo.worker", self.other_organisation)
        worker.roles.set([roles["case-worker"]])
        manager = self.make_user("demo.manager", self.organisation)
        manager.roles.set([roles["programme-manager"]])

        self.assertTrue(m.EmergencyOperation.objects.restrict(officer, CHANGE)
                        .filter(pk=self.operation.pk).exists())
        grandfather = self.register(family_rows()).arrivals[2]
        self.assertTrue(m.Arrival.objects.restrict(officer, ADD).filter(
            pk=grandfather.pk).exists())
        self.assertFalse(m.Arrival.objects.restrict(worker, VIEW).exists())
        referral = self.refer(grandfather)
        self.assertEqual(list(m.Arrival.objects.restrict(worker, VIEW)), [grandfather])
        self.assertEqual(list(m.EmergencyReferral.objects.restrict(worker, CHANGE)), [referral])
        self.assertEqual(list(Person.objects.restrict(worker, VIEW)), [grandfather.person])
        self.assertFalse(m.EmergencyReferral.objects.restrict(officer, CHANGE).exists())
        # Programme managers see operations (and so their counts), not the people.
        self.assertTrue(m.EmergencyOperation.objects.restrict(manager, VIEW).exists())
        self.assertFalse(m.Arrival.objects.restrict(manager, VIEW).exists())
