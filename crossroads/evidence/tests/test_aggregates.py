"""Regional aggregates: sums of members, coverage, ratio of sums, the Kosovo rule."""

from __future__ import annotations

from datetime import date
from typing import Any

from crossroads.evidence.choices import KosovoConvention, Producer
from crossroads.evidence.services.query import growth_between, series
from crossroads.evidence.services.values import Coverage, Value
from crossroads.evidence.tests.figures import (
    SEEECA,
    WESTERN_BALKANS,
    EvidenceTestCase,
    finish,
    put,
    release,
)

#: Made-up migrant stocks (UN DESA counts Kosovo within Serbia; Turkmenistan is missing).
MIGRANTS = {code: 1000.0 * (i + 1) for i, code in enumerate(SEEECA) if code not in ("XKX", "TKM")}
#: Made-up populations (the World Bank reports Kosovo separately).
POPULATION = {code: 100000.0 * (i + 1) for i, code in enumerate(SEEECA)}


class AggregateTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        undesa = release("undesa-2020", "undesa-ims", published=date(2021, 1, 15))
        wdi = release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK,
                      kosovo=KosovoConvention.SEPARATE, published=date(2023, 7, 1))
        bilateral = release("wb-bilateral", "wb-knomad-bilateral", producer=Producer.WORLD_BANK,
                            kosovo=KosovoConvention.SEPARATE, published=date(2014, 1, 1))
        rpw = release("wb-rpw", "rpw", producer=Producer.WORLD_BANK,
                      kosovo=KosovoConvention.SEPARATE)
        for code, value in MIGRANTS.items():
            put(undesa, "MIG_STOCK", code, 2015, value)
            put(undesa, "MIG_STOCK", code, 2010, value / 2)
        put(bilateral, "MIG_STOCK", "XKX", 2015, 5000)  # must not be added to Serbia's
        for code, value in POPULATION.items():
            put(wdi, "POP", code, 2015, value)
            put(wdi, "POP", code, 2010, value)
        put(undesa, "POP", "SRB", 2010, 9_000_000)  # UN DESA's Serbia includes Kosovo
        for i, code in enumerate(WESTERN_BALKANS):  # 2013: all from a source with Kosovo apart
            put(bilateral, "MIG_STOCK", code, 2013, 10.0 * (i + 1))
        put(undesa, "MIG_STOCK", "RUS", 2000, 1000)
        put(undesa, "MIG_STOCK", "MDA", 2015, 700, origin="RUS")
        put(undesa, "MIG_STOCK", "UKR", 2015, 300, origin="RUS")
        put(rpw, "REMIT_COST", "MDA", "2015-Q1", 2.5, origin="RUS")
        finish()
        cls.superuser = cls.make_user("root", None)
        cls.superuser.is_superuser = True
        cls.superuser.save()

    def one(self, indicator: str, area: str, year: int, **kwargs: Any) -> Value:
        values = series(self.superuser, indicator, areas=[area], years=(year, year), **kwargs)
        self.assertEqual(len(values), 1, values)
        return values[0]

    def test_a_regional_total_is_the_sum_of_its_members_with_its_coverage(self) -> None:
        value = self.one("MIG_STOCK", "SEEECA", 2015)
        self.assertEqual(value.value, sum(MIGRANTS.values()))
        self.assertEqual(value.coverage, Coverage(19, 20, ("TKM",), ("XKX",)))
        self.assertEqual(str(value.coverage),
                         "19 of 20 members (XKX counted within another member)")
        self.assertEqual(len(value.observation_ids), 18)

    def test_kosovo_within_serbia_is_not_missing_and_not_counted_twice(self) -> None:
        value = self.one("MIG_STOCK", "WESTERN_BALKANS", 2015)
        expected = sum(MIGRANTS[code] for code in WESTERN_BALKANS if code != "XKX")
        self.assertEqual(value.value, expected)  # the World Bank's 5 000 for Kosovo left out
        self.assertEqual(value.coverage, Coverage(6, 6, (), ("XKX",)))
        self.assertEqual(value.releases, ("undesa-2020",))

    def test_kosovo_reported_apart_is_added_like_any_member(self) -> None:
        value = self.one("MIG_STOCK", "WESTERN_BALKANS", 2013)
        self.assertEqual(value.value, 10 + 20 + 30 + 40 + 50 + 60)
        self.assertEqual(value.coverage, Coverage(6, 6))
        population = self.one("POP", "SEEECA", 2015)
        self.assertEqual(population.value, sum(POPULATION.values()))
        self.assertEqual(population.coverage, Coverage(20, 20))

    def test_a_regional_percentage_is_the_ratio_of_the_sums_not_an_average(self) -> None:
        value = self.one("MIG_STOCK_PCT_POP", "SEEECA", 2015)
        # Turkmenistan has no migrant figure, so its population is left out too; Kosovo's
        # migrants are in Serbia's figure, so Kosovo's population is counted.
        population = sum(v for code, v in POPULATION.items() if code != "TKM")
        self.assertAlmostEqual(value.value or 0.0, sum(MIGRANTS.values()) / population * 100)
        self.assertEqual(value.coverage, Coverage(19, 20, ("TKM",), ("XKX",)))
        self.assertEqual(value.releases, ("undesa-2020", "wb-wdi"))

    def test_a_ratio_takes_serbias_population_from_the_source_of_its_migrants(self) -> None:
        # 2010: UN DESA gives Serbia's population with Kosovo, so Kosovo's World Bank
        # population is counted within Serbia's, not added again.
        value = self.one("MIG_STOCK_PCT_POP", "SEEECA", 2010)
        population = sum(v for code, v in POPULATION.items()
                         if code not in ("TKM", "XKX", "SRB")) + 9_000_000
        self.assertAlmostEqual(value.value or 0.0,
                               sum(MIGRANTS.values()) / 2 / population * 100)
        self.assertEqual(value.coverage, Coverage(19, 20, ("TKM",), ("XKX",)))

    def test_a_figure_without_coverage_is_not_a_value(self) -> None:
        self.assertEqual(series(self.superuser, "MIG_STOCK", areas=["WESTERN_BALKANS"],
                                years=(2000, 2000)), [])

    def test_percentages_reported_by_sources_are_never_averaged(self) -> None:
        self.assertEqual(series(self.superuser, "REMIT_COST", areas=["SEEECA"],
                                breakdown="origin"), [])

    def test_a_regional_breakdown_sums_each_origin_over_the_members(self) -> None:
        value = self.one("MIG_STOCK", "SEEECA", 2015, breakdown="origin")
        self.assertEqual((value.origin, value.value), ("RUS", 1000))
        others = tuple(sorted(code for code in SEEECA if code not in ("MDA", "UKR")))
        self.assertEqual(value.coverage, Coverage(2, 20, others))

    def test_regions_and_countries_can_be_asked_for_together(self) -> None:
        values = series(self.superuser, "MIG_STOCK", areas=["SEEECA", "MDA"], years=(2015, 2015))
        self.assertEqual({v.area: v.coverage is None for v in values},
                         {"SEEECA": False, "MDA": True})

    def test_regional_growth_counts_the_members_present_in_both_years(self) -> None:
        value = growth_between(self.superuser, "MIG_STOCK_GROWTH", "SEEECA", 2010, 2015)
        assert value is not None and value.value is not None
        self.assertAlmostEqual(value.value or 0.0, 100.0)
        self.assertEqual(value.coverage, Coverage(19, 20, ("TKM",), ("XKX",)))
        consecutive = series(self.superuser, "MIG_STOCK_GROWTH", areas=["SEEECA"],
                             years=(2010, 2015))
        # 2013 exists for the Western Balkans only: each step covers whom it can.
        self.assertEqual([(v.period, v.coverage and v.coverage.covered) for v in consecutive],
                         [("2010/2013", 6), ("2013/2015", 6)])
        western_balkans_2010 = sum(MIGRANTS[c] for c in WESTERN_BALKANS if c != "XKX") / 2
        self.assertAlmostEqual(consecutive[0].value or 0.0,
                               (210 - western_balkans_2010) / western_balkans_2010 * 100)
