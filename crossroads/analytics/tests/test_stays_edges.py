"""The pipelines on small hand-made event sets: hand-computed numbers, and the same
numbers as the border screen's arithmetic (``borders.stays.assess``)."""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.analytics.flows import FlowResult, run_flows, total
from crossroads.analytics.tests.events import (
    ROLLING_90_180,
    crossings,
    pipeline_assessments,
    reference_assessments,
    rules,
)
from crossroads.borders import stays

ROLLING = stays.Rule(stays.RuleKind.ROLLING, days=90, window=180)
AS_OF = date(2024, 12, 31)


def run(events: pa.Table, *rule_rows: tuple[object, ...], as_of: date = AS_OF) -> FlowResult:
    return run_flows(events, rules(*(rule_rows or (ROLLING_90_180,))), as_of=as_of,
                     assessments=True)


def assessed(result: FlowResult) -> dict[tuple[int, str, date], tuple[object, int]]:
    return pipeline_assessments(result.tables["assessments"])


class StayEdgeTests(SimpleTestCase):
    def test_a_stay_over_the_leap_day_counts_it(self) -> None:
        events = crossings("1 RUS entry 2024-02-28", "1 RUS exit 2024-03-01")
        self.assertEqual(assessed(run(events)), {(1, "RUS", date(2024, 2, 28)): (3, 0)})

    def test_ninety_days_from_new_year_of_a_leap_year_end_on_the_thirtieth_of_march(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-03-30")
        self.assertEqual(assessed(run(events)), {(1, "RUS", date(2024, 1, 1)): (90, 0)})
        longer = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-03-31")
        self.assertEqual(assessed(run(longer)), {(1, "RUS", date(2024, 1, 1)): (91, 1)})

    def test_only_the_part_of_an_earlier_stay_inside_the_window_counts(self) -> None:
        # Window ending 15 July 2024: 18 January to 15 July. The first stay (75 days)
        # has 58 days in it (18 Jan to 15 Mar), the second 45: 103 days, 13 too many.
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-03-15",
                           "1 RUS entry 2024-06-01", "1 RUS exit 2024-07-15")
        self.assertEqual(assessed(run(events)), {(1, "RUS", date(2024, 1, 1)): (75, 0),
                                                 (1, "RUS", date(2024, 6, 1)): (103, 13)})

    def test_a_same_day_entry_and_exit_is_one_day(self) -> None:
        events = crossings("1 RUS entry 2024-05-05 08:00", "1 RUS exit 2024-05-05 20:00")
        result = run(events)
        self.assertEqual(assessed(result), {(1, "RUS", date(2024, 5, 5)): (1, 0)})
        self.assertEqual(total(result.tables["stay_lengths"], "stays", length_bin="D1"), 1)

    def test_an_exit_without_entry_is_reported_and_not_counted(self) -> None:
        events = crossings("1 RUS exit 2024-02-01", "1 RUS entry 2024-03-01",
                           "1 RUS exit 2024-03-10")
        result = run(events)
        self.assertEqual(assessed(result), {(1, "RUS", date(2024, 3, 1)): (10, 0)})
        self.assertEqual(total(result.tables["unpaired"], "crossings",
                               problem="exit_without_entry"), 1)

    def test_an_entry_without_exit_is_an_open_stay_counted_to_the_as_of_date(self) -> None:
        events = crossings("2 RUS entry 2024-03-01")
        result = run(events, as_of=date(2024, 6, 30))
        # 1 March to 30 June: 31 + 30 + 31 + 30 = 122 days; 32 over the 90.
        self.assertEqual(assessed(result), {(2, "RUS", date(2024, 3, 1)): (122, 32)})
        [row] = result.tables["overstayers"].to_pylist()
        self.assertEqual((row["person_id"], row["overstay_days_now"]), (2, 32))
        self.assertEqual(total(result.tables["stay_lengths"], "stays", is_open=True), 1)

    def test_an_entry_followed_by_another_entry_counts_one_day(self) -> None:
        events = crossings("1 RUS entry 2024-01-10", "1 RUS entry 2024-02-01",
                           "1 RUS exit 2024-02-05")
        result = run(events)
        self.assertEqual(assessed(result), {(1, "RUS", date(2024, 1, 10)): (1, 0),
                                            (1, "RUS", date(2024, 2, 1)): (6, 0)})
        self.assertEqual(total(result.tables["unpaired"], "crossings",
                               problem="entry_without_exit"), 1)

    def test_leaving_and_coming_back_the_same_day_is_one_stay(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-02-01 09:00",
                           "1 RUS entry 2024-02-01 18:00", "1 RUS exit 2024-02-10")
        self.assertEqual(assessed(run(events)), {(1, "RUS", date(2024, 1, 1)): (41, 0)})

    def test_crossings_are_taken_in_time_order_whatever_their_ids(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-02-01 09:00",
                           "1 RUS entry 2024-02-01 18:00", "1 RUS entry 2024-02-01 19:00",
                           "1 RUS exit 2024-02-10")
        reversed_ids = events.set_column(0, "event_id", pa.array([5, 4, 3, 2, 1], pa.int64()))
        self.assertEqual(assessed(run(reversed_ids)), {(1, "RUS", date(2024, 1, 1)): (41, 0)})
        self.assertEqual(assessed(run(reversed_ids)),
                         reference_assessments(reversed_ids, ROLLING, AS_OF))

    def test_two_countries_interleaved_are_counted_apart(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-02-29",
                           "1 KAZ entry 2024-02-29", "1 KAZ exit 2024-04-30",
                           "1 RUS entry 2024-05-01", "1 RUS exit 2024-06-09")
        result = run(events, ROLLING_90_180, (2, "KAZ", None, None, "rolling", 90, 180))
        self.assertEqual(assessed(result), {(1, "RUS", date(2024, 1, 1)): (60, 0),
                                            (1, "KAZ", date(2024, 2, 29)): (62, 0),
                                            (1, "RUS", date(2024, 5, 1)): (100, 10)})

    def test_the_edges_agree_with_the_border_screens_arithmetic(self) -> None:
        events = crossings(
            "1 RUS entry 2024-01-01", "1 RUS exit 2024-03-15", "1 RUS entry 2024-06-01",
            "1 RUS exit 2024-07-15", "2 RUS entry 2024-03-01", "3 RUS entry 2024-05-05 08:00",
            "3 RUS exit 2024-05-05 20:00", "4 RUS exit 2024-02-01", "4 RUS entry 2024-02-28",
            "4 RUS entry 2024-03-02", "4 RUS exit 2024-05-30", "5 RUS entry 2023-12-30",
            "5 RUS exit 2024-01-02 09:00", "5 RUS entry 2024-01-02 10:00",
            "5 RUS exit 2024-03-31")
        as_of = date(2024, 6, 30)
        self.assertEqual(assessed(run(events, as_of=as_of)),
                         reference_assessments(events, ROLLING, as_of))


