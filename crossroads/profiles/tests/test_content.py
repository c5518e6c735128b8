"""A profile's document: its figures are the evidence base's observations, cited.

The figures are those of :mod:`crossroads.profiles.tests.fixtures` (Moldova, Ukraine,
the two-member region ``PAIR``; Iceland has no data), for the year 2020.
"""

from __future__ import annotations

from typing import Any

from crossroads.evidence.choices import FormulaKind
from crossroads.evidence.models import Area, Indicator, Observation
from crossroads.evidence.services.points import UnknownCode
from crossroads.profiles.content.build import build_content
from crossroads.profiles.document import figures_of
from crossroads.profiles.tests.fixtures import (
    MDA_MIGRANTS,
    MDA_MIGRANTS_KNOMAD,
    MDA_POPULATION,
    MDA_REFUGEES_2012,
    MDA_REMITTANCES_2018,
    MDA_WOMEN,
    REGION,
    UKR_MIGRANTS,
    UKR_POPULATION,
    YEAR,
    ProfileTestCase,
)

Document = dict[str, Any]


def amount(observation: Observation) -> float:
    """An observation's value in base units."""
    return float(observation.value or 0.0) * 10 ** observation.unit_multiplier


def tables(doc: Document, part: str = "C") -> dict[str, Document]:
    """The table items of a part, by key."""
    [found] = [p for p in doc["parts"] if p["key"] == part]
    return {item["key"]: item for section in found["sections"] for item in section["items"]
            if item["type"] == "table"}


