"""What an administrator of crossing points is told when a record does not add up."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from crossroads.borders.models import BorderCrossingPoint
from crossroads.testing import CrossroadsTestCase


class CrossingPointTests(CrossroadsTestCase):
    def point(self, **fields: object) -> BorderCrossingPoint:
        values = {"country": self.home_country, "code": "home-1", "name": "Home bridge",
                  "kind": "land", "neighbour": self.other_country, **fields}
        return BorderCrossingPoint(**values)

    def test_a_country_does_not_border_itself(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.point(neighbour=self.home_country).full_clean()
        self.assertIn("neighbour", raised.exception.message_dict)

    def test_coordinates_come_in_pairs(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self.point(latitude=Decimal("47.0")).full_clean()
        self.assertIn("longitude", raised.exception.message_dict)
        self.point(latitude=Decimal("47.0"), longitude=Decimal("28.8")).full_clean()

    def test_an_airport_has_no_neighbour(self) -> None:
        self.point(kind="air", neighbour=None).full_clean()
