"""The generic importer: a national statistics office's own table, read through a mapping."""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import openpyxl
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from crossroads.core import jobs
from crossroads.core.models import Job, ObjectChange
from crossroads.evidence.importers import registry
from crossroads.evidence.importers.base import ImportFailed
from crossroads.evidence.importers.generic import GenericImporter
from crossroads.evidence.importers.generic.mapping import DIMENSIONS
from crossroads.evidence.importers.generic.templates import TEMPLATES_DIR
from crossroads.evidence.models import DataSource, Observation, Release
from crossroads.evidence.pages import import_forms
from crossroads.evidence.tests.exchange_data import load_reference_data
from crossroads.testing.base import CrossroadsTestCase

#: The mapping an office would write for NSO_ROWS: its own column names and codes.
NSO_MAPPING = """\
source:
  code: md-nbs-migration
  name: National Bureau of Statistics of the Republic of Moldova, migration statistics
  producer: nso
  producer_name: National Bureau of Statistics of the Republic of Moldova
  kind: register
release:
  code: md-nbs-immigrants-2021
  title: Immigrants by country of citizenship and sex, 2019-2021
  vintage: "2021"
  published: 2022-03-31
file:
  sheet: Table 3
  header_row: 4
columns:
  origin: Country of citizenship
  period: Year
  sex: Sex
  value: Persons
  status: Flag
fixed:
  indicator: MIG_STOCK
  area: MDA
codes:
  status:
    p: P
"""
TITLE = "Table 3. Immigrants staying in the Republic of Moldova, by country of citizenship"
HEADER = ["Country of citizenship", "Year", "Sex", "Persons", "Flag"]
#: The office's rows, as they appear from sheet row 5 on.
NSO_ROWS = [
    ["Total", 2019, "Both sexes", 104400, None],
    ["Total", 2019, "Women", 58100, None],
    ["Total", 2019, "Men", "46 300", None],
    ["Ukraine", 2019, "Both sexes", "25 512", None],
    ["Russian Federation", 2019, "Both sexes", 21004, None],
    ["Romania", 2019, "Both sexes", "..", None],
    ["TFYR Macedonia", 2019, "Both sexes", 12, None],
    ["Total", 2021, "Both sexes", 106915, "p"],
]