class ContentTests(ProfileTestCase):
    """Documents are built once per class (building reads the evidence base, not the test)."""

    docs: dict[tuple[str, str], Document] = {}

    def doc(self, area: str = "MDA", language: str = "en", year: int = YEAR) -> Document:
        key = (f"{area}:{year}", language)
        if key not in self.docs:
            self.docs[key] = build_content(self.owner, area, year, language=language)
        return self.docs[key]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.docs = {}

    def figure(self, key: str, area: str = "MDA") -> Document:
        return figures_of(self.doc(area))[key]

    def cited(self, row: Document) -> list[Observation]:
        found = list(Observation.objects.filter(pk__in=row["observations"])
                     .select_related("indicator", "release__source"))
        self.assertEqual(len(found), len(row["observations"]), row["key"])
        return found

    # 1. Figures equal the observations they cite -------------------------------------

    def assert_figures_are_their_observations(self, doc: Document) -> int:
        """Every raw figure equals its cited observations (summed), and its footnote names
        their releases; returns how many figures were checked."""
        checked = 0
        footnotes = {note["number"]: note for note in doc["footnotes"]}
        indicators = {i.code: i for i in Indicator.objects.all()}
        for key, row in figures_of(doc).items():
            indicator = indicators.get(row["indicator"])
            if not row["observations"] or indicator is None \
                    or indicator.formula != FormulaKind.RAW:
                continue
            observations = self.cited(row)
            self.assertEqual({o.indicator.code for o in observations}, {indicator.code}, key)
            self.assertAlmostEqual(row["value"], sum(amount(o) for o in observations),
                                   msg=key)
            note = footnotes[row["note"]]
            self.assertEqual(note["indicator"], indicator.code, key)
            self.assertEqual({r["code"] for r in note["releases"]},
                             {o.release.code for o in observations}, key)
            self.assertEqual(sorted(row["releases"]),
                             sorted({o.release.code for o in observations}), key)
            for o in observations:
                self.assertIn(o.release.source.name, note["text"], key)
                self.assertIn(o.release.title, note["text"], key)
            checked += 1
        return checked

    def test_every_raw_figure_of_a_country_equals_the_observation_it_cites(self) -> None:
        doc = self.doc()
        self.assertGreaterEqual(self.assert_figures_are_their_observations(doc), 5)
        migrants = self.figure("A/immigrants/MIG_STOCK")
        self.assertEqual(migrants["value"], MDA_MIGRANTS)  # 104 × 10³: the multiplier applied
        self.assertEqual(migrants["display"], "104,000")
        self.assertEqual(self.figure("A/immigrants/POP")["value"], MDA_POPULATION)

    def test_every_raw_figure_of_a_region_is_the_sum_of_its_members_observations(self) -> None:
        doc = self.doc(REGION)
        self.assertGreaterEqual(self.assert_figures_are_their_observations(doc), 4)
        migrants = self.figure("A/immigrants/MIG_STOCK", REGION)
        self.assertEqual(len(migrants["observations"]), 2)
        self.assertEqual(migrants["value"], MDA_MIGRANTS + UKR_MIGRANTS)

    def test_a_derived_figure_is_the_ratio_of_the_observations_it_cites(self) -> None:
        for area, expected in (("MDA", MDA_MIGRANTS / MDA_POPULATION * 100),
                               (REGION, (MDA_MIGRANTS + UKR_MIGRANTS)
                                / (MDA_POPULATION + UKR_POPULATION) * 100)):
            row = self.figure("A/immigrants/MIG_STOCK_PCT_POP", area)
            observations = self.cited(row)
            migrants = sum(amount(o) for o in observations if o.indicator.code == "MIG_STOCK")
            population = sum(amount(o) for o in observations if o.indicator.code == "POP")
            self.assertAlmostEqual(row["value"], migrants / population * 100)
            self.assertAlmostEqual(row["value"], expected)
            note = self.doc(area)["footnotes"][row["note"] - 1]
            self.assertEqual(note["number"], row["note"])
            self.assertEqual({r["code"] for r in note["releases"]}, {"undesa-2020", "wb-wdi"})
        women = self.cited(self.figure("A/immigrants/MIG_FEMALE_PCT"))
        self.assertEqual(sorted(amount(o) for o in women), [MDA_WOMEN, MDA_MIGRANTS])
        self.assertAlmostEqual(self.figure("A/immigrants/MIG_FEMALE_PCT")["value"],
                               MDA_WOMEN / MDA_MIGRANTS * 100)

    def test_figures_citing_the_same_releases_share_a_footnote(self) -> None:
        doc = self.doc()
        numbers = [note["number"] for note in doc["footnotes"]]
        self.assertEqual(numbers, list(range(1, len(numbers) + 1)))
        pairs = {(n["indicator"], tuple(r["code"] for r in n["releases"]))
                 for n in doc["footnotes"]}
        self.assertEqual(len(pairs), len(numbers))  # no footnote twice
        self.assertEqual(self.figure("A/remittances/REMIT_IN")["note"],
                         self.figure("B/economy/REMIT_IN")["note"])

    # 2. The reference year ----------------------------------------------------------

    def test_a_figure_is_of_the_reference_year_never_of_a_later_one(self) -> None:
        migrants = self.figure("A/immigrants/MIG_STOCK")
        self.assertEqual((migrants["year"], migrants["period"]), (YEAR, "2020"))
        self.assertNotIn(self.release_observation("MIG_STOCK", "2022").pk,
                         migrants["observations"])
        # Remittances: 2018 and 2021 exist; a 2020 profile shows 2018 and says so.
        remittances = self.figure("A/remittances/REMIT_IN")
        self.assertEqual((remittances["year"], remittances["value"]),
                         (2018, MDA_REMITTANCES_2018))
        self.assertEqual(self.figure("A/remittances/REMIT_IN_PCT_GDP")["year"], 2018)
        self.assertNotIn("REMIT_IN", {g["key"] for g in self.doc()["gaps"]["older"]})
        # The trend table stops at the reference year too.
        [trend] = [i for p in self.doc()["parts"] for s in p["sections"] for i in s["items"]
                   if i["type"] == "trend"]
        self.assertEqual(trend["years"], [2015, 2020])
        self.assertAlmostEqual(self.figure("A/change/MIG_STOCK_GROWTH")["value"], 4.0)

    def release_observation(self, indicator: str, period: str) -> Observation:
        return Observation.objects.get(indicator__code=indicator, area__code="MDA",
                                       period=period, sex="_T", origin=None)

    def test_an_earlier_reference_year_uses_what_was_known_of_it(self) -> None:
        doc = self.doc(year=2016)
        figures = figures_of(doc)
        self.assertEqual((figures["A/immigrants/MIG_STOCK"]["year"],
                          figures["A/immigrants/MIG_STOCK"]["value"]), (2015, 100000.0))
        self.assertEqual(figures["A/remittances/REMIT_IN"]["display"], "no data")
        self.assertIsNone(figures["A/remittances/REMIT_IN"]["year"])

    def test_old_figures_are_listed_with_their_age(self) -> None:
        refugees = self.figure("A/refugees/REFUGEES")
        self.assertEqual((refugees["year"], refugees["value"]), (2012, MDA_REFUGEES_2012))
        older = {g["key"]: g for g in self.doc()["gaps"]["older"]}
        self.assertEqual((older["REFUGEES"]["year"], older["REFUGEES"]["age"]), (2012, 8))
        self.assertEqual(set(older), {"REFUGEES"})
        # With a longer tolerance the same figure is not old.
        lenient = build_content(self.owner, "MDA", YEAR, stale_after=10)
        self.assertEqual(lenient["gaps"]["older"], [])
        self.assertEqual(lenient["stale_after"], 10)

    def test_a_figure_without_data_says_no_data_and_is_listed_as_missing(self) -> None:
        stateless = self.figure("A/refugees/STATELESS")
        self.assertEqual((stateless["value"], stateless["display"], stateless["year"],
                          stateless["note"], stateless["observations"]),
                         (None, "no data", None, None, []))
        missing = {g["key"] for g in self.doc()["gaps"]["missing"]}
        self.assertTrue({"STATELESS", "ASYLUM_SEEKERS", "EMIG_STOCK", "REMIT_OUT"} <= missing)
        self.assertFalse({"MIG_STOCK", "POP", "REFUGEES", "REMIT_IN"} & missing)

    def test_sources_that_disagree_are_listed_with_the_difference(self) -> None:
        [disagreement] = self.doc()["gaps"]["disagreements"]
        self.assertEqual((disagreement["indicator"], disagreement["area"],
                          disagreement["period"]), ("MIG_STOCK", "MDA", "2020"))
        self.assertEqual({(v["release"], v["value"]) for v in disagreement["values"]},
                         {("undesa-2020", MDA_MIGRANTS), ("knomad-2021", MDA_MIGRANTS_KNOMAD)})
        self.assertEqual(disagreement["difference"], MDA_MIGRANTS_KNOMAD - MDA_MIGRANTS)
        self.assertAlmostEqual(disagreement["percent"],
                               (MDA_MIGRANTS_KNOMAD - MDA_MIGRANTS) / MDA_MIGRANTS * 100)
        self.assertEqual(disagreement["percent_display"], "5.8 %")
        # The figure itself comes from the indicator's preferred source (UN DESA).
        self.assertEqual(self.figure("A/immigrants/MIG_STOCK")["releases"], ["undesa-2020"])

    # 3. Little data -----------------------------------------------------------------

    def test_an_area_without_any_data_still_gives_a_document(self) -> None:
        doc = self.doc("ISL")  # no figures, no register records
        figures = figures_of(doc)
        self.assertGreaterEqual(len(figures), 20)
        for key, row in figures.items():
            self.assertEqual((row["value"], row["display"]), (None, "no data"), key)
        missing = {g["key"] for g in doc["gaps"]["missing"]}
        self.assertTrue({row["key"] for row in figures.values()} <= missing)
        self.assertEqual((doc["gaps"]["older"], doc["gaps"]["disagreements"],
                          doc["footnotes"], doc["charts"]), ([], [], [], {}))
        for key, table in tables(doc).items():
            if key == "instruments":  # every loaded instrument, each "not recorded"
                self.assertEqual({row[2] for row in table["rows"]}, {"not recorded"})
                continue
            self.assertEqual(table["rows"], [], key)
            self.assertTrue(table["empty"], key)

    def test_an_unknown_area_is_refused(self) -> None:
        with self.assertRaises(UnknownCode):
            build_content(self.owner, "ATLANTIS", YEAR)

    def test_a_user_who_may_not_read_figures_gets_an_empty_document(self) -> None:
        doc = build_content(self.make_user("nobody", None), "MDA", YEAR)
        self.assertTrue(all(row["value"] is None for row in figures_of(doc).values()))
        self.assertEqual(doc["footnotes"], [])
        self.assertTrue(all(table["rows"] == [] for table in tables(doc).values()))

    # 7. A region ------------------------------------------------------------------

    def test_a_region_profile_has_coverage_and_counts_its_members(self) -> None:
        doc = self.doc(REGION)
        self.assertEqual(doc["area"]["kind"], "region")
        self.assertEqual([m["code"] for m in doc["area"]["members"]], ["MDA", "UKR"])
        migrants = self.figure("A/immigrants/MIG_STOCK", REGION)
        self.assertEqual((migrants["coverage"]["covered"], migrants["coverage"]["members"]),
                         (2, 2))
        refugees = self.figure("A/refugees/REFUGEES", REGION)
        self.assertEqual(refugees["coverage"]["missing"], ["UKR"])
        self.assertEqual(refugees["coverage"]["text"], "1 of 2 members")
        # The change since 2015 is Moldova's alone (Ukraine has no 2015 figure): it says so.
        growth = self.figure("A/change/MIG_STOCK_GROWTH", REGION)
        self.assertAlmostEqual(growth["value"], 4.0)
        self.assertEqual(growth["coverage"]["missing"], ["UKR"])
        instruments = tables(doc)["instruments"]
        self.assertEqual(instruments["columns"][-1], "Members that are parties")
        # Both members are parties to the first; Ukraine only signed the second.
        self.assertEqual([row[2] for row in instruments["rows"]],
                         ["2 of 2 (recorded for 2)", "0 of 2 (recorded for 1)"])

    def test_a_country_profile_shows_its_own_status_under_each_instrument(self) -> None:
        rows = {row[0]: row for row in tables(self.doc())["instruments"]["rows"]}
        self.assertEqual(rows["Test refugee convention"][2], "Ratified")
        self.assertEqual(rows["Test migrant workers convention"][2], "not recorded")
        # Before the ratification (2002), the 2001 profile records none.
        early = {row[0]: row for row in tables(self.doc(year=2001))["instruments"]["rows"]}
        self.assertEqual(early["Test refugee convention"][2], "not recorded")

    # 8. Russian -------------------------------------------------------------------

    def test_a_russian_profile_names_areas_in_russian(self) -> None:
        moldova = Area.objects.get(code="MDA")
        self.assertTrue(moldova.name_ru)
        doc = self.doc(language="ru")
        self.assertEqual((doc["language"], doc["area"]["name"]), ("ru", moldova.name_ru))
        region = self.doc(REGION, language="ru")
        self.assertEqual(region["area"]["name"], "Тестовая пара")
        self.assertEqual([m["name"] for m in region["area"]["members"]],
                         [Area.objects.get(code=c).name_ru for c in ("MDA", "UKR")])
        # The same numbers as in English.
        self.assertEqual(figures_of(doc)["A/immigrants/MIG_STOCK"]["value"], MDA_MIGRANTS)
