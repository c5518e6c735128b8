"""The browse page: query, chart, table and downloads, for those who may see observations."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any
from unittest import mock

from django.urls import NoReverseMatch
from django.urls import reverse as django_reverse
from openpyxl import load_workbook

from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind
from crossroads.evidence.definitions import load_indicators
from crossroads.evidence.models import Area, DataSource, Indicator, Observation, Release
from crossroads.evidence.models.observations import refresh_latest_of_indicators, series_key
from crossroads.evidence.pages.browse import views as browse_views
from crossroads.reference.loaders.countries import load_countries
from crossroads.reference.loaders.framework import load_framework
from crossroads.reference.models import Country, Region
from crossroads.testing.base import CrossroadsTestCase

URL = "/evidence/browse/"
#: Made-up figures in the shape of UN DESA's migrant stock (persons).
STOCK = {("MDA", "2015"): 106_784.0, ("MDA", "2019"): 104_439.0,
         ("UKR", "2015"): 4_915_142.0, ("UKR", "2019"): 4_964_293.0,
         ("SRB", "2019"): 820_312.0, ("RUS", "2019"): 11_640_559.0}
#: Migrants in Russia born in Ukraine and in Kazakhstan, 2019.
CORRIDORS = {("RUS", "UKR"): 3_268_565.0, ("RUS", "KAZ"): 2_558_959.0}


def make_areas() -> None:
    """A statistical area per country and region (what ``load_definitions`` makes first,
    without its slow crosswalk, which these tests do not use)."""
    Area.objects.bulk_create(
        [Area(code=c.iso3, name=c.name, name_ru=c.name_ru, kind="country", country=c,
              m49=c.numeric) for c in Country.objects.all()]
        + [Area(code=r.code.upper(), name=r.name, name_ru=r.name_ru, kind="region", region=r)
           for r in Region.objects.all()])


def observe(release: Release, indicator: Indicator, area: str, period: str, value: float,
            origin: str | None = None) -> Observation:
    """One stored observation, as an importer writes it."""
    place = Area.objects.get(code=area)
    born = Area.objects.get(code=origin) if origin else None
    year = int(period)
    return Observation.objects.create(
        indicator=indicator, area=place, period=period, period_start=date(year, 1, 1),
        period_end=date(year, 12, 31), frequency="A", origin=born, value=value,
        release=release, release_rank=release.rank,
        key=series_key(release.source.code, indicator.pk, place.pk, period, "_T", "_T",
                       born and born.pk, None),
    )


class BrowsePageTests(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_framework()
        make_areas()
        load_indicators()
        super().setUpTestData()
        source = DataSource.objects.create(
            code="undesa-ims", name="International Migrant Stock", producer=Producer.UN_DESA,
            kind=SourceKind.ESTIMATE, kosovo_convention=KosovoConvention.WITHIN_SERBIA)
        cls.release = Release.objects.create(
            source=source, code="undesa-ims-2019", title="International Migrant Stock 2019",
            vintage="2019 revision", published=date(2019, 9, 18))
        stock = Indicator.objects.get(code="MIG_STOCK")
        for (area, period), value in STOCK.items():
            observe(cls.release, stock, area, period, value)
        for (area, origin), value in CORRIDORS.items():
            observe(cls.release, stock, area, "2019", value, origin)
        older = Release.objects.create(
            source=source, code="undesa-ims-2015", title="International Migrant Stock 2015",
            vintage="2015 revision", published=date(2015, 12, 1))
        observe(older, stock, "MDA", "2015", 107_000.0)  # revised in 2019 to 106,784
        refresh_latest_of_indicators([stock.pk])
        cls.grant(cls.owner, Observation, "view")

    def setUp(self) -> None:
        self.client.force_login(self.owner)

    def browse(self, htmx: bool = False, **query: Any) -> Any:
        """The browse page for a query (lists for several values), as a page or fragment."""
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.get(URL, query, headers=headers)

    def test_anonymous_visitors_are_sent_to_login(self) -> None:
        self.client.logout()
        response = self.client.get(URL)
        assert response.status_code == 302 and response["Location"].startswith("/login/")

    def test_a_user_without_permission_on_observations_is_refused(self) -> None:
        self.client.force_login(self.colleague)
        assert self.client.get(URL).status_code == 403
        assert self.client.get("/evidence/chart/?indicator=MIG_STOCK").status_code == 403

    def test_the_page_opens_on_the_region_with_a_time_series_and_the_figures(self) -> None:
        response = self.client.get(URL)
        assert response.status_code == 200
        page = response.content.decode()
        assert '<form method="get" action="/evidence/browse/"' in page
        assert 'hx-push-url="true"' in page and 'hx-target="#browse-results"' in page
        assert '<svg' in page and 'role="img"' in page and "mark-line" in page
        assert "Line chart of International migrant stock: " in page  # the text alternative
        assert ">104,439<" in page and ">4,964,293<" in page
        assert '<caption class="visually-hidden">' in page
        assert f'href="/evidence/releases/{self.release.pk}/">International Migrant Stock 2019<' \
            in page
        assert "Kosovo is counted within Serbia by International Migrant Stock." in page
        assert "11,640,559" in page  # Russia is a member of the region

    def test_an_htmx_request_gets_only_the_results_block(self) -> None:
        response = self.browse(indicator="MIG_STOCK", areas=["MDA", "UKR"], year_from=2019,
                               year_to=2019, htmx=True)
        page = response.content.decode()
        assert page.lstrip().startswith('<div id="browse-results">')
        assert "<html" not in page and "<form" not in page
        assert 'hx-swap-oob="true"' in page and "2 figures found." in page
        assert "mark-rect" in page  # one year: ranked bars
        assert "104,439" in page and "820,312" not in page  # Serbia was not asked for

    def test_a_breakdown_by_origin_draws_the_corridors(self) -> None:
        response = self.browse(indicator="MIG_STOCK", areas=["RUS"], year_from=2019,
                               breakdown="origin")
        page = response.content.decode()
        assert "Corridor chart of International migrant stock, 2019" in page
        assert "Ukraine → Russian Federation (3,268,565)" in page
        assert ">Origin</th>" in page and ">Kazakhstan<" in page

    def test_the_map_colours_the_chosen_countries(self) -> None:
        response = self.browse(indicator="MIG_STOCK", chart="map",
                               areas=["MDA", "UKR", "SRB", "XKX"])
        page = response.content.decode()
        assert "mark-shape" in page and 'aria-label="Moldova: 104,439"' in page
        assert 'aria-label="Kosovo: no data"' in page
        assert "The chart shows 2019, the latest period." in page

    def test_the_chart_alone_is_an_svg_file(self) -> None:
        response = self.client.get("/evidence/chart/", {"indicator": "MIG_STOCK",
                                                        "areas": ["MDA"]})
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.startswith(b"<svg") and b"<title" in response.content

    def test_impossible_years_are_explained_not_queried(self) -> None:
        response = self.browse(indicator="MIG_STOCK", year_from=2019, year_to=2015)
        page = response.content.decode()
        assert "The last year comes before the first." in page and "<svg" not in page

    def test_a_pinned_release_shows_its_own_vintage(self) -> None:
        latest = self.browse(indicator="MIG_STOCK", areas=["MDA"], year_to=2015).content
        pinned = self.browse(indicator="MIG_STOCK", areas=["MDA"], year_to=2015,
                             release="undesa-ims-2015").content
        assert b">106,784<" in latest and b">107,000<" not in latest
        assert b">107,000<" in pinned and b"International Migrant Stock 2015<" in pinned

    def test_the_csv_download_holds_the_figures(self) -> None:
        response = self.browse(indicator="MIG_STOCK", areas=["MDA", "UKR"], format="csv")
        assert response["Content-Disposition"].startswith('attachment; filename="mig_stock-')
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        figures = {(row["area"], row["period"]): row["value"] for row in rows}
        assert figures == {("MDA", "2015"): "106784", ("MDA", "2019"): "104439",
                           ("UKR", "2015"): "4915142", ("UKR", "2019"): "4964293"}
        assert rows[0]["sources"] == "undesa-ims-2019"

    def test_the_xlsx_download_holds_the_figures(self) -> None:
        response = self.browse(indicator="MIG_STOCK", areas=["RUS"], year_from=2019,
                               breakdown="origin", format="xlsx")
        sheet = load_workbook(io.BytesIO(response.content), read_only=True)["data"]
        header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        by_origin = {row[header.index("origin")]: row[header.index("value")] for row in rows}
        assert by_origin == {"UKR": 3268565, "KAZ": 2558959}

    def test_the_page_links_to_its_downloads_with_the_same_query(self) -> None:
        page = self.browse(indicator="MIG_STOCK", areas=["MDA"]).content
        assert b'href="/evidence/browse/?indicator=MIG_STOCK&amp;areas=MDA&amp;format=csv"' in page
        assert b"format=xlsx" in page

    def test_exchange_formats_link_to_the_export_page_when_it_is_installed(self) -> None:
        def with_export(name: str, *args: Any, **kwargs: Any) -> str:
            if name == "evidence:export":
                return "/evidence/export/"
            return django_reverse(name, *args, **kwargs)

        def without_export(name: str, *args: Any, **kwargs: Any) -> str:
            if name == "evidence:export":
                raise NoReverseMatch(name)
            return django_reverse(name, *args, **kwargs)

        with mock.patch.object(browse_views, "reverse", with_export):
            page = self.browse(indicator="MIG_STOCK", areas=["MDA"]).content
        assert b'href="/evidence/export/?indicator=MIG_STOCK&amp;areas=MDA&amp;format=sdmx-csv"' \
            in page and b"format=hxl" in page
        with mock.patch.object(browse_views, "reverse", without_export):
            page = self.browse(indicator="MIG_STOCK", areas=["MDA"]).content
        assert b"/evidence/export/" not in page and b"format=csv" in page
