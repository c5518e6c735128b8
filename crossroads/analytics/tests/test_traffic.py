"""The synthetic traffic: reproducible, along the corridors, and its overstayers found."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.test import SimpleTestCase

from crossroads.analytics.flows import run_flows, total
from crossroads.analytics.traffic import (
    CORRIDORS,
    POINTS,
    TrafficSpec,
    default_rules,
    generate,
    write_parquet,
)

SPEC = TrafficSpec(events=30_000, seed=7)


def everything(spec: TrafficSpec) -> tuple[pa.Table, pa.Table]:
    chunks = list(generate(spec))
    return (pa.concat_tables(c.events for c in chunks),
            pa.concat_tables(c.travellers for c in chunks))


class TrafficTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.events, cls.travellers = everything(SPEC)

    def test_the_same_seed_gives_the_same_events_and_another_seed_others(self) -> None:
        again, _travellers = everything(SPEC)
        self.assertTrue(again.equals(self.events))
        other, _travellers = everything(TrafficSpec(events=30_000, seed=8))
        self.assertFalse(other.equals(self.events))

    def test_about_the_number_of_events_asked_for(self) -> None:
        self.assertGreaterEqual(self.events.num_rows, SPEC.events)
        self.assertLess(self.events.num_rows, SPEC.events * 1.2)

    def test_travellers_keep_to_their_corridors_and_cross_at_their_destinations_points(
            self) -> None:
        routes = {(n, d) for c in CORRIDORS for n, _w in c.nationalities for d in c.destinations}
        pairs = set(zip(self.events.column("nationality").to_pylist(),
                        self.events.column("country").to_pylist(), strict=True))
        self.assertLessEqual(pairs, routes)
        self.assertTrue(all(n != d for n, d in pairs))
        for point, country in set(zip(self.events.column("point").to_pylist(),
                                      self.events.column("country").to_pylist(), strict=True)):
            self.assertIn(point, POINTS[country])

    def test_every_event_is_in_the_period_and_ids_are_unique(self) -> None:
        days = pc.cast(self.events.column("crossed_at"), pa.date32())
        self.assertGreaterEqual(pc.min(days).as_py(), SPEC.start)
        self.assertLessEqual(pc.max(days).as_py(), SPEC.end)
        ids = self.events.column("event_id")
        self.assertEqual(pc.count_distinct(ids).as_py(), self.events.num_rows)

    def test_labour_migrants_arrive_in_spring_and_renew_their_permits(self) -> None:
        work = self.events.filter(pc.and_(pc.equal(self.events.column("permit_kind"), "work"),
                                          pc.equal(self.events.column("movement"), "entry")))
        months = pc.month(work.column("crossed_at")).to_pylist()
        self.assertTrue(set(months) <= {3, 4, 5, 6})
        permits: dict[int, set[date]] = {}
        for person, until in zip(work.column("person_id").to_pylist(),
                                 work.column("permit_valid_until").to_pylist(), strict=True):
            permits.setdefault(person, set()).add(until)
        returning = [p for p in permits.values() if len(p) > 1]
        self.assertTrue(returning, "some labour migrants come back on a renewed permit")

    def test_some_travellers_come_back_and_some_exits_have_no_entry(self) -> None:
        entries = self.events.filter(pc.equal(self.events.column("movement"), "entry"))
        per_person = entries.group_by("person_id").aggregate([("event_id", "count")])
        self.assertGreater(pc.max(per_person.column("event_id_count")).as_py(), 2)
        result = run_flows(self.events, default_rules())
        self.assertGreater(total(result.tables["unpaired"], "crossings",
                                 problem="exit_without_entry"), 0)

    def test_the_pipeline_finds_exactly_the_overstayers(self) -> None:
        result = run_flows(self.events, default_rules())
        found = set(result.tables["overstayers"].column("person_id").to_pylist())
        truth = self.travellers.filter(self.travellers.column("overstayer"))
        expected = set(truth.column("person_id").to_pylist())
        self.assertEqual(found, expected)
        share = len(expected) / self.travellers.num_rows
        self.assertAlmostEqual(share, SPEC.overstayer_share, delta=0.01)

    def test_it_writes_parquet_with_the_ground_truth_beside_it(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path, truth, count = write_parquet(TrafficSpec(events=2000, seed=1),
                                               Path(folder) / "traffic.parquet")
            self.assertEqual(pq.read_metadata(path).num_rows, count)
            self.assertIn("overstayer", pq.read_schema(truth).names)

    def test_it_refuses_impossible_sizes_and_periods(self) -> None:
        with self.assertRaises(ValueError):
            list(generate(TrafficSpec(events=0)))
        with self.assertRaises(ValueError):
            list(generate(TrafficSpec(events=10, start=date(2024, 1, 1),
                                      end=date(2024, 6, 1))))
