"""Input the pipelines cannot read is refused with the table and column named."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pyarrow as pa
from django.core.management import CommandError, call_command
from django.test import SimpleTestCase, TestCase

from crossroads.analytics.backends import backend, checked_name
from crossroads.analytics.flows import run_flows
from crossroads.analytics.schema import InputError
from crossroads.analytics.tests.events import ROLLING_90_180, crossings, rules


class BadInputTests(SimpleTestCase):
    def test_a_missing_column_is_named(self) -> None:
        events = crossings("1 RUS entry 2024-01-01").drop_columns(["country"])
        with self.assertRaisesMessage(InputError, "no column country"):
            run_flows(events)

    def test_a_column_of_the_wrong_kind_is_named(self) -> None:
        events = crossings("1 RUS entry 2024-01-01")
        events = events.set_column(events.schema.get_field_index("birth_year"), "birth_year",
                                   pa.array(["nineteen ninety"]))
        with self.assertRaisesMessage(InputError, "Column birth_year of the events table"):
            run_flows(events)

    def test_a_rolling_rule_shorter_than_its_days_is_refused(self) -> None:
        bad = (7, "RUS", None, None, "rolling", 90, 30)
        with self.assertRaisesMessage(InputError, "Stay rule 7 (RUS)"):
            run_flows(crossings("1 RUS entry 2024-01-01"), rules(ROLLING_90_180, bad))

    def test_an_unknown_kind_of_rule_is_refused(self) -> None:
        with self.assertRaisesMessage(InputError, "unknown kind of rule"):
            run_flows(crossings("1 RUS entry 2024-01-01"),
                      rules((1, "RUS", None, None, "forever", None, None)))

    def test_a_file_that_is_not_parquet_is_refused(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.parquet"
            path.write_text("event_id,person_id\n1,2\n")
            with self.assertRaisesMessage(InputError, "is not a Parquet file"):
                run_flows(path)

    def test_no_events_give_empty_results_not_a_crash(self) -> None:
        result = run_flows(crossings("1 RUS entry 2024-01-01").slice(0, 0))
        self.assertEqual(result.events, 0)
        self.assertEqual(result.tables["flows"].num_rows, 0)

    def test_unknown_engines_and_table_names_are_refused(self) -> None:
        with self.assertRaisesMessage(ValueError, "unknown engine 'excel'"):
            backend("excel")
        with self.assertRaises(ValueError):
            checked_name("events; DROP TABLE x")


class CommandTests(TestCase):
    def test_the_command_reports_a_missing_file_clearly(self) -> None:
        with self.assertRaisesMessage(CommandError, "No events file at"):
            call_command("analytics", "flows", "--events", "/nonexistent/x.parquet",
                         "--no-publish", stdout=StringIO())

    def test_the_commands_generate_traffic_and_run_the_pipelines(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "traffic.parquet"
            out = StringIO()
            call_command("traffic", "generate", "--events", "3000", "--seed", "4", "--out",
                         str(path), stdout=out)
            self.assertIn("events in", out.getvalue())
            out = StringIO()
            call_command("analytics", "flows", "--events", str(path), "--rules", "synthetic",
                         "--no-publish", stdout=out)
        self.assertIn("overstayers:", out.getvalue())

    def test_with_no_crossings_recorded_it_reports_zeros_and_publishes_nothing(self) -> None:
        from crossroads.evidence.models import Release

        out = StringIO()
        call_command("analytics", "flows", stdout=out)
        self.assertIn("events: 0", out.getvalue())
        self.assertFalse(Release.objects.exists())

    def test_a_bad_as_of_date_is_refused(self) -> None:
        with self.assertRaisesMessage(CommandError, "not a date"):
            call_command("analytics", "flows", "--events", "x.parquet", "--as-of",
                         "2024-02-30", "--no-publish", stdout=StringIO())

    def test_traffic_refuses_a_bad_period(self) -> None:
        with self.assertRaisesMessage(CommandError, "period"):
            call_command("traffic", "generate", "--events", "10", "--out", "x.parquet",
                         "--start", "2024-01-01", "--end", "2024-02-01", stdout=StringIO())