class RuleChoiceTests(SimpleTestCase):
    def test_the_most_specific_rule_applies(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-01-31",
                           "2 RUS entry 2024-01-01", "2 RUS exit 2024-01-31", permit="work",
                           valid_until=date(2024, 1, 20))
        others = crossings("3 RUS entry 2024-01-01", "3 RUS exit 2024-01-31",
                           nationality="BLR")
        table = pa.concat_tables([events, others.set_column(
            0, "event_id", pa.array([11, 12], pa.int64()))])
        result = run(table, ROLLING_90_180, (2, "RUS", None, "work", "validity", None, None),
                     (3, "RUS", "UZB", "work", "per_entry", 10, None),
                     (4, "RUS", "BLR", None, "unlimited", None, None))
        rows = {r["person_id"]: r for r in result.tables["assessments"].to_pylist()}
        self.assertEqual((rows[1]["kind"], rows[1]["overstay_days"]), ("per_entry", 21))
        self.assertEqual((rows[3]["kind"], rows[3]["overstay_days"]), ("unlimited", 0))

    def test_a_stay_past_the_permit_is_an_overstay_of_the_days_after_it(self) -> None:
        events = crossings("1 RUS entry 2024-01-01", "1 RUS exit 2024-01-31", permit="work",
                           valid_until=date(2024, 1, 20))
        result = run(events, (2, "RUS", None, "work", "validity", None, None))
        [row] = result.tables["assessments"].to_pylist()
        rule = stays.Rule(stays.RuleKind.VALIDITY, valid_until=date(2024, 1, 20))
        reference = stays.assess([stays.Stay(date(2024, 1, 1), date(2024, 1, 31))], rule,
                                 date(2024, 1, 31))
        self.assertEqual(row["overstay_days"], 11)
        self.assertEqual(row["overstay_days"], reference.overstay_days)

    def test_a_stay_no_rule_covers_is_counted_as_not_assessed(self) -> None:
        events = crossings("1 ROU entry 2024-01-01", "1 ROU exit 2024-01-31")
        result = run(events)
        self.assertEqual(total(result.tables["overstays"], "not_assessed"), 1)
        self.assertEqual(result.tables["overstayers"].num_rows, 0)


