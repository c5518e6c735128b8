"""World Bank importers against numbers read by hand from the shipped raw files.

Each class imports its files once (setUpTestData); the comments give the cell each
expected number was read from (spreadsheet row and column, or CSV line).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import openpyxl
from django.test import TestCase

from crossroads.evidence.choices import AreaKind, KosovoConvention
from crossroads.evidence.crosswalk import Crosswalk
from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers import registry
from crossroads.evidence.importers.base import RAW_DIR, Importer, ImportFailed
from crossroads.evidence.importers.worldbank import bilateral, rpw, wdi
from crossroads.evidence.importers.worldbank.sources import numbered_rows, text
from crossroads.evidence.models import Area, Observation, Release
from crossroads.reference.loaders.countries import load_countries

WDI_IMPORTERS = (wdi.RemittancesReceived, wdi.RemittancesPaid, wdi.GrossDomesticProduct,
                 wdi.Population)


class ImportedOnce(TestCase):
    """Loads countries and definitions, then runs ``importers`` once for the whole class."""

    importers: ClassVar[tuple[type[Importer], ...]] = ()

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        cls.reports = {cls_.name: cls_().run() for cls_ in cls.importers}

    def value(self, indicator: str, area: str, period: str, origin: str | None = None) -> Any:
        """The stored value of one figure (it must exist exactly once)."""
        return Observation.objects.get(indicator__code=indicator, area__code=area,
                                       period=period, origin__code=origin).value

    def exists(self, indicator: str, area: str, period: str, origin: str | None = None) -> bool:
        return Observation.objects.filter(indicator__code=indicator, area__code=area,
                                          period=period, origin__code=origin).exists()


class WorldDevelopmentIndicatorsTests(ImportedOnce):
    importers = WDI_IMPORTERS

    def test_it_reads_remittances_received_from_the_excel_download(self) -> None:
        # API_BX…xls, sheet Data: Tajikistan row 239, Moldova row 155; 2013 is column BF.
        self.assertEqual(self.value("REMIT_IN", "TJK", "2013"), 3697730868.065)
        self.assertEqual(self.value("REMIT_IN", "MDA", "2022"), 2037350000.0)

    def test_remittances_over_gdp_give_tajikistans_43_77_percent_in_2013(self) -> None:
        # SOURCES.md: WDI BX.TRF.PWKR.DT.GD.ZS for TJK 2013 is 43.77 %.
        remittances = self.value("REMIT_IN", "TJK", "2013")  # unit multiplier 0: US$
        gdp = self.value("GDP", "TJK", "2013")  # API_NY…xls, row 239, column BF
        self.assertEqual(gdp, 8448410727.154428)
        self.assertAlmostEqual(remittances / gdp, 0.4377, places=4)

    def test_it_reads_remittances_paid_from_the_csv_download(self) -> None:
        # API_BM…csv: Tajikistan on line 240, Russian Federation on line 208.
        self.assertEqual(self.value("REMIT_OUT", "TJK", "2013"), 240393237.045)
        self.assertEqual(self.value("REMIT_OUT", "RUS", "2020"), 16894870000.0)

    def test_it_reads_gdp_and_population(self) -> None:
        self.assertEqual(self.value("GDP", "XKX", "2022"), 9429156201.958513)  # row 266
        self.assertEqual(self.value("POP", "TJK", "2013"), 8216724)  # population.csv line 15170

    def test_kosovo_is_reported_apart_from_serbia(self) -> None:
        # population.csv: Kosovo,XKX,2015,1788274 (line 16927); Serbia,SRB,2015,7095383 (13872).
        self.assertEqual(self.value("POP", "XKX", "2015"), 1788274)
        self.assertEqual(self.value("POP", "SRB", "2015"), 7095383)
        self.assertEqual(self.value("REMIT_IN", "XKX", "2013"), 1058396182.16133)  # row 266
        release = Release.objects.get(code="wb-wdi-pop-2025-07")
        self.assertEqual(release.source.kosovo_convention, KosovoConvention.SEPARATE)

    def test_world_bank_aggregates_become_areas_and_wld_is_the_world(self) -> None:
        europe = Area.objects.get(code="WB-ECS")
        self.assertEqual((europe.name, europe.kind), ("Europe & Central Asia", AreaKind.AGGREGATE))
        self.assertEqual(self.value("REMIT_IN", "WB-ECS", "2013"), 168430262297.42)  # row 70
        self.assertEqual(self.value("POP", "WORLD", "2015"), 7441677465)  # line 16797
        self.assertEqual(self.value("REMIT_IN", "WORLD", "2013"), 522715508430.6727)  # row 264
        self.assertFalse(Area.objects.filter(code__in=["WLD", "WB-WLD"]).exists())
        self.assertEqual(Area.objects.get(code="M49-830").name, "Channel Islands")  # WDI CHI

    def test_each_file_is_a_release_dated_by_the_file_itself(self) -> None:
        published = dict(Release.objects.filter(source__code="wb-wdi")
                         .values_list("code", "published"))
        self.assertEqual({code: day.isoformat() for code, day in published.items()}, {
            "wb-wdi-remit-in-2023-10": "2023-10-26", "wb-wdi-remit-out-2021-09": "2021-09-15",
            "wb-wdi-gdp-2023-07": "2023-07-25", "wb-wdi-pop-2025-07": "2025-07-01",
        })
        files = Release.objects.get(code="wb-wdi-gdp-2023-07").files.get()
        self.assertEqual(files.name, "API_NY.GDP.MKTP.CD_DS2_en_excel_v2_5795872.xls")
        self.assertEqual(len(files.sha256), 64)

    def test_empty_cells_are_not_stored(self) -> None:
        self.assertFalse(self.exists("REMIT_IN", "TJK", "1960"))  # row 239, column E: empty
        self.assertFalse(Observation.objects.filter(area__code="WB-INX").exists())
        for report in self.reports.values():
            self.assertEqual(report.written, report.figures)
            self.assertFalse(report.problems)
        self.assertEqual(self.reports["wb-population"].written, 17195)  # every data line

    def test_reimporting_the_same_files_changes_nothing(self) -> None:
        before = list(Observation.objects.order_by("pk").values_list("pk", "value"))
        for importer in self.importers:
            self.assertTrue(importer().run().unchanged)
        self.assertEqual(list(Observation.objects.order_by("pk").values_list("pk", "value")),
                         before)


class CorridorTests(ImportedOnce):
    """The origin-destination sources: bilateral migrants, bilateral remittances, costs."""

    importers = (bilateral.BilateralMigration2013, bilateral.BilateralRemittances2016,
                 rpw.RemittancePrices)

    def test_it_reads_migrants_origin_down_and_destination_across(self) -> None:
        # Russian Federation row 160 × Ukraine column GT; Ukraine row 203 × Russia column FC.
        self.assertEqual(self.value("MIG_STOCK", "UKR", "2013", origin="RUS"), 3453506)
        self.assertEqual(self.value("MIG_STOCK", "RUS", "2013", origin="UKR"), 2939083)
        self.assertEqual(self.value("MIG_STOCK", "ITA", "2013", origin="MDA"), 151313)  # CQ130

    def test_the_world_row_and_column_are_totals_without_double_counting(self) -> None:
        # World row 219 × Tajikistan GG: all migrants in Tajikistan (origin None).
        self.assertEqual(self.value("MIG_STOCK", "TJK", "2013"), 275735)
        # Tajikistan row 190 × World column HJ: people born in Tajikistan living abroad.
        self.assertEqual(self.value("MIG_STOCK", "WORLD", "2013", origin="TJK"), 607802)
        self.assertEqual(self.value("MIG_STOCK", "WORLD", "2013"), 247245059)  # HJ219
        self.assertFalse(Observation.objects.filter(origin__code="WORLD").exists())

    def test_kosovo_and_the_residual_origins_are_areas_of_their_own(self) -> None:
        self.assertEqual(self.value("MIG_STOCK", "DEU", "2013", origin="XKX"), 192941)  # BU105
        self.assertEqual(self.value("MIG_STOCK", "WORLD", "2013", origin="XKX"), 550000)  # HJ105
        self.assertEqual(self.value("MIG_STOCK", "WORLD", "2013", origin="SRB"), 1292910)  # HJ167
        self.assertEqual(self.value("MIG_STOCK", "AFG", "2013", origin="OTHER-NORTH"), 7470)

    def test_zero_cells_are_not_stored(self) -> None:
        self.assertFalse(self.exists("MIG_STOCK", "ALB", "2013", origin="AFG"))  # C3 is 0
        self.assertEqual(self.reports["wb-bilateral-migration-2013"].written, 14444)
        self.assertFalse(Observation.objects.filter(indicator__code="MIG_STOCK", value=0).exists())

    def test_it_is_a_source_of_its_own_beside_un_desa(self) -> None:
        release = Release.objects.get(code="wb-bilateral-migration-2013")
        self.assertEqual(release.source.code, "wb-knomad-bilateral")
        self.assertEqual(release.published.isoformat(), "2015-12-18")

    def test_it_reads_remittances_sending_down_and_receiving_across_in_millions(self) -> None:
        # Russian Federation row 160 × Tajikistan column GG: 1418.8861119049 (US$ millions).
        cell = Observation.objects.get(indicator__code="REMIT_IN", area__code="TJK",
                                       origin__code="RUS")
        self.assertEqual((cell.value, cell.unit_multiplier, cell.period), (1418.8861119049, 6,
                                                                           "2016"))
        self.assertAlmostEqual(cell.scaled_value or 0.0, 1418886111.9049, delta=0.01)
        # Germany row 74 × Kosovo column CZ; the World row 217 × Kosovo is Kosovo's total.
        self.assertEqual(self.value("REMIT_IN", "XKX", "2016", origin="DEU"), 343.554672175885)
        self.assertEqual(self.value("REMIT_IN", "XKX", "2016"), 985.598208)
        # Russian Federation row 160 × World column HH: all that Russia sends.
        self.assertEqual(self.value("REMIT_IN", "WORLD", "2016", origin="RUS"), 13832.208231921)

    def test_a_footnoted_zero_is_kept_with_its_footnote_and_not_available_is_not(self) -> None:
        # India row 89 × Pakistan column EQ holds "0*"; the note on row 223 explains it.
        cell = Observation.objects.get(indicator__code="REMIT_IN", area__code="PAK",
                                       origin__code="IND")
        self.assertEqual(cell.value, 0)
        self.assertIn("State Bank of Pakistan", cell.note)
        self.assertFalse(self.exists("REMIT_IN", "LBN", "2016", origin="ISR"))  # DE95: "N/A"
        self.assertEqual(self.reports["wb-bilateral-remittances-2016"].written, 12295)

    def test_it_reads_corridor_costs_by_round(self) -> None:
        # Line 3759: Russian Federation → Tajikistan; rounds 2011Q1, 2011Q3, … 17th 2016Q1.
        self.assertEqual(self.value("REMIT_COST", "TJK", "2011-S1", origin="RUS"),
                         2.46222233772278)
        self.assertEqual(self.value("REMIT_COST", "TJK", "2011-S2", origin="RUS"),
                         2.64545464515686)
        self.assertEqual(self.value("REMIT_COST", "TJK", "2016-Q1", origin="RUS"),
                         1.64666664600372)
        # Line 3768: Russian Federation → Ukraine.
        self.assertEqual(self.value("REMIT_COST", "UKR", "2016-Q1", origin="RUS"),
                         1.39199995994568)
        # Line 1495: Germany → Kosovo (written KSV), first surveyed in 2015Q4.
        self.assertEqual(self.value("REMIT_COST", "XKX", "2015-Q4", origin="DEU"),
                         5.77333354949951)

    def test_half_yearly_rounds_become_half_years_and_later_ones_quarters(self) -> None:
        periods = dict(Observation.objects.filter(indicator__code="REMIT_COST")
                       .values_list("period", "frequency").distinct())
        self.assertEqual(sorted(p for p, f in periods.items() if f == "S"),
                         ["2011-S1", "2011-S2", "2012-S1", "2012-S2"])
        self.assertEqual(len(periods), 4 + 31)  # 2013-Q1 … 2020-Q3
        self.assertIn("2020-Q3", periods)

    def test_missing_rounds_and_footer_lines_are_skipped(self) -> None:
        report = self.reports["wb-rpw"]
        self.assertEqual((report.written, report.problems), (10417, []))
        self.assertFalse(self.exists("REMIT_COST", "AFG", "2016-Q1", origin="AGO"))  # line 2


def wdi_codes(path: Path) -> list[str]:
    rows = list(numbered_rows(path, "Data" if path.suffix == ".xls" else None))
    start = next(i for i, (_, row) in enumerate(rows) if row and text(row[0]) == "Country Name")
    return [text(row[1]) for _, row in rows[start + 1:] if row and text(row[1])]


def matrix_labels(path: Path, sheet: str) -> list[str]:
    rows = [row for _, row in numbered_rows(path, sheet)]
    end = next(i for i, row in enumerate(rows) if text(row[0]) == "World")
    return [text(cell) for cell in rows[1][1:] if text(cell)] + [text(r[0]) for r in rows[2:end]]


def rpw_codes(path: Path) -> list[str]:
    rows = [row for _, row in numbered_rows(path)]
    return [text(row[i]) for row in rows[1:] if len(row) > 5 and text(row[1]) for i in (1, 5)]


class FileCheckTests(TestCase):
    """Every label of the shipped files is mapped; a broken file writes nothing and says where."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()

    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="wb-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def test_every_country_row_and_column_of_every_shipped_file_maps_to_an_area(self) -> None:
        labels: list[str] = ["World"]
        for importer in WDI_IMPORTERS[:3]:
            labels += wdi_codes(RAW_DIR / importer.files[0])
        population = RAW_DIR / wdi.Population.files[0]
        labels += [text(row[1]) for line, row in numbered_rows(population) if line > 1]
        for matrix in (bilateral.BilateralMigration2013, bilateral.BilateralRemittances2016):
            labels += matrix_labels(RAW_DIR / matrix.files[0], matrix.sheet)
        labels += rpw_codes(RAW_DIR / rpw.RemittancePrices.files[0])
        crosswalk = Crosswalk.load()
        for label in set(labels):
            crosswalk.resolve(label)
        self.assertEqual(crosswalk.unmapped, {})
        self.assertLessEqual({"WLD", "ECS", "CHI", "XKX", "KSV", "ANT", "Other North", "Kosovo",
                              "Yemen, Rep."}, set(labels))

    def test_importing_the_package_registers_every_world_bank_importer(self) -> None:
        names = {name for name in registry.importers() if name.startswith("wb-")}
        self.assertEqual(names, {"wb-remittances-in", "wb-remittances-out", "wb-gdp",
                                 "wb-population", "wb-bilateral-migration-2013",
                                 "wb-bilateral-remittances-2016", "wb-rpw"})

    def copy(self, importer: type[Importer], tmp: Path) -> Path:
        source = RAW_DIR / importer.files[0]
        return Path(shutil.copy(source, tmp / source.name))

    def failure(self, importer: type[Importer], path: Path) -> str:
        with self.assertRaises(ImportFailed) as caught:
            importer().run([path])
        self.assertFalse(Observation.objects.exists())
        self.assertFalse(Release.objects.exists())
        return str(caught.exception)

    def edit(self, path: Path, old: str, new: str) -> None:
        content = path.read_text(encoding="utf-8-sig")
        self.assertIn(old, content)
        path.write_text(content.replace(old, new, 1), encoding="utf-8")

    def test_a_letter_in_a_known_cell_of_a_csv_names_its_line(self) -> None:
        path = self.copy(wdi.RemittancesPaid, self.tmp)
        self.edit(path, '"240393237.045"', '"24O393237.045"')  # Tajikistan 2013, line 240
        message = self.failure(wdi.RemittancesPaid, path)
        self.assertIn(f"{path.name}:240: TJK 2013: '24O393237.045' is not a number", message)

    def test_a_letter_in_a_matrix_cell_names_its_row_and_column(self) -> None:
        path = self.tmp / "matrix.xlsx"
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Bilateral Migration 2013"
        for row in (["Bilateral Estimates of Migrant Stocks in 2013"],
                    ["Destination country (across) - Source country (down)", "Ukraine",
                     "World"],
                    ["Russian Federation", "3 453 5O6", 3453506], ["World", 3453506, 3453506]):
            sheet.append(row)
        workbook.save(path)
        message = self.failure(bilateral.BilateralMigration2013, path)
        self.assertIn("matrix.xlsx:3: column B (Russian Federation → Ukraine): "
                      "'3 453 5O6' is not a number", message)

    def test_a_truncated_workbook_is_reported_not_a_crash(self) -> None:
        source = RAW_DIR / wdi.GrossDomesticProduct.files[0]
        path = self.tmp / source.name
        path.write_bytes(source.read_bytes()[:100_000])
        message = self.failure(wdi.GrossDomesticProduct, path)
        self.assertIn(f"{path.name}: cannot read the file", message)

    def test_a_csv_cut_short_names_the_last_line(self) -> None:
        source = RAW_DIR / rpw.RemittancePrices.files[0]
        path = self.tmp / source.name
        lines = source.read_text(encoding="utf-8-sig").splitlines()
        path.write_text("\n".join(lines[:3758]) + "\n" + lines[3758][:120], encoding="utf-8")
        message = self.failure(rpw.RemittancePrices, path)
        self.assertIn(f"{path.name}:3759: the row has", message)
        self.assertIn("no 'Last Updated' date", message)

    def test_a_newer_download_is_not_imported_under_an_older_release(self) -> None:
        path = self.copy(wdi.RemittancesPaid, self.tmp)
        self.edit(path, '"Last Updated Date","2021-09-15"', '"Last Updated Date","2022-03-01"')
        message = self.failure(wdi.RemittancesPaid, path)
        self.assertIn(f"{path.name}:3: the file was last updated on 2022-03-01", message)

    def test_a_file_of_another_series_is_refused(self) -> None:
        path = RAW_DIR / wdi.GrossDomesticProduct.files[0]
        message = self.failure(wdi.RemittancesReceived, path)
        self.assertIn(f"{path.name}:5: series 'NY.GDP.MKTP.CD', but wb-remittances-in reads "
                      "BX.TRF.PWKR.CD.DT", message)

    def test_an_unknown_country_code_is_listed(self) -> None:
        path = self.copy(wdi.Population, self.tmp)
        self.edit(path, "Kosovo,XKX,2015,1788274", "Kosovo,KOS,2015,1788274")
        message = self.failure(wdi.Population, path)
        self.assertIn("no area for 'KOS' (1 rows)", message)
