"""The key figures page: every figure with its value or "no data", definition, sources."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crossroads.evidence.choices import KosovoConvention, Producer
from crossroads.evidence.models import Observation
from crossroads.evidence.services.keyfigures import Figure, format_value, key_figures
from crossroads.evidence.tests.figures import SEEECA, EvidenceTestCase, finish, put, release

ORIGINS = {"UKR": 40000, "RUS": 30000, "ROU": 9000, "BGR": 5000, "ITA": 3000, "TUR": 1000}


class KeyFiguresTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        undesa = release("undesa-2020", "undesa-ims", published=date(2021, 1, 15),
                         title="International Migrant Stock 2020")
        wdi = release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK,
                      kosovo=KosovoConvention.SEPARATE, published=date(2023, 7, 1),
                      title="World Development Indicators, July 2023")
        unhcr = release("unhcr-2021", "unhcr-refugee-statistics", producer=Producer.UNHCR,
                        title="UNHCR refugee statistics")
        idmc = release("idmc-2023", "idmc", producer=Producer.IDMC,
                       kosovo=KosovoConvention.SEPARATE, title="IDMC GIDD 2023")
        for i, code in enumerate(SEEECA):
            if code not in ("XKX", "TKM"):
                put(undesa, "MIG_STOCK", code, 2010, 1000.0 * (i + 1))
                put(undesa, "MIG_STOCK", code, 2015, 1100.0 * (i + 1))
            put(wdi, "POP", code, 2015, 100000.0 * (i + 1))
        put(undesa, "MIG_STOCK", "MDA", 2015, 50000, sex="F")
        put(undesa, "MIG_STOCK", "WORLD", 2015, 243700236)
        for origin, value in ORIGINS.items():
            put(undesa, "MIG_STOCK", "MDA", 2015, value, origin=origin)
        put(undesa, "MIG_STOCK", "MDA", 2015, 90000, origin="WORLD")  # an aggregate
        put(undesa, "MIG_STOCK", "RUS", 2015, 280000, origin="MDA")
        put(undesa, "MIG_STOCK", "ITA", 2015, 150000, origin="MDA")
        put(unhcr, "REFUGEES", "SRB", 2015, 20000, origin="HRV")
        put(unhcr, "REFUGEES", "SRB", 2015, 15000, origin="BIH")
        put(idmc, "IDP_CONFLICT_STOCK", "UKR", 2015, 1679000)
        put(wdi, "REMIT_IN", "MDA", 2015, 1.4, multiplier=9)
        put(wdi, "GDP", "MDA", 2015, 7.7, multiplier=9)
        put(wdi, "REMIT_COST", "MDA", "2015-Q1", 2.0, origin="RUS")
        put(wdi, "REMIT_COST", "MDA", "2015-Q3", 3.0, origin="RUS")
        put(wdi, "REMIT_OUT", "MDA", 2016, 0.2, multiplier=9)  # a year without migrants
        finish()
        cls.grant(cls.owner, Observation, "view")

    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def page(self, code: str | None = None, query: str = "", json: bool = False):  # noqa: ANN201
        if code is None:
            name, args = ("evidence:keyfigures_json" if json else "evidence:keyfigures"), []
        else:
            name = "evidence:keyfigures_area_json" if json else "evidence:keyfigures_area"
            args = [code]
        return self.client.get(reverse(name, args=args) + query)

    def test_the_region_page_opens_on_the_latest_year_with_coverage_and_sources(self) -> None:
        response = self.page()
        self.assertEqual(response.status_code, 200)
        figures = response.context["figures"]
        self.assertEqual((figures.area.code, figures.year, figures.since), ("SEEECA", 2015, 2010))
        self.assertContains(response, "19 of 20 members")
        self.assertContains(response, "XKX counted within another member")
        self.assertContains(response, "International Migrant Stock 2020")
        self.assertContains(response, "No data for 2015.")  # e.g. asylum-seekers

    def test_every_shown_figure_has_a_definition_sources_and_its_observations(self) -> None:
        data = self.page("MDA", json=True).json()
        shown = [f for s in data["sections"] for f in s["figures"]
                 if f.get("value") is not None or f.get("rows")]
        self.assertGreaterEqual(len(shown), 8)
        for figure in shown:
            self.assertTrue(figure["definition"], figure["key"])
            self.assertTrue(figure["sources"], figure["key"])
            links = [figure["observations"]] if "observations" in figure else \
                [row["observations"] for row in figure["rows"]]
            self.assertTrue(all(link.startswith(reverse("evidence:observation_list"))
                                for link in links), figure["key"])

    def test_the_country_figures_are_those_computed_by_hand(self) -> None:
        figures = {f["key"]: f for s in self.page("MDA", json=True).json()["sections"]
                   for f in s["figures"]}
        moldova = 1100.0 * (SEEECA.index("MDA") + 1)
        self.assertEqual(figures["MIG_STOCK"]["value"], moldova)
        self.assertAlmostEqual(figures["MIG_FEMALE_PCT"]["value"], 50000 / moldova * 100)
        self.assertAlmostEqual(figures["REMIT_IN_PCT_GDP"]["value"], 1.4 / 7.7 * 100)
        self.assertAlmostEqual(figures["MIG_STOCK_GROWTH"]["value"], 10.0)
        self.assertEqual(figures["EMIG_STOCK"]["value"], 430000)
        self.assertEqual([row["area"] for row in figures["EMIG_STOCK_BY_DESTINATION"]["rows"]],
                         ["RUS", "ITA"])

    def test_the_top_five_origins_are_countries_in_order(self) -> None:
        sections = self.page("MDA", json=True).json()["sections"]
        [ranking] = [f for s in sections for f in s["figures"]
                     if f["key"] == "MIG_STOCK_BY_ORIGIN"]
        self.assertEqual([row["area"] for row in ranking["rows"]],
                         ["UKR", "RUS", "ROU", "BGR", "ITA"])  # not "World", not the 6th
        [costs] = [f for s in sections for f in s["figures"]
                   if f["key"] == "REMIT_COST_BY_ORIGIN"]
        self.assertEqual([(r["area"], r["value"]) for r in costs["rows"]], [("RUS", 2.5)])

    def test_the_region_and_every_member_render_for_every_year(self) -> None:
        years = self.page(json=True).json()["years"]
        self.assertEqual(years, [2010, 2015, 2016])
        for code in (None, *SEEECA):
            for year in years:
                response = self.page(code, f"?year={year}")
                self.assertEqual(response.status_code, 200, (code, year))
                self.assertContains(response, "Definition")

    def test_a_missing_figure_says_no_data_and_points_to_years_with_data(self) -> None:
        response = self.page("MDA", "?year=2016")
        self.assertContains(response, "No data for 2016.")
        self.assertContains(response, '<a href="?year=2015">2015</a>', html=True)
        self.assertContains(response, "US$ 200.0 million")  # remittances paid in 2016

    def test_the_json_variant_describes_the_same_page(self) -> None:
        data = self.page("SRB", "?year=2015", json=True).json()
        self.assertEqual((data["area"]["code"], data["year"]), ("SRB", 2015))
        refugees = [f for s in data["sections"] for f in s["figures"] if f["key"] == "REFUGEES"]
        self.assertEqual(refugees[0]["value"], 35000)
        self.assertEqual(refugees[0]["sources"][0]["title"], "UNHCR refugee statistics")

    def test_a_user_without_permission_is_refused(self) -> None:
        self.client.logout()
        self.client.force_login(self.outsider)
        self.assertEqual(self.page().status_code, 403)
        self.assertEqual(self.page("MDA", json=True).status_code, 403)
        self.client.logout()
        self.assertEqual(self.page().status_code, 302)  # to the login page

    def test_an_unknown_area_is_not_found(self) -> None:
        self.assertEqual(self.page("ATLANTIS").status_code, 404)

    def test_a_warm_page_needs_few_queries(self) -> None:
        self.page()
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.page().status_code, 200)
        self.assertLessEqual(len(queries), 25)

    def test_values_are_shown_in_the_units_people_read(self) -> None:
        self.assertEqual(format_value(1400000000.0, "usd"), "US$ 1.40 billion")
        self.assertEqual(format_value(12.345, "percent"), "12.3 %")
        self.assertEqual(format_value(6.0, "percent", signed=True), "+6.0 %")
        self.assertEqual(format_value(106000.4, "persons"), "106,000")
        self.assertEqual(format_value(None, "persons"), "no data")

    def test_the_service_can_be_asked_for_any_year(self) -> None:
        figures = key_figures(self.owner, "UKR", year=2015)
        [idps] = [f for s in figures.sections for f in s.figures
                  if isinstance(f, Figure) and f.key == "IDP_CONFLICT_STOCK"]
        self.assertEqual(idps.value and idps.value.value, 1679000)
        self.assertEqual([r.code for r in idps.sources], ["idmc-2023"])