class FlowTests(SimpleTestCase):
    def test_monthly_entries_and_exits_by_age_group_and_net_flows(self) -> None:
        young = crossings("1 RUS entry 2024-01-10", "1 RUS exit 2024-02-10", birth_year=2012)
        old = crossings("2 RUS entry 2024-01-15", birth_year=1950).set_column(
            0, "event_id", pa.array([3], pa.int64()))
        unknown = crossings("3 RUS entry 2024-01-20", birth_year=None).set_column(
            0, "event_id", pa.array([4], pa.int64()))
        result = run(pa.concat_tables([young, old, unknown]))
        flows = result.tables["flows"]
        self.assertEqual(total(flows, "crossings", movement="entry", age_group="Y0T14"), 1)
        self.assertEqual(total(flows, "crossings", movement="entry", age_group="Y_GE65"), 1)
        self.assertEqual(total(flows, "crossings", movement="entry", age_group="_U"), 1)
        net = {r["month"].month: r["net"] for r in result.tables["net_flows"].to_pylist()}
        self.assertEqual(net, {1: 3, 2: -1})

    def test_crossings_after_the_as_of_date_are_left_out(self) -> None:
        events = crossings("1 RUS entry 2024-01-10", "1 RUS exit 2024-02-10")
        result = run(events, as_of=date(2024, 1, 31))
        self.assertEqual(total(result.tables["flows"], "crossings", movement="exit"), 0)
        self.assertEqual(assessed(result), {(1, "RUS", date(2024, 1, 10)): (22, 0)})


# Property: on any history of one traveller, every stay's days used and overstay equal
# those of the reference arithmetic.
MOVES = st.lists(st.tuples(st.sampled_from(["entry", "exit"]), st.integers(0, 120)),
                 min_size=1, max_size=8)


class AgreementProperty(SimpleTestCase):
    @settings(max_examples=40, deadline=None)
    @given(moves=MOVES, window=st.sampled_from([(90, 180), (30, 60), (5, 5)]))
    def test_any_history_agrees_with_the_reference(self, moves: list[tuple[str, int]],
                                                   window: tuple[int, int]) -> None:
        day = date(2023, 12, 1)
        lines = []
        for movement, gap in moves:
            day += timedelta(days=gap)
            lines.append(f"1 RUS {movement} {day.isoformat()}")
        events = crossings(*lines)
        as_of = day + timedelta(days=10)
        days, period = window
        result = run(events, (1, "RUS", None, None, "rolling", days, period), as_of=as_of)
        rule = stays.Rule(stays.RuleKind.ROLLING, days=days, window=period)
        self.assertEqual(assessed(result), reference_assessments(events, rule, as_of))
