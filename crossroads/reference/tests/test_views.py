"""The generic pages of every reference model: permissions, exports, queries, editing.

The ``make_*`` helpers build small, distinct sample records (no reference data is
loaded); the API tests reuse them.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from crossroads.reference import models as m
from crossroads.reference import views
from crossroads.testing.suites import ViewTestCases

#: One series of letters per ``create_objects`` suffix, so made-up codes stay unique.
_SERIES: dict[str, int] = {}


def series(suffix: str) -> int:
    """A small number standing for ``suffix`` (0 for "", 1 for the next one seen…)."""
    return _SERIES.setdefault(suffix, len(_SERIES))


def make_countries(suffix: str = "") -> list[m.Country]:
    """Three made-up countries with user-assigned codes (XAA…, XA…)."""
    first = 3 * series(suffix)
    countries = []
    for i in range(3):
        letter = chr(ord("A") + first + i)
        countries.append(m.Country.objects.create(
            iso3=f"XA{letter}", iso2=f"X{letter}", name=f"Testland {letter}",
            name_ru=f"Тестландия {letter}",
        ))
    return countries


def make_regions(suffix: str = "") -> list[m.Region]:
    parent = m.Region.objects.create(code=f"europe{suffix}", name=f"Europe {suffix}",
                                     kind="region")
    east = m.Region.objects.create(code=f"east{suffix}", name=f"Eastern Europe {suffix}",
                                   kind="subregion", parent=parent)
    grouping = m.Region.objects.create(code=f"group{suffix}", name=f"Grouping {suffix}",
                                       kind="grouping", parent=parent)
    return [parent, east, grouping]


def make_admin_areas(country: m.Country, suffix: str = "") -> list[m.AdminArea]:
    top = m.AdminArea.objects.create(country=country, pcode=f"{country.iso2}01{suffix}",
                                     name=f"Province {suffix}", level=1)
    return [
        top,
        m.AdminArea.objects.create(country=country, pcode=f"{country.iso2}0101{suffix}",
                                   name=f"District A {suffix}", level=2, parent=top),
        m.AdminArea.objects.create(country=country, pcode=f"{country.iso2}0102{suffix}",
                                   name=f"District B {suffix}", level=2, parent=top),
    ]


def make_framework(suffix: str = "") -> m.StrategicFramework:
    region = m.Region.objects.create(code=f"fw-region{suffix}", name=f"Region {suffix}",
                                     kind="region")
    return m.StrategicFramework.objects.create(
        code=f"strategy{suffix}", name=f"Strategy {suffix}", region=region,
        period_start=2024, period_end=2028, goal="Migration is safe, orderly and regular.",
    )


def make_parts(model: type[models.Model], prefix: str, suffix: str = "") -> list[Any]:
    """Three parts (objectives, areas or principles) of a new framework."""
    framework = make_framework(suffix)
    return [
        model._default_manager.create(framework=framework, code=f"{prefix}{i}",
                                      title=f"{prefix}{i} title {suffix}")
        for i in range(1, 4)
    ]


def make_thematic_objectives(suffix: str = "") -> list[m.ThematicObjective]:
    areas = make_parts(m.ThematicArea, "TA", suffix)
    return [
        m.ThematicObjective.objects.create(framework=area.framework, area=area, code=f"TO{i}",
                                           title=f"Objective {i} {suffix}")
        for i, area in enumerate(areas, 1)
    ]


def make_activities(suffix: str = "") -> list[m.Activity]:
    objective = make_thematic_objectives(suffix)[0]
    return [
        m.Activity.objects.create(objective=objective, position=i,
                                  description=f"Activity {i} {suffix}")
        for i in range(1, 4)
    ]


def make_offices(country: m.Country, suffix: str = "") -> list[m.Office]:
    return [
        m.Office.objects.create(code=f"OFF{i}{suffix}", kind="country_office", country=country,
                                name=f"Office {i} {suffix}", city="Chișinău")
        for i in range(1, 4)
    ]


def make_partners(country: m.Country, suffix: str = "") -> list[m.Partner]:
    return [
        m.Partner.objects.create(name=f"Partner {i} {suffix}", acronym=f"P{i}", kind="ngo",
                                 country=country if i != 3 else None)
        for i in range(1, 4)
    ]


def make_bodies(suffix: str = "") -> list[m.RegionalBody]:
    return [
        m.RegionalBody.objects.create(code=f"body{i}{suffix}", name=f"Body {i} {suffix}",
                                      kind="regional_consultative_process", launched=2000 + i)
        for i in range(1, 4)
    ]


def make_memberships(country: m.Country, suffix: str = "") -> list[m.Membership]:
    return [
        m.Membership.objects.create(body=body, country=country, status="member", since=2010)
        for body in make_bodies(suffix)
    ]


class CountryViewTests(ViewTestCases.ObjectViews):
    views = views.CountryViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_countries(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"iso3": "XZZ", "iso2": "XZ", "numeric": "999", "name": "Newland",
                "name_ru": "Новая земля", "official_name": "Republic of Newland", "note": ""}


class RegionViewTests(ViewTestCases.ObjectViews):
    views = views.RegionViews
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_regions(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "new-region", "name": "New region", "name_ru": "", "kind": "grouping",
                "parent": self.objects_[0].pk,
                "countries": [self.home_country.pk, self.other_country.pk],
                "description": "A grouping made by a test."}


class AdminAreaViewTests(ViewTestCases.ObjectViews):
    views = views.AdminAreaViews
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_admin_areas(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"country": self.home_country.pk, "level": 2, "pcode": "MD0199",
                "name": "New district", "name_local": "Raion nou", "name_ru": "",
                "parent": self.objects_[0].pk}


class OfficeViewTests(ViewTestCases.ObjectViews):
    views = views.OfficeViews
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_offices(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "NEWOFF", "kind": "country_office", "country": self.other_country.pk,
                "name": "New office", "street": "1 Main Street", "city": "Kyiv",
                "postcode": "01001", "telephone": "+380 44 000 0000", "fax": "",
                "email": "office@example.org"}


class PartnerViewTests(ViewTestCases.ObjectViews):
    views = views.PartnerViews
    related = (m.Country,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_partners(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        return {"name": "New partner", "acronym": "NP", "kind": "academia",
                "country": self.home_country.pk, "website": "https://example.org/",
                "notes": "Made by a test."}


class RegionalBodyViewTests(ViewTestCases.ObjectViews):
    views = views.RegionalBodyViews

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_bodies(suffix))

    def form_data(self) -> dict[str, Any]:
        return {"code": "new-body", "name": "New body", "kind": "regional_dialogue",
                "launched": 2020, "website": "", "description": "Made by a test."}


class MembershipViewTests(ViewTestCases.ObjectViews):
    views = views.MembershipViews
    related = (m.Country, m.RegionalBody)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_memberships(cls.home_country, suffix))

    def form_data(self) -> dict[str, Any]:
        body = self.objects_[0].body  # type: ignore[attr-defined]
        return {"body": body.pk, "country": self.other_country.pk, "status": "observer",
                "since": 2015}


class StrategicFrameworkViewTests(ViewTestCases.ObjectViews):
    views = views.StrategicFrameworkViews
    related = (m.Region,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [make_framework(f"{suffix}{i}") for i in range(1, 4)]

    def form_data(self) -> dict[str, Any]:
        region = self.objects_[0].region  # type: ignore[attr-defined]
        return {"code": "new-strategy", "name": "New strategy", "region": region.pk,
                "period_start": 2029, "period_end": 2033, "goal": "A new goal."}


class StrategicObjectiveViewTests(ViewTestCases.ObjectViews):
    views = views.StrategicObjectiveViews
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.StrategicObjective, "SO", suffix)

    def form_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "SO9", "title": "A new objective."}


class ThematicAreaViewTests(ViewTestCases.ObjectViews):
    views = views.ThematicAreaViews
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.ThematicArea, "TA", suffix)

    def form_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "TA9", "title": "A new area."}


class ThematicObjectiveViewTests(ViewTestCases.ObjectViews):
    views = views.ThematicObjectiveViews
    related = (m.StrategicFramework, m.ThematicArea)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_thematic_objectives(suffix))

    def form_data(self) -> dict[str, Any]:
        area = self.objects_[0].area  # type: ignore[attr-defined]
        return {"framework": area.framework_id, "code": "TO9", "area": area.pk,
                "title": "A new thematic objective."}


class OperationalPrincipleViewTests(ViewTestCases.ObjectViews):
    views = views.OperationalPrincipleViews
    related = (m.StrategicFramework,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_parts(m.OperationalPrinciple, "P", suffix)

    def form_data(self) -> dict[str, Any]:
        framework = self.objects_[0].framework  # type: ignore[attr-defined]
        return {"framework": framework.pk, "code": "P9", "title": "A new principle."}


class ActivityViewTests(ViewTestCases.ObjectViews):
    views = views.ActivityViews
    related = (m.ThematicObjective,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_activities(suffix))

    def form_data(self) -> dict[str, Any]:
        objective = self.objects_[0].objective  # type: ignore[attr-defined]
        return {"objective": objective.pk, "position": 9, "description": "A new activity."}
