"""SDMX: the structure and data messages parse with ``sdmx1``; SDMX-CSV round-trips."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import sdmx
from django.test import TestCase

from crossroads.evidence.exporters.common import Labels, values_from_observations
from crossroads.evidence.exporters.sdmx import (
    CSV_HEADER,
    DATAFLOW_REF,
    crossroads_age,
    sdmx_age,
    to_sdmx_csv,
    to_sdmx_data,
    to_sdmx_structure,
)
from crossroads.evidence.importers.base import ImportFailed
from crossroads.evidence.importers.sdmx_csv import SdmxCsvImporter
from crossroads.evidence.models import Observation, Release
from crossroads.evidence.tests.exchange_data import (
    SAMPLE_FIGURES,
    import_sample,
    load_reference_data,
)

#: The dimensions and measure of a figure, as the round trip compares them.
FIELDS = ("indicator__code", "area__code", "period", "sex", "age", "origin__code",
          "destination__code", "status")


def figures(release: str) -> set[tuple[object, ...]]:
    """The figures of a release: their keys, status and value in base units."""
    return {(*row[:-2], None if row[-2] is None else row[-2] * 10 ** row[-1])
            for row in Observation.objects.filter(release__code=release)
            .values_list(*FIELDS, "value", "unit_multiplier")}


class SdmxTests(TestCase):
    """The sample release exported once in each SDMX form; SDMX-CSV from elsewhere read."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_reference_data()
        cls.directory = Path(tempfile.mkdtemp())
        import_sample(cls.directory)
        cls.values = values_from_observations(Observation.objects.current())
        labels = Labels.for_values(cls.values)
        cls.structure = sdmx.read_sdmx(io.BytesIO(to_sdmx_structure(Labels.everything())))
        cls.data_xml = to_sdmx_data(cls.values, labels)
        cls.sdmx_csv = to_sdmx_csv(cls.values)

    @classmethod
    def tearDownClass(cls) -> None:
        shutil.rmtree(cls.directory, ignore_errors=True)
        super().tearDownClass()

    def test_the_structure_has_the_dataflow_dsd_and_codelists(self) -> None:
        flow = self.structure.dataflow["CROSSROADS_MIGRATION"]
        dsd = self.structure.structure["DSD_CROSSROADS_MIGRATION"]
        self.assertIs(flow.structure, dsd)
        self.assertEqual([d.id for d in dsd.dimensions],
                         ["INDICATOR", "REF_AREA", "SEX", "AGE", "ORIGIN", "DESTINATION",
                          "TIME_PERIOD"])
        self.assertEqual([a.id for a in dsd.attributes], ["OBS_STATUS", "UNIT_MULT",
                                                          "CONF_STATUS"])
        self.assertEqual(dsd.measures[0].id, "OBS_VALUE")

    def test_the_codelists_name_indicators_areas_sexes_ages_and_statuses(self) -> None:
        codelists = self.structure.codelist
        self.assertEqual(str(codelists["CL_INDICATOR"]["MIG_STOCK"].name),
                         "International migrant stock")
        self.assertEqual(str(codelists["CL_AREA"]["MDA"].name), "Moldova")
        self.assertIn("WORLD", codelists["CL_AREA"])
        self.assertEqual(sorted(code.id for code in codelists["CL_SEX"]), ["F", "M", "_T"])
        self.assertIn("Y_GE75", codelists["CL_AGE"])
        self.assertEqual(str(codelists["CL_OBS_STATUS"]["E"].name), "Estimated")

    def test_the_data_message_parses_with_every_figure(self) -> None:
        dsd = self.structure.structure["DSD_CROSSROADS_MIGRATION"]
        message = sdmx.read_sdmx(io.BytesIO(self.data_xml), structure=dsd)
        observations = message.data[0].obs
        self.assertEqual(len(observations), SAMPLE_FIGURES)
        by_key = {tuple(kv.value for kv in o.dimension.values.values()): o for o in observations}
        ukraine = by_key[("MIG_STOCK", "MDA", "_T", "_T", "UKR", "_T", "2019")]
        self.assertEqual(float(ukraine.value), 25512)
        population = by_key[("POP", "MDA", "_T", "_T", "_T", "_T", "2019")]
        self.assertEqual(float(population.value), 2657600)  # 2 657.6 thousand
        old = by_key[("MIG_STOCK", "SRB", "F", "Y_GE75", "_T", "_T", "2019")]
        self.assertEqual(float(old.value), 25001)
        romania = by_key[("MIG_STOCK", "MDA", "_T", "_T", "ROU", "_T", "2019")]
        self.assertEqual((romania.value, romania.attached_attribute["OBS_STATUS"].value),
                         (None, "M"))

    def test_the_sdmx_csv_has_the_dataflow_key_value_and_attributes(self) -> None:
        rows = list(csv.DictReader(io.StringIO(self.sdmx_csv)))
        self.assertEqual(tuple(rows[0]), CSV_HEADER)
        self.assertEqual(len(rows), SAMPLE_FIGURES)
        self.assertEqual({row["DATAFLOW"] for row in rows}, {DATAFLOW_REF})
        [russia] = [row for row in rows if row["ORIGIN"] == "RUS"]
        self.assertEqual((russia["OBS_VALUE"], russia["OBS_STATUS"], russia["UNIT_MULT"]),
                         ("21004", "E", "0"))
        [romania] = [row for row in rows if row["ORIGIN"] == "ROU"]
        self.assertEqual((romania["OBS_VALUE"], romania["OBS_STATUS"]), ("NaN", "M"))

    def test_the_sdmx_csv_reimports_to_the_same_figures(self) -> None:
        exported = self.directory / "export.csv"
        exported.write_text(self.sdmx_csv, encoding="utf-8")
        report = SdmxCsvImporter().run([exported])
        self.assertEqual(report.written, SAMPLE_FIGURES)
        self.assertEqual(figures(report.release), figures("test-nso-2020"))
        release = Release.objects.get(code=report.release)
        self.assertEqual(release.source.code, "sdmx-crossroads-crossroads_migration")
        self.assertTrue(SdmxCsvImporter().run([exported]).unchanged)

    def test_a_metadata_file_names_the_release(self) -> None:
        exported = self.directory / "named.csv"
        exported.write_text(self.sdmx_csv, encoding="utf-8")
        metadata = self.directory / "named.json"
        metadata.write_text(json.dumps({"release": {
            "code": "exchange-2021", "title": "Exchanged figures", "vintage": "2021",
            "published": "2021-12-31"}}), encoding="utf-8")
        report = SdmxCsvImporter().run([exported, metadata])
        self.assertEqual(report.release, "exchange-2021")
        self.assertEqual(Release.objects.get(code="exchange-2021").files.count(), 2)

    # SDMX-CSV written by others: labels, version 2.0, reporting periods, bad rows.

    def write(self, text: str) -> Path:
        directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, directory, True)
        path = directory / "data.csv"
        path.write_text(text, encoding="utf-8")
        return path

    def test_codes_with_labels_and_reporting_periods_are_read(self) -> None:
        path = self.write(
            "DATAFLOW,INDICATOR: Indicator,REF_AREA: Reference area,TIME_PERIOD: Time,"
            "OBS_VALUE: Value,UNIT_MULT: Unit multiplier\n"
            "ESTAT:MIGR(1.0),POP: Population,ALB: Albania,2020-A1,2837.8,3\n"
            "ESTAT:MIGR(1.0),POP: Population,ALB: Albania,2021-M06,2811.7,3\n")
        report = SdmxCsvImporter().run([path])
        by_period = {o.period: o.scaled_value
                     for o in Observation.objects.filter(release__code=report.release)}
        self.assertEqual(by_period, {"2020": 2837800, "2021-06": 2811700})
        self.assertEqual(Release.objects.get(code=report.release).source.producer, "other")

    def test_sdmx_csv_2_is_read(self) -> None:
        path = self.write("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,SEX,TIME_PERIOD,"
                          "OBS_VALUE\ndataflow,CROSSROADS:CROSSROADS_MIGRATION(1.0),I,"
                          "MIG_STOCK,GEO,F,2020,41200\n")
        report = SdmxCsvImporter().run([path])
        georgia = Observation.objects.get(release__code=report.release)
        self.assertEqual((georgia.area.code, georgia.sex, georgia.value), ("GEO", "F", 41200))

    def test_bad_rows_are_listed_with_their_lines_and_nothing_is_written(self) -> None:
        path = self.write(f"{','.join(CSV_HEADER)}\n"
                          f"{DATAFLOW_REF},MIG_STOCK,MDA,X,_T,_T,_T,2019,1,A,0,F\n"
                          f"{DATAFLOW_REF},MIG_STOCK,MDA,_T,_T,_T,_T,2019,lots,A,0,F\n"
                          f"{DATAFLOW_REF},MIG_STOCK,MDA,F,_T,_T,_T,2019,1,Q,0,F\n"
                          f"{DATAFLOW_REF},MIG_STOCK,NOWHERE,_T,_T,_T,_T,2019,1,A,0,F\n")
        before = Observation.objects.count()
        with self.assertRaises(ImportFailed) as failure:
            SdmxCsvImporter().run([path])
        text = str(failure.exception)
        self.assertIn("data.csv:2: SEX 'X' is not one of _T, F, M", text)
        self.assertIn("data.csv:3: OBS_VALUE: 'lots' is not a number", text)
        self.assertIn("data.csv:4: OBS_STATUS 'Q' is not one of", text)
        self.assertIn("no area for 'NOWHERE'", text)
        self.assertEqual(Observation.objects.count(), before)

    def test_a_file_that_is_not_sdmx_csv_is_refused(self) -> None:
        path = self.write("country,year,value\nMDA,2019,1\n")
        with self.assertRaisesMessage(ImportFailed, "this is not SDMX-CSV"):
            SdmxCsvImporter().run([path])

    def test_age_groups_are_sdmx_codes_both_ways(self) -> None:
        for ours, theirs in (("_T", "_T"), ("0-4", "Y0T4"), ("75+", "Y_GE75")):
            self.assertEqual((sdmx_age(ours), crossroads_age(theirs)), (theirs, ours))
