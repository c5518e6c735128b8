"""UNHCR importers, checked against cells read by hand from the shipped files.

The population statistics (103,746 rows) and the 1995–2020 file (93,936 rows) take
tens of seconds to write in full, so the import tests write verbatim excerpts of the
shipped files (the header and chosen lines, copied byte for byte); the whole shipped
files are read and checked against the crosswalk without writing. Line numbers in
comments are those of the shipped files.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import TestCase

from crossroads.evidence.choices import AreaKind, KosovoConvention
from crossroads.evidence.crosswalk import Crosswalk
from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers.base import RAW_DIR, Importer, ImportFailed
from crossroads.evidence.importers.unhcr import global_trends, popstats, refugees
from crossroads.evidence.models import Area, Indicator, Observation, Release
from crossroads.evidence.services.query import series
from crossroads.reference.loaders.countries import load_countries

POPSTATS = RAW_DIR / popstats.FILE
REFUGEES = RAW_DIR / refugees.FILE
GLOBAL_TRENDS = RAW_DIR / global_trends.FILE
POPSTATS_RELEASE = "unhcr-popstats-2016-03"
REFUGEES_RELEASE = "unhcr-refugees-1995-2020"
#: The nine (year, asylum, origin) pairs split over two lines of the population statistics.
SPLIT_PAIRS = {4198, 4199, 4321, 4322, 5322, 5323, 5828, 5829, 22875, 22876, 35105, 35106,
               44705, 44706, 70653, 70654, 74176, 74177}


def excerpt(source: Path, folder: Path, lines: Iterable[int]) -> Path:
    """The header and the given lines of a shipped CSV file, verbatim, under the same name."""
    wanted = {1, *lines}
    with source.open(encoding="utf-8", newline="") as handle:
        text = "".join(line for number, line in enumerate(handle, 1) if number in wanted)
    target = folder / source.name
    target.write_text(text, encoding="utf-8", newline="")
    return target


def first_group(pattern: str, text: str) -> str:
    """The first group of a pattern's first match (which must exist)."""
    match = re.search(pattern, text)
    assert match is not None, pattern
    return match.group(1)


def replace_cell(source: Path, target: Path, sheet: str, cell: str, text: str) -> Path:
    """A copy of a workbook with one cell of one sheet replaced by text (all else unchanged)."""
    with zipfile.ZipFile(source) as original:
        workbook = original.read("xl/workbook.xml").decode()
        rel = first_group(rf'<sheet name="{sheet}"[^>]*r:id="(\w+)"', workbook)
        rels = original.read("xl/_rels/workbook.xml.rels").decode()
        part = "xl/" + first_group(rf'Id="{rel}"[^>]*Target="([^"]+)"', rels)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in original.infolist():
                data = original.read(item.filename)
                if item.filename == part:
                    new = f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>'
                    data = re.sub(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', new, data.decode(),
                                  count=1).encode()
                copy.writestr(item, data)
    return target


def observation(indicator: str, area: str, period: str, origin: str | None = None,
                release: str | None = None) -> Observation:
    """The one observation of a figure: in the given release, or the current one."""
    found = Observation.objects.filter(indicator__code=indicator, area__code=area, period=period,
                                       sex="_T", age="_T")
    found = found.filter(origin=None) if origin is None else found.filter(origin__code=origin)
    return found.vintage(release).get() if release else found.current().get()


def value(indicator: str, area: str, period: str, origin: str | None = None,
          release: str | None = None) -> float | None:
    return observation(indicator, area, period, origin, release).value


