"""The generic suites for border crossing points: pages, API and filters."""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.borders import filtersets, views
from crossroads.borders import models as m
from crossroads.reference.models import Country
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases

API = "/api/v1/borders"


def make_points(country: Country, neighbour: Country, suffix: str = "") -> list[models.Model]:
    slug = suffix.lower().replace(" ", "-") or "x"
    return [m.BorderCrossingPoint.objects.create(
        country=country, neighbour=neighbour, code=f"bcp-{slug}-{i}", name=f"Point {suffix} {i}",
        kind="land", lanes=i + 1) for i in range(3)]


class BorderCrossingPointViewTests(ViewTestCases.ObjectViews):
    views = views.BorderCrossingPointViews
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_points(cls.home_country, cls.other_country, suffix)

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "code": "new-point", "name": "New point",
                "kind": "land", "neighbour": self.other_country.pk,
                "lanes": 4, "status": "open"}


class BorderCrossingPointAPITests(APITestCases.API):
    endpoint = f"{API}/crossing-points/"
    model = m.BorderCrossingPoint
    related = (Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_points(cls.home_country, cls.other_country, suffix)

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "code": "api-point", "name": "API point",
                "kind": "air", "lanes": 12, "status": "open"}


class BorderCrossingPointFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.BorderCrossingPointFilterSet
