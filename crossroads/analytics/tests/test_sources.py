"""The pipelines over the crossings recorded in the database, read as the user may."""

from __future__ import annotations

from crossroads.analytics.flows import run_flows
from crossroads.analytics.sources import events_from_crossings, rules_from_db
from crossroads.borders.models import Crossing
from crossroads.borders.tests.test_stay_lists import ON, HandMadeTraffic
from crossroads.core.models import AuditEvent


class RecordedCrossingsTests(HandMadeTraffic):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.grant(cls.owner, Crossing, "view")

    def test_the_pipeline_finds_the_overstayers_the_border_screen_lists(self) -> None:
        result = run_flows(events_from_crossings(self.owner), rules_from_db(ON), as_of=ON)
        now = {self.names([row["person_id"]]).pop(): row["overstay_days_now"]
               for row in result.tables["overstayers"].to_pylist()
               if row["overstay_days_now"] > 0}
        self.assertEqual(now, {"overstayer": 62, "georgian": 2})
        unpaired = {(row["problem"], row["crossings"])
                    for row in result.tables["unpaired"].to_pylist()}
        self.assertEqual(unpaired, {("exit_without_entry", 1), ("entry_without_exit", 1)})

    def test_every_crossing_read_is_audited(self) -> None:
        events = events_from_crossings(self.owner)
        self.assertEqual(events.num_rows, Crossing.objects.count())
        exported = AuditEvent.objects.filter(user=self.owner, action=AuditEvent.Action.EXPORT)
        self.assertEqual(exported.count(), Crossing.objects.count())

    def test_a_user_without_access_to_crossings_reads_none(self) -> None:
        self.assertEqual(events_from_crossings(self.outsider).num_rows, 0)
        self.assertEqual(events_from_crossings(None).num_rows, 0)

    def test_the_rules_in_force_are_read_with_their_criteria(self) -> None:
        rules = {row["kind"]: row for row in rules_from_db(ON).to_pylist()}
        self.assertEqual((rules["rolling"]["days"], rules["rolling"]["window"]), (90, 180))
        self.assertEqual(rules["per_entry"]["nationality"], "GEO")