class ImportTestCase(TestCase):
    """Reference data and definitions once per class, and a folder for excerpts."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        folder = tempfile.TemporaryDirectory()
        cls.addClassCleanup(folder.cleanup)
        cls.folder = Path(folder.name)
        cls.user = get_user_model().objects.create(username="analyst", is_superuser=True)


class PopulationAndRefugeeStatisticsTests(ImportTestCase):
    """Excerpts of the population statistics (2016) and of the 1995–2020 extract (2021)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        armenia_2014 = range(97214, 97233)
        lines = {681, 1660, 4929, 77906, 97210, 97354, 97371, 97459, 102030, 103159, 103282,
                 *armenia_2014, *SPLIT_PAIRS}
        (cls.folder / "popstats").mkdir()
        (cls.folder / "refugees").mkdir()
        cls.path = excerpt(POPSTATS, cls.folder / "popstats", lines)
        popstats.UnhcrPopulationStatistics().run([cls.path])
        lines = {2, 2997, 5712, 5724, 7198, 19134, 37679, 37680, 86124, 93933}
        refugees.UnhcrRefugees1995To2020().run([excerpt(REFUGEES, cls.folder / "refugees", lines)])

    # the population statistics, 1951–2014

    def test_it_reads_ukraine_idps_2014_as_the_countrys_own_total(self) -> None:
        # line 103282: 2014,Ukraine,Ukraine,,,,823000,,35335,,858335
        assert value("IDPS_UNHCR", "UKR", "2014") == 823000
        assert value("STATELESS", "UKR", "2014") == 35335
        assert value("POC_TOTAL", "UKR", "2014", origin="UKR") == 858335

    def test_it_reads_refugees_from_syria_in_turkey(self) -> None:
        # line 103159: 2014,Turkey,"Syrian Arab Rep.",1557899,250,,,,,,1558149
        assert value("REFUGEES", "TUR", "2014", origin="SYR") == 1557899
        assert value("ASYLUM_SEEKERS", "TUR", "2014", origin="SYR") == 250
        assert value("POC_TOTAL", "TUR", "2014", origin="SYR") == 1558149
        # line 77906: 2010,Turkey,"Syrian Arab Rep.",9,65,,,,,,74
        assert value("REFUGEES", "TUR", "2010", origin="SYR", release=POPSTATS_RELEASE) == 9

    def test_it_reads_stateless_persons_in_armenia(self) -> None:
        # line 97214: 2014,Armenia,Armenia,,,,,,206,,206
        assert value("STATELESS", "ARM", "2014") == 206

    def test_a_star_is_a_suppressed_figure_without_a_value(self) -> None:
        # line 97215: 2014,Armenia,Azerbaijan,1554,*,,,,,,1554
        withheld = observation("ASYLUM_SEEKERS", "ARM", "2014", origin="AZE")
        assert (withheld.value, withheld.status) == (None, "S")
        assert value("REFUGEES", "ARM", "2014", origin="AZE") == 1554
        # line 97216: 2014,Armenia,Benin,,*,,,,,,*  (even the total is withheld)
        assert observation("POC_TOTAL", "ARM", "2014", origin="BEN").status == "S"

    def test_an_empty_cell_is_no_figure(self) -> None:
        # line 97215 gives refugees, asylum-seekers and the total, nothing else
        stored = Observation.objects.filter(area__code="ARM", period="2014", origin__code="AZE")
        assert sorted(stored.values_list("indicator__code", flat=True)) == [
            "ASYLUM_SEEKERS", "POC_TOTAL", "REFUGEES"]

    def test_returned_refugees_are_stored_at_the_country_they_returned_to(self) -> None:
        # line 102030: 2014,Pakistan,Afghanistan,1504912,5460,12991,,,,,1523363
        assert value("RETURNED_REFUGEES", "AFG", "2014", origin="PAK") == 12991
        assert not Observation.objects.filter(indicator__code="RETURNED_REFUGEES",
                                              area__code="PAK").exists()
        assert value("REFUGEES", "PAK", "2014", origin="AFG") == 1504912

    def test_a_pair_split_over_two_lines_is_merged_and_its_totals_added(self) -> None:
        # lines 4198-4199: 1988,Mexico,Various/Unknown,,,160,,,,,160 and …,191542,,,,,,,191542
        assert value("REFUGEES", "MEX", "1988", origin="UNHCR-VARIOUS") == 191542
        assert value("RETURNED_REFUGEES", "UNHCR-VARIOUS", "1988", origin="MEX") == 160
        total = observation("POC_TOTAL", "MEX", "1988", origin="UNHCR-VARIOUS")
        assert total.value == 191702 and "Merged from lines" in total.note
        # lines 35105-35106: Serbia and Kosovo 2002, IDPs 261826 in one, others 85000 in the other
        assert value("IDPS_UNHCR", "SRB", "2002") == 261826
        assert value("OTHERS_OF_CONCERN", "SRB", "2002", origin="SRB") == 85000
        assert value("POC_TOTAL", "SRB", "2002", origin="SRB") == 346826

    def test_an_empty_origin_is_various_or_unknown(self) -> None:
        # line 1660: 1979,Bangladesh,,,,150680,,,,,150680 (returned from Bangladesh)
        returned = observation("RETURNED_REFUGEES", "UNHCR-VARIOUS", "1979", origin="BGD")
        assert returned.value == 150680 and "Origin empty" in returned.note

    def test_origins_that_are_not_countries_are_areas_of_kind_other(self) -> None:
        pinned = {"release": POPSTATS_RELEASE}
        assert value("REFUGEES", "AUS", "2014", "UNHCR-TIBETAN", **pinned) == 8  # line 97354
        assert value("REFUGEES", "AUS", "2014", "UNHCR-STATELESS", **pinned) == 1710  # 97371
        assert value("REFUGEES", "ARG", "2014", "UNHCR-VARIOUS", **pinned) == 550  # line 97210
        kinds = Area.objects.filter(code__in=["UNHCR-TIBETAN", "UNHCR-STATELESS", "UNHCR-VARIOUS"])
        assert set(kinds.values_list("kind", flat=True)) == {AreaKind.OTHER}
        # line 97228: 2014,Armenia,Palestinian,6,*,,,,,,6 (coded PSE, as UNHCR's later data do)
        assert value("REFUGEES", "ARM", "2014", origin="PSE") == 6

    def test_former_countries_stay_under_the_present_day_names_unhcr_gives(self) -> None:
        # line 4929: 1990,Denmark,"Russian Federation",42 (the USSR, as UNHCR labels it)
        assert value("REFUGEES", "DNK", "1990", origin="RUS") == 42
        # line 681: 1970,Morocco,"Czech Rep.",70 (Czechoslovakia)
        assert value("REFUGEES", "MAR", "1970", origin="CZE") == 70
        historic = Observation.objects.filter(origin__kind=AreaKind.HISTORIC)
        assert not historic.exists()
        quality = Release.objects.get(code=POPSTATS_RELEASE).source.quality_notes
        assert "present-day countries" in quality

    def test_the_source_counts_kosovo_within_serbia_and_the_release_is_dated(self) -> None:
        release = Release.objects.get(code=POPSTATS_RELEASE)
        assert release.source.kosovo_convention == KosovoConvention.WITHIN_SERBIA
        assert release.published == date(2016, 3, 14)
        assert release.files.get().name == POPSTATS.name
        assert not Observation.objects.filter(area__code="XKX").exists()

    def test_reimporting_the_same_file_changes_nothing(self) -> None:
        before = list(Observation.objects.values_list("pk", "value"))
        report = popstats.UnhcrPopulationStatistics().run([self.path])
        assert report.unchanged and report.written == 0
        assert list(Observation.objects.values_list("pk", "value")) == before


    # the refugees and asylum-seekers extract, 1995–2020

    def test_it_reads_refugees_from_syria_in_germany(self) -> None:
        # line 37679: 2018,SYR,DEU,532065,52396
        assert value("REFUGEES", "DEU", "2018", origin="SYR") == 532065
        assert value("ASYLUM_SEEKERS", "DEU", "2018", origin="SYR") == 52396
        # line 37680: 2020,SYR,DEU,572818,41280 (the year after the missing 2019)
        assert value("REFUGEES", "DEU", "2020", origin="SYR") == 572818

    def test_a_zero_or_na_is_no_figure(self) -> None:
        extract = Observation.objects.vintage(REFUGEES_RELEASE)
        # line 2: 1995,AFG,AFG,0,0 and line 19134: 2020,VEN,CYM,NA,NA
        assert not extract.filter(area__code__in=["AFG", "CYM"]).exists()
        # line 7198: 2014,SYR,AUT,6653,0
        assert value("REFUGEES", "AUT", "2014", origin="SYR", release=REFUGEES_RELEASE) == 6653
        assert not extract.filter(indicator__code="ASYLUM_SEEKERS", area__code="AUT").exists()

    def test_a_missing_code_is_various_or_unknown(self) -> None:
        # line 2997: 2014,,ARG,550,0
        assert value("REFUGEES", "ARG", "2014", "UNHCR-VARIOUS", release=REFUGEES_RELEASE) == 550
        # line 93933: 1995,,,0,986458 (every asylum-seeker of 1995, no origin or asylum)
        everyone = observation("ASYLUM_SEEKERS", "UNHCR-VARIOUS", "1995", origin="UNHCR-VARIOUS")
        assert everyone.value == 986458 and "Country of asylum not given" in everyone.note

    def test_unhcr_codes_for_tibetans_and_stateless_people_are_mapped(self) -> None:
        pinned = {"release": REFUGEES_RELEASE}
        assert value("REFUGEES", "AUS", "2014", "UNHCR-TIBETAN", **pinned) == 8  # line 5724: TIB
        assert value("ASYLUM_SEEKERS", "AUS", "2014", "UNHCR-STATELESS", **pinned) == 544  # XXA

    def test_it_is_a_source_and_release_of_its_own(self) -> None:
        release = Release.objects.get(code=REFUGEES_RELEASE)
        assert release.source.code == "unhcr-refugee-statistics"
        assert release.published == date(2021, 6, 18)
        assert release.source.kosovo_convention == KosovoConvention.WITHIN_SERBIA
        assert "2019" in release.notes


    # both: popstats and the extract give the same figures for 1995–2014

    def test_both_releases_are_kept_each_current_in_its_own_source(self) -> None:
        # popstats line 77906: 2010,Turkey,"Syrian Arab Rep.",9,65,…
        # extract line 86124: 2010,SYR,TUR,9,65
        both = Observation.objects.filter(indicator__code="REFUGEES", area__code="TUR",
                                          period="2010", origin__code="SYR")
        assert dict(both.values_list("release__code", "is_latest")) == {
            REFUGEES_RELEASE: True, POPSTATS_RELEASE: True}
        assert dict(both.values_list("release__code", "value")) == {
            REFUGEES_RELEASE: 9, POPSTATS_RELEASE: 9}

    def test_the_later_extract_is_shown_and_popstats_can_be_pinned(self) -> None:
        # popstats line 97459: 2014,Austria,"Syrian Arab Rep.",2748; extract line 7198: 6653
        assert Indicator.objects.get(code="REFUGEES").source_priority[0] == \
            "unhcr-refugee-statistics"
        [shown] = series(self.user, "REFUGEES", areas=["AUT"], years=(2014, 2014), origin="SYR")
        assert (shown.value, shown.releases) == (6653, (REFUGEES_RELEASE,))
        [pinned] = series(self.user, "REFUGEES", areas=["AUT"], years=(2014, 2014), origin="SYR",
                          release=POPSTATS_RELEASE)
        assert pinned.value == 2748

    def test_a_figure_only_popstats_has_is_shown_from_popstats(self) -> None:
        # popstats line 97459 has asylum-seekers "*"; extract line 7198 has 0 (not stored)
        [shown] = series(self.user, "ASYLUM_SEEKERS", areas=["AUT"], years=(2014, 2014),
                         origin="SYR")
        assert (shown.value, shown.status, shown.releases) == (None, "S", (POPSTATS_RELEASE,))


