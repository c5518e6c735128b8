"""Publishing border flows into the evidence base: provenance and disclosure control."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from crossroads.analytics.flows import run_flows
from crossroads.analytics.publish import publish_flows
from crossroads.analytics.tests.events import ROLLING_90_180, crossings, rules
from crossroads.core.jobs import run_inline
from crossroads.evidence.models import Observation, Release
from crossroads.evidence.models.observations import MICRODATA
from crossroads.evidence.services.query import series
from crossroads.evidence.tests.figures import EvidenceTestCase


def january_entries() -> pa.Table:
    """Entries into Russia in January 2024: 15 Uzbek men, 3 Uzbek women, 6 Tajik men and
    one stateless traveller (ICAO code XXA, no area of the evidence base)."""
    parts = [crossings(*[f"{p} RUS entry 2024-01-{p % 28 + 1:02d}" for p in range(1, 16)]),
             crossings(*[f"{p} RUS entry 2024-01-10" for p in range(16, 19)], sex="F"),
             crossings(*[f"{p} RUS entry 2024-01-11" for p in range(19, 25)], nationality="TJK"),
             crossings("25 RUS entry 2024-01-12", nationality="XXA"),
             crossings("1 RUS exit 2024-02-02")]
    offset = 0
    numbered = []
    for part in parts:
        ids = pa.array(range(offset + 1, offset + part.num_rows + 1), pa.int64())
        numbered.append(part.set_column(0, "event_id", ids))
        offset += part.num_rows
    return pa.concat_tables(numbered)


class PublishTests(EvidenceTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.result = run_flows(january_entries(), rules(ROLLING_90_180), as_of=date(2024, 2, 29))
        cls.report = publish_flows(cls.result)
        cls.grant(cls.owner, Observation, "view")
        cls.grant(cls.colleague, Observation, ["view", MICRODATA])

    def by_sex(self, user: object, origin: str | None = None) -> dict[str, float | None]:
        values = series(user, "BORDER_ENTRIES", areas=["RUS"], sex=None, origin=origin)
        return {v.sex: v.value for v in values if v.period == "2024-01"}

    def test_monthly_entries_by_sex_and_nationality_are_written(self) -> None:
        self.assertEqual(self.by_sex(self.colleague), {"_T": 25.0, "F": 3.0, "M": 22.0})
        self.assertEqual(self.by_sex(self.colleague, "TJK"), {"_T": 6.0, "M": 6.0})
        exits = series(self.colleague, "BORDER_EXITS", areas=["RUS"])
        self.assertEqual([(v.period, v.value) for v in exits], [("2024-02", 1.0)])

    def test_a_nationality_without_an_area_counts_in_the_totals_only(self) -> None:
        origins = set(Observation.objects.filter(indicator__code="BORDER_ENTRIES")
                      .values_list("origin__code", flat=True))
        self.assertEqual(origins, {None, "UZB", "TJK"})

    def test_small_cells_are_suppressed_for_users_without_access_to_the_crossings(
            self) -> None:
        shown = self.by_sex(self.owner)
        self.assertEqual(shown["_T"], 25.0)
        self.assertIsNone(shown["F"])  # 3 < 5
        self.assertIsNone(shown["M"])  # else 25 - 22 would give the women away

    def test_the_release_names_the_run_engine_and_input(self) -> None:
        release = Release.objects.get(code=self.report.release)
        self.assertEqual(release.source.code, "crossroads-border-flows")
        self.assertIn("duckdb", release.notes)
        self.assertIn(self.result.checksum, release.notes)
        self.assertIn("2024-01-02 to 2024-02-02", release.notes)
        self.assertEqual(release.files.get().sha256, self.result.checksum)
        self.assertEqual(release.importer, "analytics.border_flows")

    def test_publishing_the_same_input_again_changes_nothing(self) -> None:
        count = Observation.objects.count()
        again = publish_flows(run_flows(january_entries(), rules(ROLLING_90_180),
                                        as_of=date(2024, 2, 29)))
        self.assertTrue(again.unchanged)
        self.assertEqual(Observation.objects.count(), count)

    def test_the_job_runs_the_pipelines_over_a_parquet_file(self) -> None:
        import tempfile
        from pathlib import Path

        import pyarrow.parquet as pq

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "january.parquet"
            pq.write_table(january_entries(), path)
            job = run_inline("analytics.border_flows", None, events=str(path),
                             rules="synthetic", publish=False)
        self.assertEqual(job.status, job.Status.COMPLETED, job.error)
        assert job.result is not None
        self.assertEqual((job.result["entries"], job.result["exits"]), (25, 1))
