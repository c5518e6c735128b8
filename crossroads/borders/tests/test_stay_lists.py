"""The stay lists on a small hand-made traffic: who is overstaying, exits without entry,
entries without exit; as pages, CSV and API, and only for those who may see crossings."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any, ClassVar

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from crossroads.borders.models import Crossing
from crossroads.borders.stay_rules.lists import (
    ListFilters,
    entries_without_exit,
    exits_without_entry,
    open_entries,
    overstayers,
)
from crossroads.borders.tests.test_stay_rules import Traffic
from crossroads.core.models import AuditEvent
from crossroads.people.models import Person, PersonName
from crossroads.reference.models import Country

ON = date(2026, 6, 1)


class HandMadeTraffic(Traffic):
    """On 1 June 2026, in Moldova:

    - ``overstayer`` (Uzbek) entered on 1 January and never left: 152 days, 62 over;
    - ``visitor`` (Uzbek) entered on 20 May: present, within the rule;
    - ``georgian`` entered on 1 May under 30 days per entry: 2 days over, came in by air;
    - ``gone`` entered and left in January: not present;
    - ``lone_exit`` left on 3 March with no entry recorded;
    - ``double`` entered on 1 February, again on 1 April without an exit between, and
      left on 10 April;
    - ``elsewhere`` entered Ukraine, not Moldova, long ago.
    """

    people: ClassVar[dict[str, Person]]
    crossings: ClassVar[dict[str, Crossing]]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.people, cls.crossings = {}, {}
        plan: list[tuple[str, str, date, dict[str, Any]]] = [
            ("overstayer", "entry", date(2026, 1, 1), {}),
            ("visitor", "entry", date(2026, 5, 20), {}),
            ("georgian", "entry", date(2026, 5, 1), {"nationality": "GEO", "point": "air"}),
            ("gone", "entry", date(2026, 1, 5), {}),
            ("gone", "exit", date(2026, 1, 25), {}),
            ("lone_exit", "exit", date(2026, 3, 3), {}),
            ("double", "entry", date(2026, 2, 1), {}),
            ("double", "entry", date(2026, 4, 1), {}),
            ("double", "exit", date(2026, 4, 10), {}),
            ("elsewhere", "entry", date(2025, 1, 1), {"point": "foreign"}),
        ]
        points = {"air": cls.airport, "foreign": cls.foreign_point}
        for name, movement, day, extra in plan:
            person = cls.people.get(name) or Person.objects.create(
                organisation=cls.organisation)
            cls.people[name] = person
            fields = {**extra, "point": points.get(extra.get("point", ""), cls.point)}
            cls.crossings[f"{name}-{movement}-{day}"] = cls.cross(person, movement, day,
                                                                  **fields)

    def filters(self, **changes: Any) -> ListFilters:
        values: dict[str, Any] = {"country": self.home_country, "on": ON, **changes}
        return ListFilters(**values)

    def names(self, person_ids: list[int]) -> set[str]:
        return {name for name, person in self.people.items() if person.pk in person_ids}


class ListTests(HandMadeTraffic):
    def test_the_travellers_present_are_those_whose_last_movement_is_an_entry(self) -> None:
        present = open_entries(Crossing.objects.all(), self.filters())
        assert self.names([c.person_id for c in present]) == {
            "overstayer", "visitor", "georgian"}

    def test_current_overstayers_with_their_days_over(self) -> None:
        found = overstayers(Crossing.objects.all(), self.filters())
        assert [(self.names([s.person_id]).pop(), s.overstay_days) for s in found] == [
            ("overstayer", 62), ("georgian", 2)]
        assert found[0].must_leave_by == date(2026, 3, 31)
        assert found[1].must_leave_by == date(2026, 5, 30)

    def test_on_an_earlier_day_nobody_was_over(self) -> None:
        assert overstayers(Crossing.objects.all(), self.filters(on=date(2026, 3, 31))) == []

    def test_filters_by_point_and_nationality_apply_to_the_rows(self) -> None:
        by_air = overstayers(Crossing.objects.all(), self.filters(point=self.airport.pk))
        assert self.names([s.person_id for s in by_air]) == {"georgian"}
        uzbeks = overstayers(Crossing.objects.all(), self.filters(nationality="uzb"))
        assert self.names([s.person_id for s in uzbeks]) == {"overstayer"}

    def test_exits_without_entry(self) -> None:
        found = exits_without_entry(Crossing.objects.all(), self.filters())
        assert [c.pk for c in found] == [self.crossings["lone_exit-exit-2026-03-03"].pk]

    def test_entries_without_exit_are_double_entries_and_old_open_stays(self) -> None:
        found = entries_without_exit(Crossing.objects.all(), self.filters(older_than=90))
        assert [(self.names([o.crossing.person_id]).pop(), o.next_entry) for o in found] == [
            ("overstayer", None), ("double", date(2026, 4, 1))]
        recent = entries_without_exit(Crossing.objects.all(), self.filters(older_than=20))
        assert self.names([o.crossing.person_id for o in recent]) == {
            "overstayer", "double", "georgian"}

    def test_another_countrys_traffic_is_not_mixed_in(self) -> None:
        ukraine = self.filters(country=self.other_country)
        present = open_entries(Crossing.objects.all(), ukraine)
        assert self.names([c.person_id for c in present]) == {"elsewhere"}
        assert overstayers(Crossing.objects.all(), ukraine) == []  # Ukraine has no rules


class PageTests(HandMadeTraffic):
    def setUp(self) -> None:
        self.grant(self.owner, Country, "view")

    def test_a_user_who_may_not_see_crossings_is_refused(self) -> None:
        self.client.force_login(self.owner)
        for url in ("/borders/stays/overstayers/", "/borders/stays/exits-without-entry/",
                    "/borders/stays/entries-without-exit/",
                    f"/borders/travellers/{self.people['overstayer'].pk}/stay/"):
            assert self.client.get(url).status_code == 403, url

    def test_the_overstayers_page_lists_and_exports_and_is_audited(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.client.force_login(self.owner)
        response = self.client.get("/borders/stays/overstayers/", {"on": ON.isoformat()})
        assert response.status_code == 200
        rows = list(response.context["table"].rows)
        assert [row.record["overstay_days"] for row in rows] == [62, 2]
        assert AuditEvent.objects.filter(action=AuditEvent.Action.LIST).count() == 2
        export = self.client.get("/borders/stays/overstayers/",
                                 {"on": ON.isoformat(), "export": "csv"})
        table = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
        assert len(table) == 3 and "62" in table[1]

    def test_bad_filters_are_named_not_a_crash(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.client.force_login(self.owner)
        response = self.client.get("/borders/stays/entries-without-exit/",
                                   {"on": "2026-02-30", "nationality": "12", "older_than": "-1"})
        assert response.status_code == 400
        assert set(response.context["form"].errors) == {"on", "nationality", "older_than"}

    def test_another_countrys_officer_sees_nothing(self) -> None:
        constraint = {"point__country": self.other_country.pk}
        self.grant(self.outsider, Crossing, "view", constraint)
        self.grant(self.outsider, Country, "view")
        self.client.force_login(self.outsider)
        response = self.client.get("/borders/stays/overstayers/",
                                   {"country": "MDA", "on": ON.isoformat()})
        assert response.status_code == 200 and response.context["count"] == 0
        response = self.client.get("/borders/stays/entries-without-exit/",
                                   {"country": "MDA", "on": ON.isoformat()})
        assert response.context["count"] == 0
        url = f"/borders/travellers/{self.people['overstayer'].pk}/stay/"
        assert self.client.get(url, {"country": "MDA"}).status_code == 404

    def test_the_traveller_page_shows_the_date_to_leave(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.client.force_login(self.owner)
        url = f"/borders/travellers/{self.people['georgian'].pk}/stay/"
        response = self.client.get(url, {"on": ON.isoformat()})
        assert response.status_code == 200
        self.assertContains(response, "2026-05-30")
        self.assertContains(response, "Georgians: 30 days per entry")


    def test_list_queries_do_not_grow_with_travellers(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.client.force_login(self.owner)
        pages = ("/borders/stays/overstayers/", "/borders/stays/entries-without-exit/",
                 "/borders/stays/exits-without-entry/")
        for page in pages:
            self.client.get(page, {"on": ON.isoformat()})  # warm caches (sessions, types)
        counts = []
        for extra in (0, 3):
            for i in range(extra):
                person = self.traveller()
                PersonName.objects.create(person=person, part="family", value=f"Late {i}")
                self.cross(person, "entry", date(2026, 1, 2))
                self.cross(person, "exit", date(2025, 12, 1), point=self.airport)
            with CaptureQueriesContext(connection) as queries:
                for page in pages:
                    self.client.get(page, {"on": ON.isoformat()})
            counts.append(len(queries))
        assert counts[0] == counts[1]


class APITests(HandMadeTraffic):
    def setUp(self) -> None:
        self.api = APIClient()
        self.grant(self.owner, Country, "view")

    def test_the_traveller_status_api(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.api.force_authenticate(self.owner)
        person = self.people["overstayer"].pk
        response = self.api.get(f"/api/v1/borders/travellers/{person}/stay/",
                                {"country": "MDA", "on": "2026-06-01"})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["rule"]["name"] == "90 days in 180"
        assert (body["days_used"], body["overstay_days"], body["must_leave_by"]) == (
            152, 62, "2026-03-31")
        assert body["stays"] == [{"entry": "2026-01-01", "exit": None}]

    def test_the_api_refuses_bad_input_and_users_without_permission(self) -> None:
        self.api.force_authenticate(self.owner)
        person = self.people["overstayer"].pk
        assert self.api.get(f"/api/v1/borders/travellers/{person}/stay/").status_code == 403
        self.grant(self.owner, Crossing, "view")
        response = self.api.get(f"/api/v1/borders/travellers/{person}/stay/",
                                {"country": "ZZZ", "on": "yesterday"})
        assert response.status_code == 400
        assert set(response.json()) == {"country", "on"}

    def test_the_list_apis(self) -> None:
        self.grant(self.owner, Crossing, "view")
        self.api.force_authenticate(self.owner)
        query = {"country": "MDA", "on": "2026-06-01"}
        body = self.api.get("/api/v1/borders/stays/overstayers/", query).json()
        assert [row["overstay_days"] for row in body["results"]] == [62, 2]
        body = self.api.get("/api/v1/borders/stays/exits-without-entry/", query).json()
        assert body["count"] == 1 and body["results"][0]["crossed_on"] == "2026-03-03"
        body = self.api.get("/api/v1/borders/stays/entries-without-exit/",
                            {**query, "older_than": "90"}).json()
        assert body["count"] == 2
