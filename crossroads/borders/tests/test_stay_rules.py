"""Stay rules as an officer applies them: which rule a traveller falls under, their stays
in the country, days used and left, the date to leave."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from crossroads.borders.models import BorderCrossingPoint, Crossing, StayRule
from crossroads.borders.stay_rules.services import (
    assess_traveller,
    overlapping_rules,
    pair_crossings,
    rule_for,
    stays_of,
)
from crossroads.borders.stays import Rule, RuleKind, Stay, assess, check_stays
from crossroads.people.models import Person
from crossroads.reference.models import Country
from crossroads.testing import CrossroadsTestCase


def country(iso3: str, iso2: str, name: str) -> Country:
    return Country.objects.get_or_create(iso3=iso3, defaults={"iso2": iso2, "name": name})[0]


class Traffic(CrossroadsTestCase):
    """Two crossing points of Moldova, one of Ukraine, travellers from Uzbekistan and
    Georgia, and a Moldovan 90/180 rule for everyone plus 30 days per entry for Georgians."""

    point: ClassVar[BorderCrossingPoint]
    airport: ClassVar[BorderCrossingPoint]
    foreign_point: ClassVar[BorderCrossingPoint]
    uzbekistan: ClassVar[Country]
    georgia: ClassVar[Country]
    general: ClassVar[StayRule]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uzbekistan = country("UZB", "UZ", "Uzbekistan")
        cls.georgia = country("GEO", "GE", "Georgia")
        cls.point = BorderCrossingPoint.objects.create(
            country=cls.home_country, neighbour=cls.other_country, code="mda-leu",
            name="Leuseni", kind="land")
        cls.airport = BorderCrossingPoint.objects.create(
            country=cls.home_country, code="mda-kiv", name="Chisinau airport", kind="air")
        cls.foreign_point = BorderCrossingPoint.objects.create(
            country=cls.other_country, neighbour=cls.home_country, code="ukr-pal",
            name="Palanca", kind="land")
        cls.general = cls.rule("90 days in 180", kind="rolling", days=90, window=180)
        cls.rule("Georgians: 30 days per entry", nationality=cls.georgia, kind="per_entry",
                 days=30)

    @classmethod
    def rule(cls, name: str, **fields: Any) -> StayRule:
        values = {"country": cls.home_country, "name": name, **fields}
        return StayRule.objects.create(**values)

    def traveller(self) -> Person:
        return Person.objects.create(organisation=self.organisation)

    @classmethod
    def cross(cls, person: Person, movement: str, day: date, point: BorderCrossingPoint
              | None = None, nationality: str = "UZB", **fields: Any) -> Crossing:
        moment = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
        values = {"point": point or cls.point, "movement": movement, "crossed_at": moment,
                  "person": person, "organisation": cls.organisation,
                  "nationality": nationality, "document_kind": "passport", **fields}
        if movement == "refused":
            values.setdefault("refusal_reason", "no_visa")
        return Crossing.objects.create(**values)


class RuleSelectionTests(Traffic):
    def test_the_most_specific_rule_in_force_applies(self) -> None:
        chosen = rule_for(self.home_country, "GEO", "passport", "none", date(2026, 1, 1))
        assert chosen is not None and chosen.name == "Georgians: 30 days per entry"
        chosen = rule_for(self.home_country, self.uzbekistan, "passport", "", date(2026, 1, 1))
        assert chosen == self.general

    def test_a_permit_rule_beats_a_general_one_and_a_nationality_beats_a_permit(self) -> None:
        visa = self.rule("Work permit holders", permit_kind="work", kind="validity")
        assert rule_for(self.home_country, "UZB", "passport", "work", date(2026, 1, 1)) == visa
        chosen = rule_for(self.home_country, "GEO", "passport", "work", date(2026, 1, 1))
        assert chosen is not None and chosen.nationality == self.georgia

    def test_a_rule_applies_only_between_its_dates(self) -> None:
        self.rule("Uzbeks from 2027", nationality=self.uzbekistan, kind="unlimited",
                  valid_from=date(2027, 1, 1), valid_to=date(2027, 12, 31))
        assert rule_for(self.home_country, "UZB", "", "", date(2026, 12, 31)) == self.general
        chosen = rule_for(self.home_country, "UZB", "", "", date(2027, 12, 31))
        assert chosen is not None and chosen.kind == "unlimited"
        assert rule_for(self.home_country, "UZB", "", "", date(2028, 1, 1)) == self.general

    def test_document_codes_are_read_as_the_countries_they_name(self) -> None:
        germany = country("DEU", "DE", "Germany")
        self.rule("Germans", nationality=germany, kind="unlimited")
        chosen = rule_for(self.home_country, "D<<", "passport", "", date(2026, 1, 1))
        assert chosen is not None and chosen.name == "Germans"
        assert rule_for(self.home_country, "geo", "", "", date(2026, 1, 1)) != self.general

    def test_another_country_without_rules_gives_none(self) -> None:
        assert rule_for(self.other_country, "UZB", "passport", "", date(2026, 1, 1)) is None

    def test_rules_for_the_same_travellers_with_overlapping_dates_are_found(self) -> None:
        twin = StayRule(country=self.home_country, name="Twin", kind="unlimited",
                        valid_from=date(2026, 1, 1))
        assert list(overlapping_rules(twin)) == [self.general]
        twin.nationality = self.uzbekistan
        assert not overlapping_rules(twin).exists()


class StayPairingTests(Traffic):
    def test_entries_pair_with_the_next_exit_and_refusals_and_transits_do_not_count(
            self) -> None:
        person = self.traveller()
        self.cross(person, "refused", date(2026, 1, 1))
        self.cross(person, "entry", date(2026, 1, 2))
        self.cross(person, "transit", date(2026, 1, 3))
        self.cross(person, "exit", date(2026, 1, 10), point=self.airport)
        self.cross(person, "entry", date(2026, 2, 1))
        self.cross(person, "exit", date(2026, 2, 5), point=self.foreign_point)  # Ukraine's
        history = stays_of(person, self.home_country)
        assert history.stays == [Stay(date(2026, 1, 2), date(2026, 1, 10)),
                                 Stay(date(2026, 2, 1))]
        assert history.present
        assert not history.exits_without_entry and not history.entries_without_exit

    def test_an_exit_without_entry_and_two_entries_in_a_row_are_reported(self) -> None:
        person = self.traveller()
        lone_exit = self.cross(person, "exit", date(2026, 1, 5))
        first = self.cross(person, "entry", date(2026, 2, 1))
        self.cross(person, "entry", date(2026, 3, 1))
        history = stays_of(person, self.home_country)
        assert history.exits_without_entry == [lone_exit]
        assert history.entries_without_exit == [first]
        # The first entry proves one day of presence; the second is still open.
        assert history.stays == [Stay(date(2026, 2, 1), date(2026, 2, 1)),
                                 Stay(date(2026, 3, 1))]

    def test_a_same_day_entry_and_exit_is_one_day_and_a_day_trip_counts_once(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2026, 5, 1))
        self.cross(person, "exit", date(2026, 5, 1))
        self.cross(person, "entry", date(2026, 5, 1))
        self.cross(person, "exit", date(2026, 5, 3))
        assert stays_of(person, self.home_country).stays == [
            Stay(date(2026, 5, 1), date(2026, 5, 3))]
        status = assess_traveller(person, self.home_country, date(2026, 5, 3))
        assert status.days_used == 3


class TravellerStatusTests(Traffic):
    def test_a_leap_year_stay_counts_29_february(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2028, 2, 1))
        status = assess_traveller(person, self.home_country, date(2028, 3, 1))
        assert status.rule == self.general
        assert status.days_used == 30  # 29 days of February 2028 and 1 March
        assert status.must_leave_by == date(2028, 4, 30)  # 1 February + 89 days
        assert status.days_left == 60 and not status.is_overstaying

    def test_a_stay_crossing_the_180_day_window_counts_only_its_days_inside(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2025, 10, 1))
        self.cross(person, "exit", date(2025, 12, 29))  # 90 days
        self.cross(person, "entry", date(2026, 5, 1))
        status = assess_traveller(person, self.home_country, date(2026, 5, 1))
        # The window ending on 1 May 2026 starts on 3 November 2025: 57 days of the
        # first stay are in it, plus today.
        assert status.days_used == 58
        # Each further day adds one and drops one of the old stay until it has left the
        # window (27 June); from then the count grows to 90 on 29 July.
        assert status.must_leave_by == date(2026, 7, 29)
        assert status.days_left == 89
        assert status.present and status.entered_on == date(2026, 5, 1)

    def test_an_overstayer_is_told_the_day_they_should_have_left(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2026, 1, 1))
        status = assess_traveller(person, self.home_country, date(2026, 4, 10))
        assert status.is_overstaying and status.overstay_days == 10
        assert status.must_leave_by == date(2026, 3, 31)

    def test_the_rule_follows_the_latest_entry_and_its_permit(self) -> None:
        self.rule("Residence permit", permit_kind="residence", kind="validity")
        person = self.traveller()
        self.cross(person, "entry", date(2026, 1, 1), permit_kind="residence",
                   permit_valid_until=date(2026, 6, 30))
        status = assess_traveller(person, self.home_country, date(2026, 7, 3))
        assert status.rule is not None and status.rule.name == "Residence permit"
        assert status.must_leave_by == date(2026, 6, 30) and status.overstay_days == 3

    def test_a_permit_rule_without_the_permits_last_day_is_a_problem_not_a_crash(
            self) -> None:
        self.rule("Residence permit", permit_kind="residence", kind="validity")
        person = self.traveller()
        self.cross(person, "entry", date(2026, 1, 1), permit_kind="residence")
        status = assess_traveller(person, self.home_country, date(2026, 2, 1))
        assert status.days_left is None
        assert any("last day of the visa or permit" in p for p in status.problems)

    def test_georgians_are_under_their_per_entry_rule(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2026, 3, 1), nationality="GEO")
        status = assess_traveller(person, self.home_country, date(2026, 4, 2))
        assert status.must_leave_by == date(2026, 3, 30) and status.overstay_days == 3

    def test_a_traveller_never_seen_or_without_a_rule_has_the_reason_stated(self) -> None:
        person = self.traveller()
        status = assess_traveller(person, self.home_country, date(2026, 1, 1))
        assert not status.present and status.rule is None
        assert status.problems == ["No entry into this country is recorded."]
        self.cross(person, "entry", date(2026, 1, 1), point=self.foreign_point)
        status = assess_traveller(person, self.other_country, date(2026, 1, 2))
        assert status.present and status.rule is None
        assert "No stay rule" in status.problems[0]

    def test_crossings_after_the_day_asked_about_are_ignored(self) -> None:
        person = self.traveller()
        self.cross(person, "entry", date(2026, 1, 1))
        self.cross(person, "exit", date(2026, 1, 20))
        status = assess_traveller(person, self.home_country, date(2026, 1, 10))
        assert status.present and status.days_used == 10


class TimeZoneTests(Traffic):
    @override_settings(TIME_ZONE="Europe/Chisinau")
    def test_the_day_of_a_crossing_is_the_day_in_the_configured_time_zone(self) -> None:
        person = self.traveller()
        Crossing.objects.create(  # 00:30 on 1 February in Chisinau (UTC+2 in winter)
            point=self.point, movement="entry", person=person, organisation=self.organisation,
            crossed_at=datetime(2026, 1, 31, 22, 30, tzinfo=UTC), nationality="UZB")
        assert stays_of(person, self.home_country).stays == [Stay(date(2026, 2, 1))]


movements = st.lists(st.tuples(st.sampled_from(["entry", "exit"]), st.integers(0, 3)),
                     max_size=12)


@given(movements)
def test_any_sequence_of_crossings_pairs_into_stays_the_arithmetic_accepts(
        plan: list[tuple[str, int]]) -> None:
    moment, crossings = datetime(2026, 1, 1, 8, tzinfo=UTC), []
    for movement, gap in plan:
        moment += timedelta(days=gap, minutes=1)
        crossings.append(Crossing(movement=movement, crossed_at=moment))
    history = pair_crossings(crossings)
    check_stays(history.stays)  # never overlapping, never an exit before its entry
    exits = sum(1 for c in crossings if c.movement == "exit")
    assert len(history.exits_without_entry) <= exits
    assert history.present == (bool(crossings) and crossings[-1].movement == "entry")
    if crossings:
        days = assess(history.stays, Rule(RuleKind.ROLLING, days=90, window=180),
                      moment.date()).days_used
        assert days is not None and days <= (moment.date() - date(2026, 1, 1)).days + 1
