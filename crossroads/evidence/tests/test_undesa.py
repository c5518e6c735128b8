"""UN DESA International Migrant Stock importers, checked against cells read by hand.

Cell references are to the shipped files in ``evidence/data/raw/undesa_migrant_stock_*``:
sheet rows and column letters as a spreadsheet shows them, CSV lines as an editor shows them.
The five smaller releases are imported once; the three big reshaped files (2017 O-D and ages,
2019 O-D) are read and mapped once without writing 530,000 rows (their import is timed in
the report of the importers, not in the test suite).
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from django.test import TestCase

import crossroads.evidence.importers.undesa  # noqa: F401  (registers the importers)
from crossroads.evidence.choices import KosovoConvention
from crossroads.evidence.crosswalk import Crosswalk
from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers import registry
from crossroads.evidence.importers.base import RAW_DIR, Figure, ImportFailed
from crossroads.evidence.importers.undesa.common import location, open_workbook, sheet_rows
from crossroads.evidence.models import Area, DataSource, Observation, Release
from crossroads.reference.loaders.countries import load_countries

IMPORTED = ("undesa-2013", "undesa-2015-od", "undesa-2015", "undesa-2017", "undesa-2020")
READ_ONLY = ("undesa-2017-od", "undesa-2017-age", "undesa-2019-od")
OD_2013 = "undesa_migrant_stock_2013/UN_MigrantStockByOriginAndDestination_2013_T10.csv"
OD_2017 = "undesa_migrant_stock_2017/UN_MigrantStockByOriginAndDestination_2017{}.csv"
AGE_2017 = "undesa_migrant_stock_2017/UN_MigrantStockByAge_2017{}.csv"
OD_2019 = "undesa_migrant_stock_2019/UN_MigrantStockByOriginAndDestination_2019_clean.csv"
TOTALS_2020 = "undesa_migrant_stock_2020/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"


def observation(indicator: str, area: str, period: str, *, sex: str = "_T", age: str = "_T",
                origin: str | None = None, release: str | None = None) -> Observation:
    """The current observation of a figure, or the one of a pinned release."""
    found = Observation.objects.filter(indicator__code=indicator, area__code=area,
                                       period=period, sex=sex, age=age)
    found = found.filter(origin__code=origin) if origin else found.filter(origin=None)
    return found.vintage(release).get() if release else found.current().get()


@cache
def shipped_figures(name: str) -> tuple[tuple[str, Figure], ...]:
    """Every figure an importer reads from its shipped files (read once per test run)."""
    importer = registry.get(name)()
    figures = importer.read_all(importer.shipped_paths())
    assert not importer.problems, importer.problems[:5]
    return tuple(figures)


@cache
def figure_index(name: str) -> dict[tuple[str, int | None, str | int | None, str], Figure]:
    """An importer's figures by file, line, origin and age."""
    return {(file, f.line, f.origin, f.age): f for file, f in shipped_figures(name)}


def figure(name: str, file: str, line: int, origin: str | None = None,
           age: str = "_T") -> Figure:
    return figure_index(name)[(Path(file).name, line, origin, age)]


