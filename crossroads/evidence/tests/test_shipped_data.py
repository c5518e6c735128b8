"""Everything shipped, end to end: every source imported, then the key figures of the region
(every year the data covers) and of every member country rendered, with sources."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from crossroads.evidence.importers.batch import import_all
from crossroads.evidence.importers.registry import shipped
from crossroads.evidence.models import Observation, Release
from crossroads.evidence.services.keyfigures import key_figures
from crossroads.evidence.services.query import series
from crossroads.reference.loaders import load_reference
from crossroads.reference.models import Region
from crossroads.testing import CrossroadsTestCase


class ShippedDataTests(CrossroadsTestCase):
    """Imports every shipped file once for the class (about a minute)."""

    results: dict[str, Any]

    @classmethod
    def setUpTestData(cls) -> None:
        load_reference()
        super().setUpTestData()
        cls.results = import_all()
        cls.grant(cls.owner, Observation, "view")
        region = Region.objects.get(kind="region")
        cls.region = region.code.upper()
        cls.members = sorted(region.countries.values_list("iso3", flat=True))

    def test_every_shipped_source_imports_with_nothing_left_unmapped(self) -> None:
        self.assertEqual(set(self.results), {cls.name for cls in shipped()})
        for name, report in self.results.items():
            self.assertGreater(report["written"], 0, name)
            self.assertEqual(report["unmapped"], {}, name)
            self.assertEqual(report["problems"], [], name)
        self.assertEqual(Release.objects.count(), len(shipped()))

    def test_importing_everything_again_changes_nothing(self) -> None:
        before = Observation.objects.count()
        again = import_all()
        self.assertTrue(all(report["unchanged"] for report in again.values()))
        self.assertEqual(Observation.objects.count(), before)

    def test_the_region_and_every_member_have_key_figures_with_sources(self) -> None:
        """Every year for the region; for members the first, the last and every fifth year
        (the same code path, at a fifth of the time)."""
        checked = 0
        for code in [self.region, *self.members]:
            years = key_figures(self.owner, code).years
            self.assertTrue(years, f"{code} has no year with data")
            if code != self.region:
                years = sorted({years[0], years[-1], *years[::5]})
            for year in years:
                figures = key_figures(self.owner, code, year=year)
                shown = [f for s in figures.sections for f in s.figures
                         if getattr(f, "value", None) is not None]
                self.assertTrue(shown, f"{code} {year}: no figure")
                for figure in shown:
                    self.assertTrue(figure.sources, f"{code} {year} {figure.key}: no source")
                checked += 1
        self.assertGreater(checked, 21 * 4)

    def test_the_pages_render_for_the_region_and_every_member(self) -> None:
        self.client.force_login(self.owner)
        for code in [self.region, *self.members]:
            url = reverse("evidence:keyfigures_area", args=[code])
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, code)
            self.assertContains(response, "The observations behind this figure")
            data = self.client.get(reverse("evidence:keyfigures_area_json", args=[code])).json()
            self.assertTrue(data, code)
            if code == "XKX":  # UN DESA and UNHCR have no Kosovo rows: the page says why
                self.assertContains(response, "count Kosovo within Serbia")
            else:
                self.assertContains(response, "International Migrant Stock")

    def test_a_regional_total_says_how_many_members_it_covers(self) -> None:
        [total] = series(self.owner, "MIG_STOCK", areas=[self.region], years=(2015, 2015))
        assert total.coverage is not None
        self.assertEqual(total.coverage.members, len(self.members))
        # UN DESA counts Kosovo within Serbia: covered, not missing, not added twice.
        self.assertIn("XKX", total.coverage.included_in_others)
        self.assertNotIn("XKX", total.coverage.missing)
        members = series(self.owner, "MIG_STOCK", areas=self.members, years=(2015, 2015))
        self.assertAlmostEqual(total.value or 0, sum(v.value or 0 for v in members), delta=1)
