"""The demo's counter-trafficking data: made once, and enough for a k = 11 release."""

from __future__ import annotations

from crossroads.protection import demo
from crossroads.protection.models import Case, TraffickingProfile
from crossroads.protection.tests.test_trafficking_base import TraffickingTestCase
from crossroads.protection.trafficking.demo_trafficking import (
    DESTINATIONS,
    NATIONALITIES,
    PREFIX,
    SYNTHETIC,
    load_demo_trafficking,
)
from crossroads.protection.trafficking.release import release_trafficking
from crossroads.reference.models import Country
from crossroads.users.models import Organisation

MORE = {"ISR": ("IL", "376", "Israel"), "ITA": ("IT", "380", "Italy"),
        "POL": ("PL", "616", "Poland"), "ARE": ("AE", "784", "United Arab Emirates"),
        "KGZ": ("KG", "417", "Kyrgyzstan")}


class DemoTraffickingTests(TraffickingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for iso3, (iso2, numeric, name) in MORE.items():
            Country.objects.create(iso3=iso3, iso2=iso2, numeric=numeric, name=name)
        cls.ngo = Organisation.objects.create(name="Migrant Support NGO", acronym="NGO-MDA",
                                              kind="ngo", country=cls.home_country)
        cls.data_manager = cls.make_user("data.manager", cls.ngo)
        cls.grant(cls.data_manager, Case, [demo.RELEASE], demo.OWN_ORGANISATION)
        cls.make_user("case.worker", cls.ngo)
        cls.created = load_demo_trafficking()

    def test_the_countries_needed_are_all_there(self) -> None:
        wanted = {*NATIONALITIES, *DESTINATIONS}
        self.assertEqual(Country.objects.filter(iso3__in=wanted).count(), len(wanted))

    def test_sixty_closed_vot_cases_with_profiles_are_made_once(self) -> None:
        self.assertEqual(self.created, SYNTHETIC)
        cases = Case.objects.filter(reference__startswith=PREFIX)
        self.assertEqual(cases.filter(status="closed").count(), SYNTHETIC)
        self.assertEqual(TraffickingProfile.objects.filter(case__in=cases).count(), SYNTHETIC)
        self.assertEqual(load_demo_trafficking(), 0)
        self.assertEqual(cases.count(), SYNTHETIC)

    def test_a_release_with_k_11_has_rows(self) -> None:
        report = release_trafficking(self.data_manager, k=11).report()
        self.assertGreaterEqual(report["released_rows"], 22)
        self.assertGreater(report["excluded_without_consent"], 0)