class TestTheFiveSmallerReleasesImported(TestCase):
    """2013 and 2015 O-D tables and the 2015, 2017, 2020 Total workbooks, imported once."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        cls.reports = {name: registry.get(name)().run() for name in IMPORTED}

    def test_every_non_empty_cell_becomes_one_observation(self) -> None:
        written = {name: report.written for name, report in self.reports.items()}
        assert written == {
            "undesa-2013": 19_626,  # non-empty, non-zero cells of Table 10 (World column too)
            "undesa-2015-od": 16_818 - 265,  # Table 16's non-zero cells less its 265 Totals
            "undesa-2015": 265 * 18 * 2 + 265 * 6,  # T1, T2: 3 sexes × 6 years; T6: 6 years
            "undesa-2017": 270 * 21 * 2 + 270 * 7,  # 3 sexes × 7 years; T6: 7 years
            "undesa-2020": 282 * 21 * 2 + 282 * 7,  # 283 rows, Australia/NZ twice: read once
        }

    def test_the_2013_table_gives_moldovas_migrant_stock_and_its_corridors(self) -> None:
        moldova = observation("MIG_STOCK", "MDA", "2013")
        assert moldova.value == 391_508  # line 151, column G (World): "  391 508"
        assert moldova.release.code == "undesa-ims-2013-od"
        assert moldova.note == "type of data: B; source note (13)"  # columns E and C
        # Line 151, column FX (Russian Federation) and column H (Other North).
        assert observation("MIG_STOCK", "MDA", "2013", origin="RUS").value == 221_965
        assert observation("MIG_STOCK", "MDA", "2013", origin="OTHER-NORTH").value == 2_298

    def test_the_2013_table_gives_the_russia_ukraine_corridor(self) -> None:
        # Line 153 (Russian Federation), column HR (Ukraine): " 2 939 083".
        assert observation("MIG_STOCK", "RUS", "2013", origin="UKR").value == 2_939_083

    def test_empty_and_zero_cells_of_a_matrix_are_not_stored(self) -> None:
        empty = [("BDI", "AFG"),  # line 26 (Burundi), column J (Afghanistan): empty
                 ("RUS", "OTHER-NORTH"),  # line 153, column H: empty
                 ("M49-910", "AFG")]  # line 25 (Eastern Africa), column J: "0"
        for area, origin in empty:
            assert not Observation.objects.filter(area__code=area, origin__code=origin,
                                                  period="2013").exists(), (area, origin)

    def test_aggregates_become_areas_with_their_figures(self) -> None:
        assert observation("MIG_STOCK", "WORLD", "2013").value == 231_522_215  # line 18, G
        africa = Area.objects.get(code="M49-903")
        assert (africa.name, africa.kind, africa.m49) == ("Africa", "aggregate", "903")
        assert observation("MIG_STOCK", "M49-903", "2013").value == 18_644_454  # line 24, G
        assert Area.objects.get(code="OTHER-NORTH").kind == "other"
        # 2017 Table 1 row 22 (High-income countries, code 1503), column L (2017).
        assert observation("MIG_STOCK", "M49-1503", "2017").value == 164_846_887
        # 2020 Table 1 row 17: the SDG region "Latin America and the Caribbean" (code 1830),
        # an area of its own beside the major area of the same name (code 904); column L.
        assert observation("MIG_STOCK", "M49-1830", "2020").value == 14_794_623
        assert observation("MIG_STOCK", "M49-904", "2020").value == 14_794_623
        # Rows 19 and 268 (Australia and New Zealand, code 927, twice), column L.
        assert observation("MIG_STOCK", "M49-927", "2020").value == 9_067_584

    def test_the_2015_table_16_gives_corridors_but_leaves_totals_to_the_workbook(self) -> None:
        # Table 16 row 152 (Russian Federation): column DM (Kazakhstan), HQ (Ukraine).
        assert observation("MIG_STOCK", "RUS", "2015", origin="KAZ").value == 2_560_269
        assert observation("MIG_STOCK", "RUS", "2015", origin="UKR").value == 3_269_992
        assert not Observation.objects.filter(release__code="undesa-ims-2015-od",
                                              origin=None).exists()
        # Table 16 row 150, column F (Total) = 2015 Table 1 row 150, column K.
        assert observation("MIG_STOCK", "MDA", "2015",
                           release="undesa-ims-2015-totals").value == 142_904

    def test_the_2015_workbook_gives_population_in_thousands_and_refugees(self) -> None:
        armenia = observation("POP", "ARM", "2015", release="undesa-ims-2015-totals")
        assert (armenia.value, armenia.unit_multiplier) == (3_017.712, 3)  # T2 row 125, J
        serbia = observation("REF_STOCK_EST", "SRB", "2015", release="undesa-ims-2015-totals")
        assert serbia.value == 43_763  # Table 6 row 182, column K
        assert "Including Kosovo" in serbia.note  # note (18) of the NOTES sheet

    def test_the_2017_workbook_gives_the_female_migrant_stock_of_kazakhstan(self) -> None:
        # Table 1 row 94 (Kazakhstan), column Z (female, 2017).
        assert observation("MIG_STOCK", "KAZ", "2017", sex="F").value == 1_833_169
        assert observation("MIG_STOCK", "KAZ", "2017", sex="M").value == 1_801_999  # column S

    def test_the_2020_workbook_gives_the_population_of_armenia_by_sex(self) -> None:
        # Table 2 row 136 (Armenia): columns L (both sexes), S (males), Z (females), 2020.
        for sex, thousands in (("_T", 2_963.234), ("M", 1_393.747), ("F", 1_569.487)):
            population = observation("POP", "ARM", "2020", sex=sex)
            assert population.value == thousands and population.unit_multiplier == 3
        assert observation("POP", "ARM", "2020").scaled_value == pytest.approx(2_963_234)

    def test_the_2020_workbook_gives_refugees_and_withholds_small_numbers(self) -> None:
        assert observation("REF_STOCK_EST", "TUR", "2020").value == 3_907_788  # T6 row 151, L
        withheld = observation("REF_STOCK_EST", "KAZ", "1990")  # Table 6 row 99, column F: "~"
        assert (withheld.value, withheld.status) == (None, "S")

    def test_a_later_revision_supersedes_an_earlier_one_for_the_same_figure(self) -> None:
        # Kazakhstan, both sexes, 2015: 2020 T1 row 99 col K; 2017 T1 row 94 col K;
        # 2015 T1 row 89 col K.
        assert observation("MIG_STOCK", "KAZ", "2015").value == 3_546_060
        older = {code: observation("MIG_STOCK", "KAZ", "2015", release=code)
                 for code in ("undesa-ims-2017-totals", "undesa-ims-2015-totals")}
        assert [(o.value, o.is_latest) for o in older.values()] == [(3_546_778, False)] * 2
        # 2017 itself is in no later revision: still current from the 2017 release.
        assert observation("MIG_STOCK", "KAZ", "2017").release.code == "undesa-ims-2017-totals"

    def test_the_releases_share_one_source_that_counts_kosovo_within_serbia(self) -> None:
        source = DataSource.objects.get(code="undesa-ims")
        assert source.kosovo_convention == KosovoConvention.WITHIN_SERBIA
        releases = {r.code: (r.vintage, str(r.published)) for r in source.releases.all()}
        assert releases == {
            "undesa-ims-2013-od": ("2013 revision", "2013-09-01"),
            "undesa-ims-2015-od": ("2015 revision", "2015-12-01"),
            "undesa-ims-2015-totals": ("2015 revision", "2015-12-01"),
            "undesa-ims-2017-totals": ("2017 revision", "2017-12-01"),
            "undesa-ims-2020-totals": ("2020 revision", "2021-01-01"),
        }

    def test_reimporting_a_release_changes_nothing(self) -> None:
        before = Observation.objects.filter(release__code="undesa-ims-2013-od").count()
        report = registry.get("undesa-2013")().run()
        assert report.unchanged and report.written == 0
        assert Observation.objects.filter(release__code="undesa-ims-2013-od").count() == before


class TestEveryShippedFileReadAndMapped(TestCase):
    """Every shipped file is read once; the big reshaped ones are checked without writing."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        cls.crosswalk = Crosswalk.load()

    @classmethod
    def tearDownClass(cls) -> None:
        figure_index.cache_clear()  # 600,000 figures: not kept for the rest of the suite
        shipped_figures.cache_clear()
        super().tearDownClass()

    def test_importing_the_package_registers_one_importer_per_release(self) -> None:
        importers = {name: registry.get(name) for name in IMPORTED + READ_ONLY}
        assert len({cls.release.code for cls in importers.values()}) == 8
        assert all(cls.files and cls.source.code == "undesa-ims" for cls in importers.values())

    def test_the_crosswalk_maps_every_label_of_every_shipped_file(self) -> None:
        for name in IMPORTED + READ_ONLY:
            labels: dict[str, set[str]] = defaultdict(set)
            for file, found in shipped_figures(name):
                labels[file] |= {str(found.area)} | ({str(found.origin)} if found.origin else set())
            for file, names in labels.items():
                unmapped = sorted(n for n in names if self.crosswalk.resolve(n) is None)
                assert not unmapped, f"{file}: no area for {unmapped}"

    def test_the_names_of_coded_rows_mean_the_area_of_their_code(self) -> None:
        for label, codes in coded_labels().items():
            if len(codes) == 1:  # "Latin America and the Caribbean" has two codes in 2020
                by_name, by_code = (self.crosswalk.resolve(x) for x in (label, codes.pop()))
                assert by_name is None or by_name == by_code, (label, by_name, by_code)

    def test_no_figure_appears_twice_in_a_big_release(self) -> None:
        resolve = cache(self.crosswalk.resolve)
        for name in READ_ONLY:
            keys = [(resolve(f.area), f.period, f.sex, f.age, f.origin and resolve(f.origin))
                    for _, f in shipped_figures(name)]
            assert len(set(keys)) == len(keys), name

    def test_the_2017_matrices_give_corridors_by_sex(self) -> None:
        both, female = OD_2017.format(""), OD_2017.format("Female")
        # Line 1762 (Russian Federation, 2017), column HN (Ukraine) in each file.
        assert figure("undesa-2017-od", both, 1762, "Ukraine").value == 3_272_304
        ukraine_f = figure("undesa-2017-od", female, 1762, "Ukraine")
        assert (ukraine_f.value, ukraine_f.sex, ukraine_f.period) == (1_752_444, "F", "2017")
        # Line 1699 (Kazakhstan, 2017), column FT (Russian Federation), female file.
        assert figure("undesa-2017-od", female, 1699, "Russian Federation").value == 1_238_129
        male = figure("undesa-2017-od", OD_2017.format("Male"), 1699, "Russian Federation")
        assert male.sex == "M"
        assert all(f.origin not in (None, "Total") for _, f in shipped_figures("undesa-2017-od"))

    def test_labels_cut_at_their_comma_are_made_whole_again(self) -> None:
        female = OD_2017.format("Female")
        # Lines 6, 86, 87: "Less developed regions",""… and "China","B"…; the figure under
        # "Other North" (column D of the header) sits in column E of these rows.
        cut = {line: figure("undesa-2017-od", female, line, "Other North")
               for line in (6, 86, 87)}
        assert {line: (f.area, f.value) for line, f in cut.items()} == {
            6: ("Less developed regions, excluding least developed countries", 401_994),
            86: ("China, Hong Kong SAR", 11_983),
            87: ("China, Macao SAR", 5_172),
        }
        assert self.crosswalk.resolve(cut[6].area).code == "M49-934"

    def test_the_second_micronesia_of_a_year_is_the_federated_states(self) -> None:
        both = OD_2017.format("")
        region = figure("undesa-2017-od", both, 254, "Other North")  # column D: 2266
        country = figure("undesa-2017-od", both, 258, "Other North")  # column D: 544
        assert (self.crosswalk.resolve(region.area).code, region.value) == ("M49-954", 2_266)
        assert (self.crosswalk.resolve(country.area).code, country.value) == ("FSM", 544)

    def test_a_row_without_label_and_with_only_zeros_gives_nothing(self) -> None:
        both = Path(OD_2017.format("")).name  # line 1007: 2005, "", then zeros (Curaçao)
        assert not [f for file, f in shipped_figures("undesa-2017-od")
                    if file == both and f.line == 1007]

    def test_the_2017_age_files_give_percent_shares_by_sex(self) -> None:
        # Line 1760 (Republic of Moldova, 2017): column H (25-29), column R (75+).
        assert figure("undesa-2017-age", AGE_2017.format(""), 1760, age="25-29").value == 4.6
        assert figure("undesa-2017-age", AGE_2017.format(""), 1760, age="75+").value == 13
        female = figure("undesa-2017-age", AGE_2017.format("Female"), 1760, age="25-29")
        assert (female.value, female.sex, female.indicator) == (4.1, "F", "MIG_STOCK_AGE_PCT")
        missing = figure("undesa-2017-age", AGE_2017.format(""), 30, age="0-4")  # South Sudan
        assert (missing.value, missing.status) == (None, "M")  # 1990: ".."
        ages = {f.age for _, f in shipped_figures("undesa-2017-age")}
        assert len(ages) == 16 and "Total" not in ages

    def test_the_2019_matrix_gives_corridors_and_marks_missing_cells(self) -> None:
        assert figure("undesa-2019-od", OD_2019, 1615, "Ukraine").value == 3_269_248  # HK
        assert figure("undesa-2019-od", OD_2019, 1500, "Russian Federation").value == 2_458_414
        missing = figure("undesa-2019-od", OD_2019, 16, "Yemen")  # Somalia 1990, HX: ".."
        assert (missing.value, missing.status) == (None, "M")
        with pytest.raises(KeyError):  # Montenegro 1990, column D (Albania): "-"
            figure("undesa-2019-od", OD_2019, 218, "Albania")


