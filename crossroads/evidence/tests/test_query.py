"""The query service: current or pinned releases, base units, breakdowns, restrict()."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossroads.evidence.choices import KosovoConvention, Producer
from crossroads.evidence.models import Observation
from crossroads.evidence.services.query import Reference, UnknownCode, growth_between, series
from crossroads.evidence.tests.figures import EvidenceTestCase, finish, put, release


class QueryTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        old = release("undesa-2015", "undesa-ims", published=date(2015, 12, 1))
        new = release("undesa-2020", "undesa-ims", published=date(2020, 12, 1))
        wdi = release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK,
                      kosovo=KosovoConvention.SEPARATE, published=date(2023, 7, 1))
        put(old, "MIG_STOCK", "MDA", 2015, 104.5, multiplier=3)
        put(old, "MIG_STOCK", "MDA", 2010, 100, multiplier=3)
        put(new, "MIG_STOCK", "MDA", 2015, 106, multiplier=3)
        put(new, "MIG_STOCK", "MDA", 2015, 40000, origin="UKR")
        put(new, "MIG_STOCK", "MDA", 2015, 30000, origin="RUS")
        put(new, "MIG_STOCK", "MDA", 2015, 50, sex="F", multiplier=3)
        put(new, "MIG_STOCK", "MDA", 2015, 56, sex="M", multiplier=3)
        put(new, "MIG_STOCK", "UKR", 2015, 4.9, multiplier=6)
        put(new, "MIG_STOCK", "GEO", 2015, 70000, confidentiality="C")
        put(wdi, "POP", "MDA", 2015, 3554150)
        put(wdi, "POP", "UKR", 2015, 45154029)
        put(wdi, "POP", "GEO", 2015, 3725276)
        # UNHCR-like refugees: only by origin, with a "World" line that must not be added.
        older = release("unhcr-2016", "unhcr-refugee-statistics", producer=Producer.UNHCR,
                        published=date(2016, 3, 14))
        newer = release("unhcr-2021", "unhcr-refugee-statistics", producer=Producer.UNHCR,
                        published=date(2021, 6, 1))
        popstats = release("popstats", "unhcr-popstats", producer=Producer.UNHCR,
                           published=date(2016, 3, 14))
        put(older, "REFUGEES", "SRB", 2015, 21000, origin="HRV")
        put(older, "REFUGEES", "SRB", 2015, 500, origin="SVN")
        put(newer, "REFUGEES", "SRB", 2015, 20000, origin="HRV")
        put(newer, "REFUGEES", "SRB", 2015, 15000, origin="BIH")
        put(newer, "REFUGEES", "SRB", 2015, 35000, origin="WORLD")
        put(popstats, "REFUGEES", "SRB", 2015, 40000)  # a total, from a less preferred source
        put(popstats, "REFUGEES", "SRB", 2010, 50000)
        # Several sources for the same figure: the indicator's preferred sources win
        # (MIG_STOCK: UN DESA, then the World Bank's bilateral matrix; POP: the WDI first).
        bilateral = release("wb-bilateral", "wb-knomad-bilateral", producer=Producer.WORLD_BANK,
                            kosovo=KosovoConvention.SEPARATE, published=date(2023, 12, 1))
        national = release("nso-2024", "nso-arm", producer=Producer.NSO,
                           published=date(2024, 1, 1))
        put(new, "MIG_STOCK", "ARM", 2015, 190000)
        put(bilateral, "MIG_STOCK", "ARM", 2015, 200000)
        put(bilateral, "MIG_STOCK", "ARM", 2013, 97000)
        put(national, "MIG_STOCK", "ARM", 2013, 95000)
        put(national, "MIG_STOCK", "ARM", 2014, 99000)
        put(wdi, "POP", "ARM", 2015, 2925553)
        put(new, "POP", "ARM", 2015, 2916950)
        finish()
        cls.superuser = cls.make_user("root", None)
        cls.superuser.is_superuser = True
        cls.superuser.save()

    def figures(self, user: object = None, indicator: str = "MIG_STOCK",
                **kwargs: Any) -> dict[tuple[str, str], float | None]:
        values = series(user or self.superuser, indicator, **kwargs)
        return {(v.area, v.period): v.value for v in values}

    def test_it_returns_the_current_release_in_base_units(self) -> None:
        self.assertEqual(self.figures(areas=["MDA"]), {("MDA", "2010"): 100_000.0,
                                                       ("MDA", "2015"): 106_000.0})

    def test_it_names_the_release_and_observation_behind_each_value(self) -> None:
        value = series(self.superuser, "MIG_STOCK", areas=["MDA"], years=(2015, 2015))[0]
        observation = Observation.objects.get(pk=value.observation_ids[0])
        self.assertEqual(value.releases, ("undesa-2020",))
        self.assertEqual((observation.area.code, observation.value), ("MDA", 106.0))

    def test_a_pinned_vintage_returns_that_releases_figures(self) -> None:
        self.assertEqual(self.figures(areas=["MDA"], release="undesa-2015"),
                         {("MDA", "2010"): 100_000.0, ("MDA", "2015"): 104_500.0})

    def test_years_narrow_the_periods(self) -> None:
        self.assertEqual(set(self.figures(areas=["MDA"], years=(2011, 2020))), {("MDA", "2015")})

    def test_all_areas_come_when_none_are_named(self) -> None:
        self.assertEqual(self.figures(years=(2015, 2015)), {
            ("MDA", "2015"): 106_000.0, ("UKR", "2015"): 4_900_000.0, ("GEO", "2015"): 70000.0,
            ("ARM", "2015"): 190000.0})

    def test_a_breakdown_by_origin_gives_one_value_per_origin(self) -> None:
        values = series(self.superuser, "MIG_STOCK", areas=["MDA"], breakdown="origin")
        self.assertEqual({v.origin: v.value for v in values}, {"UKR": 40000.0, "RUS": 30000.0})

    def test_one_origin_can_be_asked_for(self) -> None:
        values = series(self.superuser, "MIG_STOCK", areas=["MDA"], origin="RUS")
        self.assertEqual([(v.origin, v.value) for v in values], [("RUS", 30000.0)])

    def test_a_breakdown_by_sex_gives_women_and_men(self) -> None:
        values = series(self.superuser, "MIG_STOCK", areas=["MDA"], breakdown="sex")
        self.assertEqual({v.sex: v.value for v in values}, {"F": 50_000.0, "M": 56_000.0})

    def test_an_all_origins_figure_is_summed_from_the_latest_release_without_aggregates(
            self) -> None:
        # 20 000 from Croatia + 15 000 from Bosnia (UNHCR 2021); not "World", not the
        # 500 from Slovenia that only the superseded 2016 release had.
        [value] = series(self.superuser, "REFUGEES", areas=["SRB"], years=(2015, 2015))
        self.assertEqual(value.value, 35000.0)
        self.assertEqual(value.origin, None)
        self.assertEqual(value.releases, ("unhcr-2021",))
        self.assertEqual(len(value.observation_ids), 2)

    def test_of_several_sources_the_indicators_preferred_one_is_shown(self) -> None:
        self.assertEqual(self.figures(areas=["ARM"]), {
            ("ARM", "2013"): 97000.0,   # World Bank (listed) before a source it does not list
            ("ARM", "2014"): 99000.0,   # the only source
            ("ARM", "2015"): 190000.0,  # UN DESA before the World Bank, though older
        })
        [population] = series(self.superuser, "POP", areas=["ARM"])
        self.assertEqual((population.value, population.releases), (2925553.0, ("wb-wdi",)))
        self.assertEqual(self.figures(areas=["ARM"], release="nso-2024"),
                         {("ARM", "2013"): 95000.0, ("ARM", "2014"): 99000.0})

    def test_a_preferred_sources_summed_origins_beat_another_sources_total(self) -> None:
        self.assertEqual(self.figures(indicator="REFUGEES", areas=["SRB"]),
                         {("SRB", "2010"): 50000.0, ("SRB", "2015"): 35000.0})

    def test_unknown_codes_are_refused_clearly(self) -> None:
        with self.assertRaisesMessage(UnknownCode, "no indicator with the code 'NOPE'"):
            series(self.superuser, "NOPE")
        with self.assertRaisesMessage(UnknownCode, "'ATLANTIS'"):
            series(self.superuser, "MIG_STOCK", areas=["ATLANTIS"])
        with self.assertRaises(ValueError):
            series(self.superuser, "MIG_STOCK", breakdown="colour")

    def test_a_repeated_call_gives_the_same_values_and_a_new_import_is_seen_at_once(
            self) -> None:
        first = series(self.superuser, "MIG_STOCK", areas=["UKR", "MDA"])
        again = series(self.superuser, "MIG_STOCK", areas=["UKR", "MDA"])  # from the cache
        self.assertEqual(first, again)
        self.assertEqual([v.observation_ids for v in first], [v.observation_ids for v in again])
        newer = release("undesa-2024", "undesa-ims", published=date(2024, 1, 1))
        put(newer, "MIG_STOCK", "UKR", 2015, 5.0, multiplier=6)
        finish()
        self.assertEqual(self.figures(areas=["UKR"]), {("UKR", "2015"): 5_000_000.0})

    # Authorization: restrict() is the only path.

    def test_a_user_without_permission_gets_nothing(self) -> None:
        self.assertEqual(series(self.owner, "MIG_STOCK"), [])
        self.assertEqual(series(self.owner, "MIG_STOCK_PCT_POP"), [])
        self.assertIsNone(growth_between(self.owner, "MIG_STOCK", "MDA", 2010, 2015))

    def test_a_user_constrained_to_one_area_sees_only_it(self) -> None:
        self.grant(self.owner, Observation, "view", [{"area__code": "MDA"}])
        self.assertEqual(set(self.figures(self.owner)), {("MDA", "2010"), ("MDA", "2015")})
        self.assertEqual(set(self.figures(self.owner, indicator="MIG_STOCK_PCT_POP")),
                         {("MDA", "2015")})

    def test_a_user_constrained_to_free_figures_does_not_see_confidential_ones(self) -> None:
        self.grant(self.owner, Observation, "view", [{"confidentiality": "F"}])
        self.assertNotIn(("GEO", "2015"), self.figures(self.owner))
        self.assertNotIn(("GEO", "2015"), self.figures(self.owner, indicator="MIG_STOCK_PCT_POP"))
        self.assertIn(("GEO", "2015"), self.figures(indicator="MIG_STOCK_PCT_POP"))

    # Efficiency: no query per row.

    def test_a_derived_indicator_needs_three_queries_at_most_whatever_the_areas(self) -> None:
        reference = Reference.load()
        reference.releases_of(reference.indicator("POP"))  # which releases hold what: once
        counts = []
        for areas in (["MDA"], ["MDA", "UKR", "GEO", "ARM"], None):
            with CaptureQueriesContext(connection) as queries:
                series(self.superuser, "MIG_STOCK_PCT_POP", areas=areas, reference=reference)
            counts.append(len(queries))
        # Migrants, migrants summed from origins where a source has no total, population.
        self.assertLessEqual(max(counts), 3)
