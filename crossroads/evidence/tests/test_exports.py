"""CSV and XLSX exports, and the export endpoint: formats, access, disclosure control."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import hxl
import openpyxl
import pytest
import sdmx
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from crossroads.evidence import urls as evidence_urls
from crossroads.evidence.exporters.common import Labels, values_from_observations
from crossroads.evidence.exporters.tabular import HEADER, to_csv, to_xlsx
from crossroads.evidence.importers.generic import GenericImporter
from crossroads.evidence.importers.sdmx_csv import SdmxCsvImporter
from crossroads.evidence.models import Indicator, Observation
from crossroads.evidence.pages import exports
from crossroads.evidence.tests.exchange_data import (
    SAMPLE_FIGURES,
    import_sample,
    load_reference_data,
)
from crossroads.testing.base import CrossroadsTestCase


class ExportTests(CrossroadsTestCase):
    """The sample release, imported once; owner may view observations, outsider may not.

    The endpoint is called as a view: its URL needs ``exports`` in PAGE_MODULES.
    """

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_reference_data()
        cls.directory = Path(tempfile.mkdtemp())
        import_sample(cls.directory)
        cls.grant(cls.owner, Observation, "view")
        values = values_from_observations(Observation.objects.current())
        labels = Labels.for_values(values)
        cls.csv_rows = list(csv.DictReader(io.StringIO(to_csv(values, labels))))
        cls.workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(values, labels)))

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.directory, ignore_errors=True)
        super().tearDownClass()

    def test_the_csv_has_codes_labels_and_values(self) -> None:
        self.assertEqual(len(self.csv_rows), SAMPLE_FIGURES)
        self.assertEqual(tuple(self.csv_rows[0]), HEADER)
        [ukraine] = [row for row in self.csv_rows if row["origin"] == "UKR"]
        self.assertEqual((ukraine["area"], ukraine["area_name"], ukraine["origin_name"],
                          ukraine["value"], ukraine["sources"]),
                         ("MDA", "Moldova", "Ukraine", "25512", "test-nso-2020"))
        [population] = [row for row in self.csv_rows if row["indicator"] == "POP"]
        self.assertEqual((population["value"], population["unit"]), ("2657600", "persons"))

    def test_the_xlsx_holds_the_values_as_numbers(self) -> None:
        rows = list(self.workbook["data"].iter_rows(values_only=True))
        self.assertEqual(rows[0], HEADER)
        by_origin = {row[8]: row for row in rows[1:] if row[8]}
        self.assertEqual(by_origin["UKR"][12], 25512)
        self.assertIsNone(by_origin["ROU"][12])  # ".." in the source: missing
        self.assertEqual(by_origin["ROU"][13], "M")

    def test_the_xlsx_names_definitions_and_releases(self) -> None:
        cells = [cell for row in self.workbook["sources"].iter_rows(values_only=True)
                 for cell in row if cell]
        self.assertIn("Test migration statistics 2020", cells)
        self.assertIn(Indicator.objects.get(code="MIG_STOCK").definition, cells)

    def test_a_csv_export_imports_again_with_the_generic_importer(self) -> None:
        path = self.directory / "export.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, HEADER)
            writer.writeheader()
            writer.writerows(self.csv_rows)
        mapping = self.directory / "export.yaml"
        mapping.write_text("source: {code: again, name: Again, kind: estimate}\n"
                           "release: {code: again-1, title: Again, vintage: '1', "
                           "published: 2024-01-01}\n", encoding="utf-8")
        self.assertEqual(GenericImporter().run([path, mapping]).written, SAMPLE_FIGURES)

    def export(self, user: Any, **params: Any) -> HttpResponse:
        request = RequestFactory().get("/evidence/export/", params)
        request.user = user
        return exports.export(request)

    def rows(self, response: HttpResponse) -> list[dict[str, str]]:
        self.assertEqual(response.status_code, 200, response.content)
        return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_totals_by_area_and_year_are_exported_by_default(self) -> None:
        rows = self.rows(self.export(self.owner, indicator="MIG_STOCK", area="MDA"))
        self.assertEqual({(r["period"], r["value"]) for r in rows},
                         {("2019", "104400"), ("2020", "106915")})

    def test_a_breakdown_by_origin_exports_one_row_per_origin(self) -> None:
        rows = self.rows(self.export(self.owner, indicator="MIG_STOCK", area="MDA",
                                     breakdown="origin", start="2019", end="2019"))
        by_origin = {r["origin"]: r["value"] for r in rows}
        self.assertEqual(by_origin["UKR"], "25512")
        self.assertEqual(by_origin["RUS"], "21004")

    def test_derived_indicators_are_computed_for_the_export(self) -> None:
        [row] = self.rows(self.export(self.owner, indicator="MIG_STOCK_PCT_POP", area="MDA",
                                      year_from="2019", year_to="2019"))
        self.assertAlmostEqual(float(row["value"]), 104400 / 2657600 * 100)

    def test_the_exchange_formats_parse(self) -> None:
        structure = self.export(self.owner, format="sdmx-structure")
        dsd = sdmx.read_sdmx(io.BytesIO(structure.content)).structure[
            "DSD_CROSSROADS_MIGRATION"]
        data = self.export(self.owner, indicator="MIG_STOCK", area="MDA", format="sdmx-ml")
        self.assertEqual(len(sdmx.read_sdmx(io.BytesIO(data.content), structure=dsd)
                             .data[0].obs), 2)
        tagged = self.export(self.owner, indicator="MIG_STOCK", area="MDA", format="hxl")
        self.assertEqual(len(list(hxl.data(io.BytesIO(tagged.content)))), 2)
        self.assertIn('filename="crossroads-mig_stock.hxl.csv"', tagged["Content-Disposition"])
        workbook = self.export(self.owner, indicator="POP", format="xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(workbook.content))["data"]
        self.assertEqual(sheet.cell(2, 13).value, 2657600)

    def test_an_sdmx_csv_export_reimports_to_the_same_figures(self) -> None:
        response = self.export(self.owner, indicator="MIG_STOCK", area="MDA",
                               breakdown="origin", format="sdmx-csv")
        path = self.directory / "origins.sdmx.csv"
        path.write_bytes(response.content)
        report = SdmxCsvImporter().run([path])
        again = set(Observation.objects.filter(release__code=report.release)
                    .values_list("origin__code", "value", "status"))
        self.assertEqual(again, {("UKR", 25512, "A"), ("RUS", 21004, "E"), ("ROU", None, "M")})

    def test_a_user_without_permission_to_view_observations_is_refused(self) -> None:
        with pytest.raises(PermissionDenied):
            self.export(self.outsider, indicator="MIG_STOCK")

    def test_a_user_sees_only_the_observations_their_permission_allows(self) -> None:
        self.grant(self.outsider, Observation, "view", constraints={"area__code": "SRB"})
        rows = self.rows(self.export(self.outsider, indicator="MIG_STOCK", breakdown="age",
                                     format="csv"))
        self.assertEqual({r["area"] for r in rows}, {"SRB"})

    def test_small_cells_are_suppressed_before_export(self) -> None:
        Indicator.objects.filter(code="ASYLUM_SEEKERS").update(suppression_threshold=50)
        [row] = self.rows(self.export(self.owner, indicator="ASYLUM_SEEKERS", area="MDA",
                                      breakdown="origin"))
        self.assertEqual((row["origin"], row["value"], row["status"], row["confidentiality"]),
                         ("SYR", "", "S", "C"))  # 37 is below the threshold of 50

    def test_bad_requests_say_what_is_wrong(self) -> None:
        cases = [({}, "give at least one indicator"),
                 ({"indicator": "NOPE"}, "unknown indicator NOPE"),
                 ({"indicator": "POP", "format": "pdf"}, "unknown format 'pdf'"),
                 ({"indicator": "POP", "start": "20"}, "start must be a year"),
                 ({"indicator": "POP", "breakdown": "colour"}, "breakdown must be one of")]
        for params, message in cases:
            with self.subTest(params):
                response = self.export(self.owner, **params)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.content.decode())

    @pytest.mark.skipif("exports" not in evidence_urls.PAGE_MODULES,
                        reason="the lead adds 'exports' to evidence.urls.PAGE_MODULES")
    def test_the_endpoint_is_at_evidence_export(self) -> None:
        try:
            url = reverse("evidence:export")
        except NoReverseMatch:  # pragma: no cover - guarded by the skip
            self.fail("evidence:export is not routed")
        self.client.force_login(self.owner)
        response = self.client.get(url, {"indicator": "POP", "format": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(url, "/evidence/export/")
