"""The IDMC importer, checked against cells read by hand from the shipped workbook.

Rows are those of the sheets as Excel numbers them (row 1 is the heading).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.test import TestCase

from crossroads.evidence.choices import AreaKind, KosovoConvention
from crossroads.evidence.definitions import load_definitions
from crossroads.evidence.importers import idmc
from crossroads.evidence.importers.base import RAW_DIR, ImportFailed
from crossroads.evidence.models import Area, Observation, Release
from crossroads.reference.loaders.countries import load_countries

WORKBOOK = RAW_DIR / idmc.FILE
RELEASE = "idmc-gidd-2023"


def observation(indicator: str, area: str, year: str, sex: str = "_T",
                age: str = "_T") -> Observation:
    return Observation.objects.get(indicator__code=indicator, area__code=area, period=year,
                                   sex=sex, age=age)


def value(indicator: str, area: str, year: str, sex: str = "_T", age: str = "_T") -> float | None:
    return observation(indicator, area, year, sex, age).value


class IdmcDisplacementTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        cls.report = idmc.IdmcDisplacement().run()

    def test_it_reads_the_raw_conflict_stock_of_ukraine_and_azerbaijan(self) -> None:
        # 1_Displacement_data row 141: UKR 2022, conflict stock 5914000 rounded, 5913638 raw
        assert value("IDP_CONFLICT_STOCK", "UKR", "2022") == 5913638
        # row 141: conflict internal displacements 16870000 rounded, 16870323 raw
        assert value("IDP_CONFLICT_NEW", "UKR", "2022") == 16870323
        # row 10: AZE 2022, conflict stock 659000 rounded, 658742 raw
        assert value("IDP_CONFLICT_STOCK", "AZE", "2022") == 658742
        # row 1277: UKR 2014, conflict stock 646500 raw
        assert value("IDP_CONFLICT_STOCK", "UKR", "2014") == 646500

    def test_an_empty_cell_is_no_figure_and_a_raw_zero_is_zero(self) -> None:
        # row 10: AZE 2022, conflict new displacements: rounded empty, raw 0; disaster stock empty
        assert value("IDP_CONFLICT_NEW", "AZE", "2022") == 0
        assert not Observation.objects.filter(indicator__code="IDP_DISASTER_STOCK",
                                              area__code="AZE", period="2022").exists()

    def test_kosovo_is_reported_apart_from_serbia(self) -> None:
        # row 150: XKX Kosovo 2022, conflict stock 15646 raw; row 122: SRB 2022, 194662 raw
        assert value("IDP_CONFLICT_STOCK", "XKX", "2022") == 15646
        assert value("IDP_CONFLICT_STOCK", "SRB", "2022") == 194662
        source = Release.objects.get(code=RELEASE).source
        assert source.kosovo_convention == KosovoConvention.SEPARATE

    def test_it_reads_the_stock_by_sex_and_age_as_estimates(self) -> None:
        # 2_IDPs_SADD_estimates row 207: UKR 2022 Female Conflict, 65+ = 775639
        women = observation("IDP_CONFLICT_STOCK", "UKR", "2022", sex="F", age="65+")
        assert (women.value, women.status) == (775639, "E")
        # row 34: AZE 2022 Both sexes Conflict, 0-17 = 182125
        assert value("IDP_CONFLICT_STOCK", "AZE", "2022", sex="_T", age="0-17") == 182125
        # row 33: AZE 2022 Male Conflict, 0-4 = 22204
        assert value("IDP_CONFLICT_STOCK", "AZE", "2022", sex="M", age="0-4") == 22204

    def test_the_broad_age_groups_add_up_to_the_stock(self) -> None:
        # row 205: UKR 2022 Both sexes Conflict: 0-24 1344458, 25-64 3417821, 65+ 1151359
        parts = Observation.objects.filter(indicator__code="IDP_CONFLICT_STOCK", area__code="UKR",
                                           period="2022", sex="_T",
                                           age__in=["0-24", "25-64", "65+"])
        total = sum(part or 0 for part in parts.values_list("value", flat=True))
        assert total == value("IDP_CONFLICT_STOCK", "UKR", "2022") == 5913638

    def test_idmcs_code_for_abyei_is_an_area_of_its_own(self) -> None:
        # row 2: AB9 Abyei Area 2022, conflict stock 55705 raw
        assert value("IDP_CONFLICT_STOCK", "IDMC-AB9", "2022") == 55705
        assert Area.objects.get(code="IDMC-AB9").kind == AreaKind.OTHER

    def test_the_source_states_its_licence_and_the_release_its_date(self) -> None:
        release = Release.objects.get(code=RELEASE)
        assert "CC BY-NC 4.0" in release.source.access_conditions
        assert release.published == date(2023, 5, 11)
        assert self.report.written == Observation.objects.count() == 15444

    def test_every_row_maps_to_an_area_and_every_year_is_there(self) -> None:
        assert self.report.unmapped == {} and self.report.problems == []
        years = set(Observation.objects.values_list("period", flat=True))
        assert years == {str(year) for year in range(2008, 2023)}

    def test_reimporting_the_same_file_changes_nothing(self) -> None:
        before = list(Observation.objects.values_list("pk", "value"))
        report = idmc.IdmcDisplacement().run()
        assert report.unchanged and report.written == 0
        assert list(Observation.objects.values_list("pk", "value")) == before


class CorruptedWorkbookTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_countries()
        load_definitions()
        folder = tempfile.TemporaryDirectory()
        cls.addClassCleanup(folder.cleanup)
        workbook = openpyxl.load_workbook(WORKBOOK)
        workbook["1_Displacement_data"]["E141"] = "about 6 million"  # UKR 2022, raw stock
        workbook["1_Displacement_data"]["A150"] = "XKV"  # Kosovo under a code nobody uses
        workbook["2_IDPs_SADD_estimates"]["D207"] = "Women"  # UKR 2022, sex
        cls.path = Path(folder.name) / WORKBOOK.name
        workbook.save(cls.path)

    def test_it_writes_nothing_and_reports_each_bad_cell_with_its_sheet_and_row(self) -> None:
        with pytest.raises(ImportFailed) as failure:
            idmc.IdmcDisplacement().run([self.path])
        text = str(failure.value)
        name = WORKBOOK.name
        assert (f"{name} [1_Displacement_data]:141: Conflict Stock Displacement (Raw): "
                "'about 6 million' is not a number") in text
        assert f"{name} [2_IDPs_SADD_estimates]:207: unknown sex 'Women'" in text
        assert "no area for 'XKV'" in text
        assert not Observation.objects.exists() and not Release.objects.exists()
