"""Global search, the home page, the country page and the framework page."""

from __future__ import annotations

import re
from unittest import mock

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from crossroads.core.navigation import SECTIONS, MenuItem, section
from crossroads.core.permissions import VIEW
from crossroads.core.search import MIN_QUERY_LENGTH, search
from crossroads.reference import models as ref
from crossroads.reference.choices import MembershipStatus, OfficeKind, RegionalBodyKind, RegionKind
from crossroads.reference.loaders import load_reference
from crossroads.testing.base import CrossroadsTestCase

FRAMEWORK_MODELS = (ref.StrategicFramework, ref.StrategicObjective, ref.ThematicArea,
                    ref.ThematicObjective, ref.OperationalPrinciple, ref.Activity, ref.Region)


def found(user: object, query: str, model: type = ref.Country) -> list[object]:
    """What a search finds of one model."""
    return [obj for hit in search(user, query) if hit.model is model for obj in hit.objects]


class SearchTests(CrossroadsTestCase):
    def test_search_finds_a_country_by_its_russian_name(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        self.assertEqual(found(self.owner, "Молдова"), [self.home_country])
        self.assertEqual(found(self.owner, "Укр"), [self.other_country])

    def test_search_finds_a_country_by_its_iso_codes(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        self.assertEqual(found(self.owner, "MDA"), [self.home_country])
        self.assertEqual(found(self.owner, "ua"), [self.other_country])

    def test_search_finds_only_records_the_user_may_see(self) -> None:
        self.grant(self.owner, ref.Country, VIEW, {"iso3": "MDA"})
        self.assertEqual(found(self.owner, "Молдова"), [self.home_country])
        self.assertEqual(found(self.owner, "Украина"), [])
        self.assertEqual(found(self.owner, "UKR"), [])

    def test_search_finds_nothing_for_a_user_without_permissions(self) -> None:
        self.assertEqual(search(self.owner, "Moldova"), [])

    def test_a_query_shorter_than_the_minimum_finds_nothing(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        short = "M" * (MIN_QUERY_LENGTH - 1)
        self.assertEqual(search(self.owner, short), [])
        self.assertEqual(search(self.owner, "   " + short + "   "), [])

    def test_search_groups_results_by_kind_and_says_when_there_are_more(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        for n in range(3):
            ref.Country.objects.create(iso3=f"XA{'ABC'[n]}", iso2=f"Q{'ABC'[n]}",
                                       name=f"Testland {n}")
        [hit] = search(self.owner, "Testland", per_model=2)
        self.assertEqual((hit.model, len(hit.objects), hit.more), (ref.Country, 2, True))

    def test_the_search_page_links_to_what_it_finds(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        self.client.force_login(self.owner)
        response = self.client.get(reverse("core:search"), {"q": "Молдова"})
        self.assertContains(response, self.home_country.get_absolute_url())
        self.assertNotContains(response, self.other_country.get_absolute_url())

    def test_the_search_page_says_when_nothing_is_found(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get(reverse("core:search"), {"q": "M"})
        self.assertContains(response, 'id="no-results"')
        self.assertNotContains(response, self.home_country.get_absolute_url())


class HomePageTests(CrossroadsTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def test_the_home_page_lists_every_thematic_area(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertEqual(response.status_code, 200)
        for area in (s for s in SECTIONS if s.area):
            self.assertContains(response, f'id="area-{area.key}"')
            self.assertContains(response, str(area.label))

    def test_areas_without_apps_say_not_built_yet_and_what_is_planned(self) -> None:
        response = self.client.get(reverse("home"))
        unbuilt = [s for s in SECTIONS if s.area and not s.is_built]
        self.assertEqual(response.content.decode().count("Not built yet. Planned:"), len(unbuilt))
        for area in unbuilt:
            for planned in area.planned:
                self.assertContains(response, str(planned))

    def test_an_area_with_pages_lists_them_instead(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        item = MenuItem("Border crossings", "reference:country_list", ref.Country)
        with mock.patch.object(section("borders"), "items", [item]):
            response = self.client.get(reverse("home"))
        unbuilt = [s for s in SECTIONS if s.area and not s.is_built and s.key != "borders"]
        self.assertEqual(response.content.decode().count("Not built yet. Planned:"), len(unbuilt))
        self.assertContains(response, "Border crossings")

    def test_the_home_page_puts_the_users_own_areas_first(self) -> None:
        from crossroads.users.models import Role

        role = Role.objects.create(name="Border officer", slug="border-officer",
                                   thematic_areas=["TA5"])
        self.owner.roles.add(role)
        response = self.client.get(reverse("home"))
        areas = re.findall(r'id="area-(\w+)"', response.content.decode())
        self.assertEqual(areas[0], "borders")
        self.assertContains(response, "Border officer")


class CountryPageTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.office = ref.Office.objects.create(
            code="MD", kind=OfficeKind.COUNTRY_OFFICE, country=cls.home_country,
            name="Country Office in Chisinau", city="Chisinau", telephone="+373 22 000000")
        region = ref.Region.objects.create(code="eastern_europe", name="Eastern Europe",
                                           kind=RegionKind.SUBREGION)
        region.countries.add(cls.home_country)
        body = ref.RegionalBody.objects.create(code="guam", name="GUAM",
                                               kind=RegionalBodyKind.ORGANISATION)
        ref.Membership.objects.create(body=body, country=cls.home_country,
                                      status=MembershipStatus.MEMBER, since=1997)
        cls.url = reverse("reference:country", args=["MDA"])

    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def grant_all(self) -> None:
        for model in (ref.Country, ref.Office, ref.Region, ref.RegionalBody, ref.Membership):
            self.grant(self.owner, model, VIEW)

    def test_the_country_page_shows_office_regions_and_memberships(self) -> None:
        self.grant_all()
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Moldova")
        self.assertContains(response, "Молдова")
        self.assertContains(response, "Country Office in Chisinau")
        self.assertContains(response, "+373 22 000000")
        self.assertContains(response, "Eastern Europe")
        self.assertContains(response, "GUAM")
        self.assertContains(response, "1997")

    def test_the_country_page_counts_the_records_about_the_country(self) -> None:
        self.grant_all()
        counts = {c.model: c.count for c in self.client.get(self.url).context["record_counts"]}
        self.assertEqual(counts[ref.Office], 1)
        self.assertEqual(counts[ref.Membership], 1)

    def test_the_country_page_leaves_out_what_the_user_may_not_see(self) -> None:
        self.grant(self.owner, ref.Country, VIEW)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Country Office in Chisinau")
        self.assertNotContains(response, "GUAM")
        self.assertContains(response, "No office recorded in this country.")
        self.assertEqual(response.context["record_counts"], [])

    def test_an_unknown_country_code_is_not_found(self) -> None:
        self.grant_all()
        self.assertEqual(self.client.get(reverse("reference:country", args=["XXX"])).status_code,
                         404)

    def test_a_country_the_user_may_not_see_is_not_found(self) -> None:
        self.grant(self.owner, ref.Country, VIEW, {"iso3": "UKR"})
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_country_page_is_refused_without_any_country_permission(self) -> None:
        self.assertEqual(self.client.get(self.url).status_code, 403)


class FrameworkPageTests(CrossroadsTestCase):
    """The shipped strategic framework (loaded once for the class)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_reference()

    def setUp(self) -> None:
        for model in FRAMEWORK_MODELS:
            self.grant(self.owner, model, VIEW)
        self.client.force_login(self.owner)
        self.response = self.client.get(reverse("reference:framework"))
        self.html = self.response.content.decode()

    def codes(self, prefix: str) -> list[str]:
        return re.findall(rf'class="area-code">({prefix}\d+)<', self.html)

    def test_the_framework_page_shows_the_goal(self) -> None:
        self.assertEqual(self.response.status_code, 200)
        self.assertContains(self.response, "Promote good governance of migration")

    def test_the_framework_page_shows_three_strategic_objectives(self) -> None:
        self.assertEqual(self.codes("SO"), ["SO1", "SO2", "SO3"])

    def test_the_framework_page_shows_six_thematic_areas(self) -> None:
        areas = list(self.response.context["areas"])
        self.assertEqual([a.code for a in areas], [f"TA{n}" for n in range(1, 7)])
        for area in areas:
            self.assertContains(self.response, f"<h3><span class=\"area-code\">{area.code}</span>")

    def test_the_framework_page_shows_nine_thematic_objectives_under_their_areas(self) -> None:
        self.assertEqual(self.codes("TO"), [f"TO{n}" for n in range(1, 10)])

    def test_the_framework_page_shows_six_operational_principles(self) -> None:
        self.assertEqual(self.codes("P"), [f"P{n}" for n in range(1, 7)])

    def test_the_framework_page_lists_the_activities_under_their_objectives(self) -> None:
        activities = list(ref.Activity.objects.all())
        self.assertTrue(activities)
        for activity in activities:
            self.assertContains(self.response, escape(capfirst(activity.description)))

    def test_the_home_page_links_to_the_framework_for_those_who_may_see_it(self) -> None:
        response = self.client.get(reverse("home"))
        self.assertContains(response, reverse("reference:framework"))