def nso_workbook(path: Path, rows: list[list[object]]) -> Path:
    """The office's workbook: a title, a unit line, a blank row, then the table at row 4."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    sheet["A1"] = "Source: National Bureau of Statistics"
    table = workbook.create_sheet("Table 3")
    table["A1"] = TITLE
    table["A2"] = "persons, at 1 January"
    table.append([])
    table.append(HEADER)  # row 4
    for row in rows:
        table.append(row)
    workbook.save(path)
    return path


class NsoWorkbookTests(TestCase):
    """A realistic office workbook imported once; every check reads the result."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_reference_data()
        cls.directory = Path(tempfile.mkdtemp())
        cls.data = nso_workbook(cls.directory / "immigrants-2021.xlsx", NSO_ROWS)
        cls.mapping = cls.directory / "immigrants-2021.yaml"
        cls.mapping.write_text(NSO_MAPPING, encoding="utf-8")
        cls.report = GenericImporter().run([cls.data, cls.mapping])

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.directory, ignore_errors=True)
        super().tearDownClass()

    def figure(self, origin: str | None, period: str, sex: str = "_T") -> Observation:
        return Observation.objects.get(indicator__code="MIG_STOCK", area__code="MDA",
                                       origin__code=origin, period=period, sex=sex)

    def test_it_imports_every_row_of_the_table(self) -> None:
        self.assertEqual((self.report.figures, self.report.written), (8, 8))
        self.assertEqual(Observation.objects.count(), 8)

    def test_the_values_are_those_of_the_cells(self) -> None:
        self.assertEqual(self.figure("UKR", "2019").value, 25512)  # "25 512", row 8
        self.assertEqual(self.figure(None, "2019", "M").value, 46300)  # "46 300", row 7
        self.assertEqual(self.figure(None, "2019", "F").value, 58100)  # "Women", row 6
        self.assertEqual(self.figure("MKD", "2019").value, 12)  # "TFYR Macedonia", row 11

    def test_dots_are_a_missing_value_and_a_flag_is_a_status(self) -> None:
        romania = self.figure("ROU", "2019")
        self.assertEqual((romania.value, romania.status), (None, "M"))
        self.assertEqual(self.figure(None, "2021").status, "P")  # flag "p", row 12

    def test_the_release_and_source_are_those_of_the_mapping(self) -> None:
        release = Release.objects.get(code="md-nbs-immigrants-2021")
        self.assertEqual((release.vintage, release.published, release.importer),
                         ("2021", date(2022, 3, 31), "generic"))
        self.assertEqual(release.source, DataSource.objects.get(code="md-nbs-migration"))
        self.assertEqual(release.source.producer, "nso")
        self.assertEqual(sorted(release.files.values_list("name", "rows")),
                         [("immigrants-2021.xlsx", 8), ("immigrants-2021.yaml", 0)])

    def test_reimporting_the_same_files_changes_nothing(self) -> None:
        changes = ObjectChange.objects.count()
        ids = sorted(Observation.objects.values_list("pk", flat=True))
        report = GenericImporter().run([self.data, self.mapping])
        self.assertTrue(report.unchanged)
        self.assertEqual(sorted(Observation.objects.values_list("pk", flat=True)), ids)
        self.assertEqual(ObjectChange.objects.count(), changes)

    def test_a_bad_row_names_its_sheet_row_and_nothing_is_written(self) -> None:
        rows: list[list[object]] = [
                *NSO_ROWS, ["Atlantis", 2019, "Both sexes", 5, None],  # row 13
                ["Ukraine", "20I9", "Both sexes", 5, None],  # row 14
                ["Ukraine", 2020, "Both sexes", "12 thousand", None],  # row 15
                ["Ukraine", 2020, "Children", 7, None]]  # row 16
        data = nso_workbook(self.directory / "broken.xlsx", rows)
        mapping = self.directory / "broken.yaml"
        mapping.write_text(NSO_MAPPING.replace("md-nbs-immigrants-2021", "md-nbs-broken"),
                           encoding="utf-8")
        with self.assertRaises(ImportFailed) as failure:
            GenericImporter().run([data, mapping])
        text = str(failure.exception)
        self.assertIn("broken.xlsx:14: '20I9' is not a period", text)
        self.assertIn("broken.xlsx:15: value: '12 thousand' is not a number", text)
        self.assertIn("broken.xlsx:16: sex 'Children' is not one of _T, F, M", text)
        self.assertIn("no area for 'Atlantis'", text)
        self.assertFalse(Release.objects.filter(code="md-nbs-broken").exists())
        self.assertEqual(Observation.objects.count(), 8)

    def test_an_unknown_indicator_is_refused_with_its_line(self) -> None:
        mapping = self.directory / "other-indicator.yaml"
        mapping.write_text(NSO_MAPPING.replace("indicator: MIG_STOCK", "indicator: MIGRANTS")
                           .replace("md-nbs-immigrants-2021", "md-nbs-other"), encoding="utf-8")
        with self.assertRaisesMessage(ImportFailed,
                                      "immigrants-2021.xlsx:5: unknown indicator 'MIGRANTS'"):
            GenericImporter().run([self.data, mapping])

    def test_a_column_missing_from_the_header_is_named(self) -> None:
        mapping = self.directory / "wrong-column.yaml"
        mapping.write_text(NSO_MAPPING.replace("value: Persons", "value: Number")
                           .replace("md-nbs-immigrants-2021", "md-nbs-wrong"), encoding="utf-8")
        with self.assertRaisesMessage(ImportFailed, "the header row (row 4) has no column "
                                      "'Number' (value); it has 'Country of citizenship'"):
            GenericImporter().run([self.data, mapping])


