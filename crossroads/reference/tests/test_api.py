"""The REST endpoints of every reference model: permissions, queries, writes."""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.reference import models as m
from crossroads.reference.tests.test_views import (
    make_activities,
    make_admin_areas,
    make_bodies,
    make_countries,
    make_framework,
    make_memberships,
    make_offices,
    make_partners,
    make_parts,
    make_regions,
    make_thematic_objectives,
)
from crossroads.testing.suites import APITestCases

API = "/api/v1/reference"


class CountryAPITests(APITestCases.API):
    endpoint = f"{API}/countries/"
    model = m.Country

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_countries(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"iso3": "XZZ", "iso2": "XZ", "numeric": "999", "name": "Newland",
                "name_ru": "Новая земля"}


class RegionAPITests(APITestCases.API):
    endpoint = f"{API}/regions/"
    model = m.Region
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_regions(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"code": "new-region", "name": "New region", "kind": "grouping",
                "countries": [self.home_country.pk, self.other_country.pk]}


class AdminAreaAPITests(APITestCases.API):
    endpoint = f"{API}/admin-areas/"
    model = m.AdminArea
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_admin_areas(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "level": 1, "pcode": "MD99",
                "name": "New province"}


class OfficeAPITests(APITestCases.API):
    endpoint = f"{API}/offices/"
    model = m.Office
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_offices(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"code": "NEWOFF", "kind": "country_office", "country": self.other_country.pk,
                "name": "New office", "email": "office@example.org"}


class PartnerAPITests(APITestCases.API):
    endpoint = f"{API}/partners/"
    model = m.Partner
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_partners(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        return {"name": "New partner", "kind": "donor", "country": None}


class RegionalBodyAPITests(APITestCases.API):
    endpoint = f"{API}/regional-bodies/"
    model = m.RegionalBody

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_bodies(suffix))

    def api_data(self) -> dict[str, Any]:
        return {"code": "new-body", "name": "New body", "kind": "regional_initiative"}


class MembershipAPITests(APITestCases.API):
    endpoint = f"{API}/memberships/"
    model = m.Membership
    related = (m.Country, m.RegionalBody)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_memberships(cls.home_country, suffix))

    def api_data(self) -> dict[str, Any]:
        body = self.objects_[0].body  # type: ignore[attr-defined]
        return {"body": body.pk, "country": self.other_country.pk, "status": "observer"}


class StrategicFrameworkAPITests(APITestCases.API):
    endpoint = f"{API}/frameworks/"
    model = m.StrategicFramework
    related = (m.Region,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [make_framework(f"{suffix}{i}") for i in range(1, 4)]

    def api_data(self) -> dict[str, Any]:
        region = self.objects_[0].region  # type: ignore[attr-defined]
        return {"code": "new-strategy", "name": "New strategy", "region": region.pk,
                "period_start": 2029, "period_end": 2033, "goal": "A new goal."}


class StrategicObjectiveAPITests(APITestCases.API):
    endpoint = f"{API}/strategic-objectives/"
    model = m.StrategicObjective
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.StrategicObjective, "SO", suffix)

    def api_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "SO9", "title": "A new objective."}


class ThematicAreaAPITests(APITestCases.API):
    endpoint = f"{API}/thematic-areas/"
    model = m.ThematicArea
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.ThematicArea, "TA", suffix)

    def api_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "TA9", "title": "A new area."}


class ThematicObjectiveAPITests(APITestCases.API):
    endpoint = f"{API}/thematic-objectives/"
    model = m.ThematicObjective
    related = (m.StrategicFramework, m.ThematicArea)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_thematic_objectives(suffix))

    def api_data(self) -> dict[str, Any]:
        area = self.objects_[0].area  # type: ignore[attr-defined]
        return {"framework": area.framework_id, "code": "TO9", "area": area.pk,
                "title": "A new thematic objective."}


class OperationalPrincipleAPITests(APITestCases.API):
    endpoint = f"{API}/operational-principles/"
    model = m.OperationalPrinciple
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.OperationalPrinciple, "P", suffix)

    def api_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "P9", "title": "A new principle."}


class ActivityAPITests(APITestCases.API):
    endpoint = f"{API}/activities/"
    model = m.Activity
    related = (m.ThematicObjective,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_activities(suffix))

    def api_data(self) -> dict[str, Any]:
        objective = self.objects_[0].objective  # type: ignore[attr-defined]
        return {"objective": objective.pk, "position": 9, "description": "A new activity."}
