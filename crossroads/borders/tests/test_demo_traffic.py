"""The demo's border traffic: a history the stay lists can read, and today's alerts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from crossroads.borders.choices import Movement, ScreeningResult
from crossroads.borders.models import Crossing
from crossroads.borders.stay_rules.lists import ListFilters, exits_without_entry, overstayers
from crossroads.people.models import PersonLink
from crossroads.reference.models import Country
from crossroads.users.demo import load_demo
from crossroads.users.models import User
from crossroads.watchlists.models import Alert


class DemoTrafficTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_reference", verbosity=0)
        with tempfile.TemporaryDirectory() as var, override_settings(VAR_DIR=Path(var)):
            load_demo()  # users, organisations and roles (writes the credentials in var)
        for command in ("load_demo_people", "load_stay_rules", "load_demo_borders"):
            call_command(command, verbosity=0)

    def test_history_is_cited_and_today_raises_alerts_for_the_officer(self) -> None:
        history = Crossing.objects.filter(source="demo history")
        self.assertGreater(history.count(), 300)
        self.assertEqual(PersonLink.objects.filter(role="traveller").count(),
                         Crossing.objects.count())
        self.assertTrue(history.filter(movement=Movement.EXIT).exists())
        today = Crossing.objects.filter(source="demo")
        self.assertEqual(set(today.values_list("screening", flat=True)), {ScreeningResult.ALERT})
        officer = User.objects.get(username="border.officer")
        self.assertGreaterEqual(Alert.objects.restrict(officer, "view").count(), today.count())

    def test_running_it_again_adds_nothing(self) -> None:
        before = Crossing.objects.count()
        call_command("load_demo_borders", verbosity=0)
        self.assertEqual(Crossing.objects.count(), before)

    def test_the_stay_lists_find_overstayers_and_exits_without_entry(self) -> None:
        officer = User.objects.get(username="border.officer")
        seen = Crossing.objects.restrict(officer, "view")
        filters = ListFilters(Country.objects.get(iso3="MDA"), timezone.localdate())
        self.assertTrue(exits_without_entry(seen, filters).exists())
        self.assertTrue(overstayers(seen, filters))