class CsvMappingAndTemplateTests(TestCase):
    """CSV files in other encodings and layouts, mappings that cannot be used, and the
    downloadable templates (they have the columns the importer expects, and import)."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_reference_data()

    def setUp(self) -> None:
        self.directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.directory, True)

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.directory / name
        path.write_text(text, encoding=encoding)
        return path

    def mapping(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "source": {"code": "kz-stat", "name": "Bureau of National Statistics",
                       "kind": "register"},
            "release": {"code": "kz-stat-2020", "title": "Migration 2020", "vintage": "2020",
                        "published": "2021-02-01"},
        }
        data.update(changes)
        return data

    def test_a_russian_semicolon_csv_with_decimal_commas_is_read(self) -> None:
        data = self.write("migration.csv", "Страна рождения;Год;Пол;тыс. человек\n"
                          "Украина;2020;Женщины;12,5\nРоссия;2020;Всего;\"1 234,7\"\n",
                          encoding="cp1251")
        mapping = self.write("mapping.json", json.dumps(self.mapping(
            file={"encoding": "cp1251", "decimal_comma": True},
            columns={"origin": "Страна рождения", "period": "Год", "sex": "Пол",
                     "value": "тыс. человек"},
            fixed={"indicator": "MIG_STOCK", "area": "KAZ", "unit_multiplier": 3},
            codes={"origin": {"Россия": "RUS"}},  # a short name the crosswalk does not know
        ), ensure_ascii=False))
        GenericImporter().run([data, mapping])
        ukraine = Observation.objects.get(origin__code="UKR")
        self.assertEqual((ukraine.value, ukraine.unit_multiplier, ukraine.sex), (12.5, 3, "F"))
        self.assertEqual(ukraine.scaled_value, 12500)
        self.assertEqual(Observation.objects.get(origin__code="RUS").value, 1234.7)

    def test_a_file_in_the_template_format_needs_no_columns_in_its_mapping(self) -> None:
        data = self.write("template.csv", "indicator,area,period,value\nPOP,ALB,2020,2837849\n")
        mapping = self.write("mapping.yaml", yaml.safe_dump(self.mapping()))
        GenericImporter().run([data, mapping])
        self.assertEqual(Observation.objects.get(area__code="ALB").value, 2837849)

    def test_a_mapping_with_problems_lists_them_all(self) -> None:
        data = self.write("data.csv", "indicator,area,period,value\nPOP,ALB,2020,1\n")
        mapping = self.write("mapping.yaml", yaml.safe_dump(self.mapping(
            release={"code": "bad code!", "title": "T", "vintage": "1", "published": "soon"},
            columns={"area": "area", "nationality": "x"},
        )))
        with self.assertRaises(ImportFailed) as failure:
            GenericImporter().run([data, mapping])
        text = str(failure.exception)
        self.assertIn("mapping.yaml: 'release.code' 'bad code!' must be", text)
        self.assertIn("'release.published' must be a date (YYYY-MM-DD), not 'soon'", text)
        self.assertIn("unknown dimension 'columns.nationality'", text)
        self.assertIn("say where 'indicator' comes from", text)
        self.assertFalse(Release.objects.exists())

    def test_an_import_without_a_mapping_is_refused(self) -> None:
        data = self.write("data.csv", "indicator,area,period,value\nPOP,ALB,2020,1\n")
        with self.assertRaisesMessage(ImportFailed, "give one mapping file"):
            GenericImporter().run([data])

    def test_the_importer_is_registered_as_generic(self) -> None:
        self.assertIs(registry.get("generic"), GenericImporter)

    def test_the_csv_template_header_is_the_generic_format(self) -> None:
        with (TEMPLATES_DIR / "generic-template.csv").open(encoding="utf-8") as handle:
            header, example = list(csv.reader(handle))
        self.assertEqual(tuple(header), DIMENSIONS)
        self.assertEqual(example[:3], ["MIG_STOCK", "Republic of Moldova", "2019"])

    def test_the_xlsx_template_has_the_header_and_explains_every_column(self) -> None:
        workbook = openpyxl.load_workbook(TEMPLATES_DIR / "generic-template.xlsx")
        header = [cell.value for cell in workbook["data"][1]]
        self.assertEqual(tuple(header), DIMENSIONS)
        explained = [row[0] for row in workbook["columns"].iter_rows(min_row=2,
                                                                    values_only=True)]
        self.assertEqual(tuple(explained), DIMENSIONS)

    def test_both_templates_import_with_the_example_mapping(self) -> None:
        mapping = TEMPLATES_DIR / "mapping-example.yaml"
        for template in ("generic-template.csv", "generic-template.xlsx"):
            with self.subTest(template):
                Observation.objects.all().delete()
                Release.objects.all().delete()
                report = GenericImporter().run([TEMPLATES_DIR / template, mapping])
                self.assertEqual(report.written, 1)
                example = Observation.objects.select_related("origin").get()
                self.assertEqual((example.indicator.code, example.area.code,
                                  getattr(example.origin, "code", None), example.sex,
                                  example.value), ("MIG_STOCK", "MDA", "UKR", "F", 12345))


class ShippedTestImporter(GenericImporter):
    """Stands for an importer with shipped files (the page only needs its name and files)."""

    name = "test-shipped"
    files = ("test/shipped.csv",)


class ImportPageTests(CrossroadsTestCase):
    """The import page: who may use it, uploads checked, imports started as jobs."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_reference_data()
        cls.grant(cls.owner, Observation, ["view", "add"])
        cls.grant(cls.colleague, Observation, ["view"])

    def setUp(self) -> None:
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, True)
        self.enterContext(override_settings(MEDIA_ROOT=media))
        self.client.force_login(self.owner)

    def upload(self, name: str, data: dict[str, object]) -> Any:
        return self.client.post(reverse("evidence:import", args=[name]), data)

    def nso_files(self) -> dict[str, object]:
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory, True)
        workbook = nso_workbook(directory / "immigrants-2021.xlsx", NSO_ROWS).read_bytes()
        return {"uploads": SimpleUploadedFile("immigrants-2021.xlsx", workbook),
                "metadata_file": SimpleUploadedFile("mapping.yaml", NSO_MAPPING.encode())}

    def test_the_list_shows_the_importers_and_the_templates(self) -> None:
        response = self.client.get(reverse("evidence:imports"))
        self.assertContains(response, reverse("evidence:import", args=["generic"]))
        self.assertContains(response, reverse("evidence:import", args=["sdmx-csv"]))
        self.assertContains(response, reverse("evidence:import_template",
                                              args=["generic-template.xlsx"]))

    def test_a_user_who_may_not_add_observations_is_refused(self) -> None:
        self.client.force_login(self.colleague)
        for url in (reverse("evidence:imports"), reverse("evidence:import", args=["generic"])):
            self.assertEqual(self.client.get(url).status_code, 403)
        response = self.client.post(reverse("evidence:import", args=["generic"]),
                                    self.nso_files())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.post(reverse("evidence:import_all")).status_code, 403)
        self.assertFalse(Job.objects.exists())

    def test_an_upload_starts_an_import_job_that_imports_the_file(self) -> None:
        with self.captureOnCommitCallbacks(execute=False):
            response = self.upload("generic", self.nso_files())
        job = Job.objects.get()
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((job.name, job.user, job.kwargs["importer"]),
                         ("evidence.import", self.owner, "generic"))
        self.assertEqual(sorted(Path(p).name for p in job.kwargs["paths"]),
                         ["immigrants-2021.xlsx", "mapping.yaml"])
        jobs.execute(job)
        job.refresh_from_db()
        self.assertEqual((job.status, job.result["written"]), (Job.Status.COMPLETED, 8))
        self.assertEqual(Release.objects.get().imported_by, self.owner)

    def test_the_mapping_can_be_given_in_the_form(self) -> None:
        files = self.nso_files()
        del files["metadata_file"]
        fields = {"source_code": "md-nbs", "source_name": "NBS", "producer": "nso",
                  "kind": "register", "release_code": "md-nbs-2021", "release_title": "2021",
                  "vintage": "2021", "published": "2022-03-31", "sheet": "Table 3",
                  "header_row": "4", "fixed_indicator": "MIG_STOCK", "fixed_area": "MDA",
                  "origin": "Country of citizenship", "period": "Year", "sex": "Sex",
                  "value": "Persons", "unit_multiplier": "0"}
        with self.captureOnCommitCallbacks(execute=False):
            self.upload("generic", {**files, **fields})
        job = Job.objects.get()
        mapping = next(Path(p) for p in job.kwargs["paths"] if p.endswith("mapping.json"))
        self.assertEqual(json.loads(mapping.read_text())["fixed"]["indicator"], "MIG_STOCK")
        jobs.execute(job)
        job.refresh_from_db()
        self.assertEqual(job.result["written"], 8, job.error)

    def test_the_generic_importer_needs_a_mapping(self) -> None:
        files = self.nso_files()
        del files["metadata_file"]
        response = self.upload("generic", files)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "say where &#x27;indicator&#x27; comes from")
        self.assertFalse(Job.objects.exists())

    def test_a_broken_mapping_file_is_shown_before_anything_runs(self) -> None:
        files = self.nso_files()
        files["metadata_file"] = SimpleUploadedFile("mapping.yaml", b"source: [unclosed")
        response = self.upload("generic", files)
        self.assertContains(response, "Cannot read it")
        self.assertFalse(Job.objects.exists())

    def test_files_too_large_or_of_another_kind_are_refused(self) -> None:
        with mock.patch.object(import_forms, "MAX_UPLOAD_BYTES", 100):
            response = self.upload("generic", self.nso_files())
        self.assertContains(response, "immigrants-2021.xlsx is larger than 0 MB")
        response = self.upload("sdmx-csv", {"uploads": SimpleUploadedFile("data.xlsx", b"x")})
        self.assertContains(response, "data.xlsx: upload a file ending in .csv")
        response = self.upload("generic", {"uploads": SimpleUploadedFile("data.pdf", b"x")})
        self.assertContains(response, "data.pdf: upload a file ending in")
        self.assertFalse(Job.objects.exists())

    def test_shipped_files_and_import_all_run_as_jobs(self) -> None:
        with mock.patch.dict(registry._importers, {"test-shipped": ShippedTestImporter}), \
                self.captureOnCommitCallbacks(execute=False):
            page = self.client.get(reverse("evidence:import", args=["test-shipped"]))
            self.assertContains(page, "test/shipped.csv")
            self.upload("test-shipped", {"shipped": "1"})
            self.client.post(reverse("evidence:import_all"))
        shipped, everything = Job.objects.order_by("created")
        self.assertEqual((shipped.name, shipped.kwargs), ("evidence.import", {
            "importer": "test-shipped", "paths": None}))
        self.assertEqual(everything.name, "evidence.import_all")

    def test_an_unknown_importer_is_not_found(self) -> None:
        self.assertEqual(self.client.get(reverse("evidence:import", args=["nope"])).status_code,
                         404)

    def test_the_templates_download(self) -> None:
        response = self.client.get(reverse("evidence:import_template",
                                           args=["generic-template.csv"]))
        self.assertEqual(b"".join(response.streaming_content).decode().splitlines()[0],
                         ",".join(DIMENSIONS))
        self.assertIn("attachment", response["Content-Disposition"])
        missing = self.client.get(reverse("evidence:import_template", args=["settings.py"]))
        self.assertEqual(missing.status_code, 404)
