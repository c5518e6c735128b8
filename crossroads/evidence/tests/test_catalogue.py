"""The data catalogue: which sources cover which years, gaps, stale series, disagreements."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from crossroads.evidence.choices import KosovoConvention, Producer
from crossroads.evidence.models import Observation
from crossroads.evidence.services.catalogue import Cell, Row, catalogue
from crossroads.evidence.tests.figures import EvidenceTestCase, finish, put, release

TODAY = date(2026, 6, 1)


class CatalogueTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        r2013 = release("undesa-2013", "undesa-ims", published=date(2013, 9, 1))
        r2019 = release("undesa-2019", "undesa-ims", published=date(2019, 9, 1))
        r2020 = release("undesa-2020", "undesa-ims", published=date(2021, 1, 15))
        bilateral = release("wb-bilateral", "wb-knomad-bilateral", producer=Producer.WORLD_BANK,
                            kosovo=KosovoConvention.SEPARATE, published=date(2014, 1, 1))
        wdi = release("wb-wdi", "wb-wdi", producer=Producer.WORLD_BANK,
                      kosovo=KosovoConvention.SEPARATE, published=date(2023, 7, 1))
        put(r2019, "MIG_STOCK", "MDA", 2000, 90000)
        put(r2019, "MIG_STOCK", "MDA", 2005, 95000)
        put(r2019, "MIG_STOCK", "MDA", 2015, 105000)
        put(r2020, "MIG_STOCK", "MDA", 2015, 106000)  # a revision of the same source
        put(r2013, "MIG_STOCK", "MDA", 2013, 100000)
        put(bilateral, "MIG_STOCK", "MDA", 2013, 120000)  # another source: +20 %
        put(bilateral, "MIG_STOCK", "MDA", 2013, 50500, origin="UKR")
        put(r2013, "MIG_STOCK", "MDA", 2013, 50000, origin="UKR")  # +1 %: within tolerance
        put(r2013, "MIG_STOCK", "RUS", 2013, 250000, origin="MDA")  # Moldovans abroad
        for year in range(2015, 2024):
            put(wdi, "POP", "MDA", year, 3500000 - year)
        put(wdi, "POP", "UKR", 2023, 38000000)
        put(wdi, "GDP", "MDA", 2016, 8.0, multiplier=9, confidentiality="C")
        finish()
        cls.grant(cls.owner, Observation, "view")

    def rows(self, code: str = "MDA", **kwargs: Any) -> dict[str, Row]:
        found = catalogue(self.owner, code, today=TODAY, **kwargs)
        return {row.indicator.code: row for row in found.rows}

    def cells(self, row: Row) -> dict[int, Cell]:
        return {cell.year: cell for cell in row.cells}

    def test_cells_name_every_release_with_data_that_year(self) -> None:
        cells = self.cells(self.rows()["MIG_STOCK"])
        self.assertEqual([r.code for r in cells[2013].releases], ["undesa-2013", "wb-bilateral"])
        self.assertEqual([r.code for r in cells[2015].releases], ["undesa-2019", "undesa-2020"])

    def test_gaps_inside_a_series_are_marked_and_years_outside_it_are_not(self) -> None:
        cells = self.cells(self.rows()["MIG_STOCK"])
        self.assertEqual((cells[2010].state, cells[2015].state, cells[2016].state),
                         ("gap", "data", "empty"))
        self.assertIsNone(self.rows()["IDP_CONFLICT_STOCK"].last_year)  # no data at all

    def test_a_series_is_stale_when_its_latest_year_is_too_old(self) -> None:
        rows = self.rows()
        self.assertTrue(rows["MIG_STOCK"].stale)  # 2015 is more than 5 years before 2026
        self.assertFalse(rows["POP"].stale)
        self.assertFalse(self.rows(stale_after=20)["MIG_STOCK"].stale)

    def test_two_sources_disagreeing_are_shown_with_the_difference(self) -> None:
        found = catalogue(self.owner, "MDA", today=TODAY)
        [total] = [d for d in found.disagreements if not d.breakdown]
        self.assertEqual((total.indicator.code, total.period), ("MIG_STOCK", "2013"))
        self.assertEqual([(r.code, v) for r, v in total.values],
                         [("undesa-2013", 100000.0), ("wb-bilateral", 120000.0)])
        self.assertEqual((total.difference, total.percent), (20000.0, 20.0))
        self.assertTrue(self.cells(self.rows()["MIG_STOCK"])[2013].disagreement)
        # Revisions of one source are not disagreements; 1 % is within the tolerance.
        self.assertEqual(len(found.disagreements), 1)
        strict = catalogue(self.owner, "MDA", today=TODAY, tolerance=0.5)
        self.assertEqual([d.breakdown for d in strict.disagreements], ["", "origin UKR"])

    def test_emigrants_are_catalogued_from_the_figures_about_people_born_here(self) -> None:
        self.assertEqual(self.rows()["EMIG_STOCK"].last_year, 2013)

    def test_a_region_counts_the_members_with_data(self) -> None:
        found = catalogue(self.owner, "EASTERN_EUROPE", today=TODAY)
        population = {row.indicator.code: row for row in found.rows}["POP"]
        self.assertEqual(self.cells(population)[2023].members, {"wb-wdi": 2})
        self.assertEqual(self.cells(population)[2016].members, {"wb-wdi": 1})

    def test_restrict_applies(self) -> None:
        self.assertEqual(self.rows()["GDP"].last_year, 2016)
        self.grant(self.colleague, Observation, "view", [{"confidentiality": "F"}])
        hidden = {row.indicator.code: row for row in catalogue(self.colleague, "MDA").rows}
        self.assertIsNone(hidden["GDP"].last_year)

    def test_the_pages_serve_html_and_json(self) -> None:
        self.client.force_login(self.owner)
        index = self.client.get(reverse("evidence:catalogue"))
        self.assertContains(index, reverse("evidence:catalogue_area", args=["MDA"]))
        page = self.client.get(reverse("evidence:catalogue_area", args=["MDA"]))
        self.assertContains(page, "wb-bilateral")
        self.assertContains(page, "catalogue-gap")
        self.assertContains(page, "Where sources disagree")
        data = self.client.get(reverse("evidence:catalogue_area_json", args=["MDA"])
                               + "?stale=20&tolerance=0.5").json()
        migrants = [row for row in data["rows"] if row["indicator"] == "MIG_STOCK"][0]
        self.assertEqual(migrants["cells"]["2013"]["releases"], ["undesa-2013", "wb-bilateral"])
        self.assertFalse(migrants["stale"])
        self.assertEqual(len(data["disagreements"]), 2)
        self.assertEqual(self.client.get(reverse("evidence:catalogue_json")).status_code, 200)
        region = self.client.get(reverse("evidence:catalogue_area", args=["SEEECA"]))
        self.assertEqual(region.status_code, 200)

    def test_users_without_permission_are_refused(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(reverse("evidence:catalogue")).status_code, 403)
        self.assertEqual(self.client.get(
            reverse("evidence:catalogue_area_json", args=["MDA"])).status_code, 403)
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(
            reverse("evidence:catalogue_area", args=["ATLANTIS"])).status_code, 404)