class GlobalTrends2015Tests(ImportTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.report = global_trends.UnhcrGlobalTrends2015().run()

    def test_it_reads_table_1_by_country_of_asylum(self) -> None:
        # Tab1 row 184: Turkey36 | 2541352 | 0 | 2541352 | … | 212408 | … | 780 | 0 | 2754540
        assert value("REFUGEES", "TUR", "2015") == 2541352
        assert value("ASYLUM_SEEKERS", "TUR", "2015") == 212408
        assert value("POC_TOTAL", "TUR", "2015") == 2754540
        # Tab1 row 12: Armenia, statelessness mandate 311
        assert value("STATELESS", "ARM", "2015") == 311
        # Tab1 row 157: Serbia and Kosovo: S/RES/1244 (1999), IDPs 220002
        assert value("IDPS_UNHCR", "SRB", "2015") == 220002

    def test_a_dash_printed_as_zero_is_no_figure(self) -> None:
        # Tab1 row 184: returned refugees 0 (a dash in the printed table)
        assert not Observation.objects.filter(indicator__code="RETURNED_REFUGEES",
                                              area__code="TUR").exists()

    def test_it_reads_table_2_by_origin_at_the_world_level(self) -> None:
        # Tab2 row 191: Syrian Arab Rep., total refugees 4872585
        assert value("REFUGEES", "WORLD", "2015", origin="SYR") == 4872585
        # Tab2 row 206: Ukraine19, asylum-seekers 22574 (footnote number dropped)
        assert value("ASYLUM_SEEKERS", "WORLD", "2015", origin="UKR") == 22574
        # IDPs by origin repeat Table 1: not taken from Table 2
        assert not Observation.objects.filter(indicator__code="IDPS_UNHCR",
                                              origin__isnull=False).exists()

    def test_the_world_total_is_stored_once(self) -> None:
        # Tab1 row 201 (Total), repeated in rows 213 and 222 and in Tab2
        assert value("POC_TOTAL", "WORLD", "2015") == 63912738
        assert value("REFUGEES", "WORLD", "2015") == 16121427

    def test_the_same_region_name_in_two_blocks_is_two_areas(self) -> None:
        # Tab1 row 211: UNHCR bureau Europe 4391419 refugees; row 218: UN Europe 1820424
        assert value("REFUGEES", "UNHCR-RB-EUROPE", "2015") == 4391419
        assert value("REFUGEES", "M49-908", "2015") == 1820424
        # Tab2 rows 236 and 246: Various/Stateless, the same figures in both blocks
        assert value("REFUGEES", "WORLD", "2015", origin="UNHCR-VARIOUS-STATELESS") == 157581

    def test_it_imports_every_row_of_both_tables(self) -> None:
        assert self.report.written == 1604
        assert Release.objects.get(code="unhcr-global-trends-2015").published == date(2016, 6, 20)


class CorruptedFilesTests(ImportTestCase):
    def assert_nothing_written(self) -> None:
        assert not Observation.objects.exists() and not Release.objects.exists()

    def test_bad_values_rows_countries_and_bytes_are_reported_by_line(self) -> None:
        path = excerpt(POPSTATS, self.folder, {103159, 103282, 97214, 97215})
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[1] = lines[1].replace(",206,", ",2O6,")  # line 2 (97214): a letter O for a zero
        lines[2] = lines[2].replace("1554,*,", "1554,")  # line 3 (97215): one column short
        lines[4] = lines[4].replace("Ukraine,Ukraine", "Atlantis,Ukraine")  # line 5 (103282)
        content = "".join(lines).encode()
        # line 4 (103159): "Türkiye" saved as Latin-1, in a file that is otherwise UTF-8
        path.write_bytes(content.replace(b"2014,Turkey,", "2014,Türkiye,".encode("latin-1")))
        with pytest.raises(ImportFailed) as failure:
            popstats.UnhcrPopulationStatistics().run([path])
        text = str(failure.value)
        assert f"{path.name}:2: Stateless persons: '2O6' is not a number" in text
        assert f"{path.name}:3: expected 11 columns, found 10" in text
        assert f"{path.name}:4: not UTF-8 text (invalid start byte at byte 6)" in text
        assert f"{path.name}:5: no area for 'Atlantis'" in text
        self.assert_nothing_written()

    def test_another_files_header_is_refused_at_line_1(self) -> None:
        path = excerpt(REFUGEES, self.folder, {37679})
        path.write_text(path.read_text().replace("orig,dest", "origin,destination"))
        with pytest.raises(ImportFailed, match=rf"{path.name}:1: unexpected header"):
            refugees.UnhcrRefugees1995To2020().run([path])
        self.assert_nothing_written()

    def test_a_bad_cell_in_the_workbook_is_reported_with_its_sheet_and_row(self) -> None:
        path = replace_cell(GLOBAL_TRENDS, self.folder / GLOBAL_TRENDS.name, "Tab1", "D184",
                            "about 2.5 million")
        with pytest.raises(ImportFailed) as failure:
            global_trends.UnhcrGlobalTrends2015().run([path])
        assert "15-WRD-tab_v3.xlsx [Tab1]:184: REFUGEES: 'about 2.5 million' is not a number" \
            in str(failure.value)
        self.assert_nothing_written()


@pytest.fixture(scope="module")
def crosswalk(django_db_setup: None, django_db_blocker: Any) -> Crosswalk:
    """The crosswalk in memory (the definitions are loaded, read, then rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_countries()
        load_definitions()
        loaded = Crosswalk.load()
        transaction.set_rollback(True)
    return loaded


SHIPPED = [
    (popstats.UnhcrPopulationStatistics, 258404, range(1951, 2015)),
    (refugees.UnhcrRefugees1995To2020, 132639, [*range(1995, 2019), 2020]),
    (global_trends.UnhcrGlobalTrends2015, 1604, [2015]),
]


@pytest.mark.parametrize(("importer", "figures", "years"), SHIPPED)
def test_every_row_of_every_shipped_file_maps_to_an_area_once(
        crosswalk: Crosswalk, importer: type[Importer], figures: int, years: Iterable[int]) -> None:
    reader = importer()
    read = reader.read_all(reader.shipped_paths())
    assert reader.problems == [] and len(read) == figures
    labels = {label for _, f in read for label in (f.area, f.origin) if label is not None}
    areas = {label: crosswalk.resolve(label) for label in labels}
    assert crosswalk.unmapped == {}
    keys = {(f.indicator, areas[f.area], f.period, f.sex, f.age, areas.get(f.origin or ""))
            for _, f in read}
    assert len(keys) == figures  # no figure given twice (split popstats rows are merged)
    assert {int(f.period) for _, f in read} == set(years)