class TestCorruptedFilesWriteNothing(TestCase):
    """A broken copy of a shipped file is refused with its file and line; nothing is written."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()

    def refused(self, name: str, path: Path) -> str:
        with pytest.raises(ImportFailed) as failure:
            registry.get(name)().run([path])
        assert not Release.objects.exists() and not Observation.objects.exists()
        return str(failure.value)

    def test_a_truncated_workbook_is_refused(self) -> None:
        path = copy(TOTALS_2020, Path(self.tmp()))
        path.write_bytes(path.read_bytes()[:200_000])
        message = self.refused("undesa-2020", path)
        assert f"{path.name}: cannot read the file" in message

    def test_a_garbage_number_in_the_2013_table_names_its_line(self) -> None:
        path = copy(OD_2013, Path(self.tmp()))
        lines = path.read_bytes().split(b"\n")
        assert lines[150].startswith(b"134,Republic of Moldova,")  # line 151
        lines[150] = lines[150].replace(b"  391 508", b"  391 5O8")
        path.write_bytes(b"\n".join(lines))
        message = self.refused("undesa-2013", path)
        assert f"{path.name}:151: column G (World): '391 5O8' is not a number" in message

    def test_a_garbage_number_in_the_2019_matrix_names_its_line(self) -> None:
        path = copy(OD_2019, Path(self.tmp()))
        text = path.read_text(encoding="utf-8").split("\n")
        assert text[1614].startswith("2019,Russian Federation,")  # line 1615
        text[1614] = text[1614].replace(",3269248,", ",32x9248,")
        path.write_text("\n".join(text), encoding="utf-8")
        message = self.refused("undesa-2019-od", path)
        assert f"{path.name}:1615: column HK (Ukraine): '32x9248' is not a number" in message

    def test_a_label_cut_at_a_comma_that_cannot_be_told_is_refused(self) -> None:
        source = (RAW_DIR / OD_2017.format("Female")).read_text(encoding="utf-8").split("\n")
        # The header, then lines 86 and 87 ("China","B": Hong Kong, Macao) and 87 again.
        path = Path(self.tmp()) / "UN_MigrantStockByOriginAndDestination_2017Female.csv"
        path.write_text("\n".join([source[0], source[85], source[86], source[86]]) + "\n",
                        encoding="utf-8")
        message = self.refused("undesa-2017-od", path)
        assert f"{path.name}:4: the row has more fields than the header" in message

    def tmp(self) -> str:
        import tempfile

        directory = tempfile.mkdtemp(prefix="undesa-")
        self.addCleanup(shutil.rmtree, directory)
        return directory


def copy(shipped: str, directory: Path) -> Path:
    """A writable copy of a shipped file, with the same name."""
    target = directory / Path(shipped).name
    shutil.copyfile(RAW_DIR / shipped, target)
    return target


def coded_labels() -> dict[str, set[str]]:
    """The names of the rows of the coded tables, with the areas their codes stand for."""
    codes: dict[str, set[str]] = defaultdict(set)
    with (RAW_DIR / OD_2013).open(encoding="cp850", newline="") as handle:
        for row in list(csv.reader(handle))[16:]:
            codes[row[1].strip()].add(location(row[3]) or "")
    for path, sheet in (("undesa_migrant_stock_2015/UN_MigrantStockTotal_2015.xlsx", "Table 1"),
                        ("undesa_migrant_stock_2017/UN_MigrantStockTotal_2017.xlsx", "Table 1"),
                        (TOTALS_2020, "Table 1")):
        for row in sheet_rows(open_workbook(RAW_DIR / path), sheet):
            if location(row[3]) and str(row[1]).strip():
                codes[str(row[1]).strip()].add(location(row[3]) or "")
    return codes
