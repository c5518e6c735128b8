"""HXL-tagged CSV: the export parses with ``libhxl``, with the tags and values expected."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import hxl
from django.test import TestCase

from crossroads.evidence.exporters.common import Labels, values_from_observations
from crossroads.evidence.exporters.hxl import COLUMNS, to_hxl
from crossroads.evidence.models import Observation
from crossroads.evidence.tests.exchange_data import (
    SAMPLE_FIGURES,
    import_sample,
    load_reference_data,
)


class HxlExportTests(TestCase):
    """The sample release exported as HXL once, read back with libhxl."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_reference_data()
        directory = Path(tempfile.mkdtemp())
        try:
            import_sample(directory)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        values = values_from_observations(Observation.objects.current())
        cls.text = to_hxl(values, Labels.for_values(values))

    def setUp(self) -> None:
        self.source = hxl.data(io.BytesIO(self.text.encode("utf-8")))
        self.rows = list(self.source)

    def row(self, **wanted: str) -> hxl.model.Row:
        """The one row whose tagged cells have the wanted values (tag: value)."""
        found = [row for row in self.rows
                 if all(row.get(f"#{tag.replace('_', '+')}") == value
                        for tag, value in wanted.items())]
        self.assertEqual(len(found), 1, wanted)
        return found[0]

    def test_the_hashtag_row_is_recognised(self) -> None:
        self.assertEqual(self.source.display_tags, [tag for _, tag in COLUMNS])
        self.assertEqual([column.header for column in self.source.columns][:3],
                         ["Indicator code", "Indicator", "Unit"])

    def test_every_figure_is_a_row(self) -> None:
        self.assertEqual(len(self.rows), SAMPLE_FIGURES)

    def test_values_areas_and_breakdowns_are_under_their_tags(self) -> None:
        ukraine = self.row(country_code_origin="UKR")
        self.assertEqual(ukraine.get("#indicator+value+num"), "25512")
        self.assertEqual(ukraine.get("#country+code"), "MDA")
        self.assertEqual(ukraine.get("#country+name"), "Moldova")
        self.assertEqual(ukraine.get("#country+name+origin"), "Ukraine")
        self.assertEqual(ukraine.get("#date"), "2019")
        self.assertEqual(ukraine.get("#meta+source"), "Test migration statistics 2020")
        old_women = self.row(country_code="SRB", meta_sex="F")
        self.assertEqual((old_women.get("#meta+age"), old_women.get("#indicator+num")),
                         ("75+", "25001"))

    def test_a_value_in_thousands_is_written_in_persons(self) -> None:
        population = self.row(indicator_code="POP")
        self.assertEqual(population.get("#indicator+value+num"), "2657600")
        self.assertEqual(population.get("#meta+unit"), "persons")

    def test_a_missing_value_is_empty_with_its_status(self) -> None:
        romania = self.row(country_code_origin="ROU")
        self.assertEqual((romania.get("#indicator+num"), romania.get("#meta+status")),
                         (None, "M"))  # libhxl reads an empty cell as None

    def test_hxl_filters_work_on_the_export(self) -> None:
        fresh = hxl.data(io.BytesIO(self.text.encode("utf-8")))
        by_origin = fresh.with_rows("#indicator+code=MIG_STOCK").with_rows(
            "#country+code+origin~.").count(
            "#country+code", "sum(#indicator+value+num) as Total#indicator+value+total")
        sums = {row.get("#country+code"): row.get("#indicator+value+total") for row in by_origin}
        # Moldova 2019: Ukraine 25 512 and the Russian Federation 21 004; Romania is missing
        self.assertEqual(sums, {"MDA": 25512 + 21004})
