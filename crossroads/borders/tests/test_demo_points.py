"""The demo's crossing points: valid records, created once."""

from __future__ import annotations

from django.core.management import call_command
from django.test import TestCase

from crossroads.borders.demo_points import POINTS
from crossroads.borders.models import BorderCrossingPoint
from crossroads.reference.loaders.countries import load_countries


class DemoPointTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()

    def test_points_are_created_once_with_their_neighbours(self) -> None:
        call_command("load_demo_borders", verbosity=0)
        call_command("load_demo_borders", verbosity=0)
        self.assertEqual(BorderCrossingPoint.objects.count(), len(POINTS))
        leuseni = BorderCrossingPoint.objects.get(code="mda-leu")
        self.assertEqual((leuseni.country.iso3, leuseni.neighbour.iso3), ("MDA", "ROU"))
        airport = BorderCrossingPoint.objects.get(code="geo-tbs")
        self.assertIsNone(airport.neighbour)
        self.assertEqual(airport.kind, "air")
