"""The demo directory and referrals: the focal point of the demo shelter opens the demo
and finds referrals waiting for an answer, one of them overdue."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings

from crossroads.protection.choices import ReferralStatus
from crossroads.protection.demo_cases import load_demo_cases
from crossroads.protection.models import Referral, ServiceProvider
from crossroads.protection.nrm import referrals
from crossroads.protection.nrm.demo_providers import (
    PROVIDERS,
    REFERRALS,
    load_demo_providers,
    load_demo_referrals,
)
from crossroads.users.demo import load_demo
from crossroads.users.models import User


class DemoReferralTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_reference", verbosity=0)
        with tempfile.TemporaryDirectory() as var, override_settings(VAR_DIR=Path(var)):
            load_demo()
        load_demo_cases()
        cls.providers = load_demo_providers()
        cls.referrals = load_demo_referrals()

    def test_loading_twice_creates_nothing_more(self) -> None:
        self.assertEqual(self.providers, len(PROVIDERS))
        self.assertEqual(self.referrals, len(REFERRALS))
        self.assertEqual((load_demo_providers(), load_demo_referrals()), (0, 0))
        self.assertEqual(ServiceProvider.objects.count(), len(PROVIDERS))
        self.assertEqual(set(ServiceProvider.objects.values_list("country__iso3", flat=True)),
                         {"MDA", "UKR", "GEO"})

    def test_the_shelter_focal_point_has_referrals_to_answer_one_overdue(self) -> None:
        focal = User.objects.get(username="referral.focal")
        waiting = Referral.objects.restrict(focal, "view").filter(status=ReferralStatus.SENT)
        self.assertEqual(waiting.count(), len(REFERRALS))
        late = referrals.overdue(waiting)
        self.assertEqual([r.case.reference for r in late], ["NGO-MDA-2026-003"])
        self.assertTrue(all(r.consent_id for r in waiting))
        first = waiting.get(case__reference="NGO-MDA-2026-001")
        self.assertEqual(referrals.allowed_steps(focal, first), ["accept", "reject"])
