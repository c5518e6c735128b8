"""Alerts as officers and supervisors work them: raised on registration, decided once,
dismissed false matches never raised again, seen only by border roles of the raising
organisation, every read audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from crossroads.core.models import AuditEvent
from crossroads.people.dates import PartialDate
from crossroads.people.models import Person
from crossroads.testing.base import CrossroadsTestCase
from crossroads.watchlists import services
from crossroads.watchlists.models import Alert, Watchlist, WatchlistEntry
from crossroads.watchlists.screening import Traveller, raise_alerts, screen, screen_person
from crossroads.watchlists.tests.helpers import make_entry, make_list, make_person

BIRTH = PartialDate(1985, 3, 14)


class AlertCase(CrossroadsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.watchlist = make_list(cls.organisation, cls.home_country)
        cls.entry = make_entry(cls.watchlist, family="Щербакова", given="Юлия", language="ru",
                               birth_year=1985, birth_month=3, birth_day=14)
        cls.other_entry = make_entry(cls.watchlist, family="Shcherbakova", given="Yulia",
                                     birth_year=1985, action="inform")

    def register_wanted(self, organisation: Any = None) -> Person:
        return make_person(organisation or self.organisation, "SHCHERBAKOVA", "IULIIA",
                           birth=BIRTH)

    def alert(self) -> Alert:
        person = self.register_wanted()
        return Alert.objects.get(person=person, entry=self.entry)


class RaisingTests(AlertCase):
    def test_registering_a_person_on_a_list_raises_an_alert(self) -> None:
        person = self.register_wanted()
        alerts = Alert.objects.filter(person=person)
        self.assertEqual({a.entry for a in alerts}, {self.entry, self.other_entry})
        alert = alerts.get(entry=self.entry)
        self.assertEqual((alert.status, alert.organisation, alert.record),
                         ("open", self.organisation, person))
        self.assertIn("family", [row["field"] for row in alert.explanation])

    def test_registering_someone_else_raises_nothing(self) -> None:
        person = make_person(self.organisation, "Popescu", "Ion", birth=PartialDate(1990))
        self.assertFalse(Alert.objects.filter(person=person).exists())

    def test_the_citing_record_is_the_alerts_record(self) -> None:
        citing = make_person(self.organisation, "Popescu", "Ion")
        person = make_person(self.organisation, "SHCHERBAKOVA", "IULIIA", birth=BIRTH,
                             cited_by=citing)
        self.assertEqual(Alert.objects.get(person=person, entry=self.entry).record, citing)

    def test_an_open_alert_is_not_raised_twice_for_the_same_record(self) -> None:
        person = self.register_wanted()
        self.assertEqual(screen_person(person, person, self.organisation), [])
        self.assertEqual(Alert.objects.filter(person=person, entry=self.entry).count(), 1)

    def test_a_dismissed_false_match_is_not_raised_again_but_another_entry_is(self) -> None:
        person = self.register_wanted()
        alert = Alert.objects.get(person=person, entry=self.entry)
        services.decide(alert, self.owner, "dismissed", "Different person: checked passport")
        Alert.objects.filter(person=person, entry=self.other_entry).delete()
        record = make_person(self.organisation, "Popescu", "Ion")  # a later crossing, say
        raised = raise_alerts(person, record, self.organisation,
                              screen(Traveller(family="SHCHERBAKOVA", given="IULIIA",
                                               birth=BIRTH)))
        self.assertEqual([a.entry for a in raised], [self.other_entry])

    def test_raising_nothing_writes_nothing(self) -> None:
        person = make_person(self.organisation, "Popescu", "Ion")
        self.assertEqual(raise_alerts(person, person, self.organisation, []), [])


class DecisionTests(AlertCase):
    def test_an_open_alert_can_be_confirmed(self) -> None:
        decided = services.decide(self.alert(), self.owner, "confirmed")
        self.assertEqual((decided.status, decided.decided_by), ("confirmed", self.owner))
        self.assertIsNotNone(decided.decided_at)

    def test_dismissing_or_escalating_needs_a_note(self) -> None:
        alert = self.alert()
        for status in ("dismissed", "escalated"):
            with self.subTest(status), self.assertRaises(ValidationError) as caught:
                services.decide(alert, self.owner, status, "  ")
            self.assertIn("note", caught.exception.message_dict)
        alert.refresh_from_db()
        self.assertEqual(alert.status, "open")

    def test_an_escalated_alert_can_then_be_confirmed_or_dismissed(self) -> None:
        alert = services.decide(self.alert(), self.owner, "escalated", "Ask the supervisor")
        self.assertEqual(services.decide(alert, self.colleague, "dismissed",
                                         "Not the same: other mother's name").status,
                         "dismissed")

    def test_a_decided_alert_cannot_be_decided_again(self) -> None:
        alert = services.decide(self.alert(), self.owner, "confirmed")
        for status in ("dismissed", "escalated", "open", "confirmed"):
            with self.subTest(status), self.assertRaises(ValidationError) as caught:
                services.decide(alert, self.owner, status, "because")
            self.assertIn("status", caught.exception.message_dict)

    def test_an_unknown_decision_is_refused_with_its_field(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            services.decide(self.alert(), self.owner, "maybe", "hmm")
        self.assertIn("status", caught.exception.message_dict)


def grant_border_officer(case: CrossroadsTestCase, user: Any, *, supervisor: bool = False
                         ) -> None:
    """What the demo's border roles hold (crossroads/watchlists/demo.py)."""
    from crossroads.watchlists import demo

    case.grant(user, Watchlist, "view")
    case.grant(user, WatchlistEntry, "view", demo.OWN_COUNTRY_OR_REGIONAL)
    case.grant(user, Alert, "view", demo.OWN_ORGANISATION)
    decide = demo.OWN_ORGANISATION if supervisor else {"organisation": "$user.organisation",
                                                       "status": "open"}
    case.grant(user, Alert, "change", decide)


class AccessTests(AlertCase):
    def setUp(self) -> None:
        self.api = APIClient()

    def test_without_a_border_role_alerts_are_refused(self) -> None:
        self.alert()
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get("/borders/alerts/").status_code, 403)
        self.api.force_authenticate(self.owner)
        self.assertEqual(self.api.get("/api/v1/watchlists/alerts/").status_code, 403)

    def test_alerts_of_another_organisation_are_hidden(self) -> None:
        own = self.alert()
        theirs = Alert.objects.get(person=self.register_wanted(self.other_organisation),
                                   entry=self.entry)
        grant_border_officer(self, self.owner)
        self.api.force_authenticate(self.owner)
        rows = self.api.get("/api/v1/watchlists/alerts/").json()["results"]
        self.assertEqual({r["id"] for r in rows},
                         set(Alert.objects.filter(organisation=self.organisation)
                             .values_list("pk", flat=True)))
        self.assertIn(own.pk, {r["id"] for r in rows})
        self.assertEqual(self.api.get(f"/api/v1/watchlists/alerts/{theirs.pk}/").status_code,
                         404)
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(f"/borders/alerts/{theirs.pk}/").status_code, 404)

    def test_reading_an_alert_is_audited_with_the_person_and_the_entry(self) -> None:
        alert = self.alert()
        grant_border_officer(self, self.owner)
        self.grant(self.owner, Person, "view")
        self.client.force_login(self.owner)
        response = self.client.get(f"/borders/alerts/{alert.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Щербакова")
        self.assertContains(response, "SHCHERBAKOVA")
        audited = set(AuditEvent.objects.filter(user=self.owner).values_list(
            "object_type__model", "object_id"))
        self.assertTrue({("alert", str(alert.pk)), ("person", str(alert.person_id)),
                         ("watchlistentry", str(self.entry.pk))} <= audited)

    def test_an_officer_decides_on_the_page_and_a_note_is_required_to_dismiss(self) -> None:
        alert = self.alert()
        grant_border_officer(self, self.owner)
        self.client.force_login(self.owner)
        url = f"/borders/alerts/{alert.pk}/decide/"
        self.client.post(url, {"status": "dismissed", "note": ""})
        alert.refresh_from_db()
        self.assertEqual(alert.status, "open")
        self.client.post(url, {"status": "escalated", "note": "Name and date fit"})
        alert.refresh_from_db()
        self.assertEqual(alert.status, "escalated")

    def test_only_a_supervisor_decides_an_escalated_alert(self) -> None:
        alert = services.decide(self.alert(), self.owner, "escalated", "Check with HQ")
        grant_border_officer(self, self.owner)
        grant_border_officer(self, self.colleague, supervisor=True)
        self.api.force_authenticate(self.owner)
        url = f"/api/v1/watchlists/alerts/{alert.pk}/decide/"
        self.assertEqual(self.api.post(url, {"status": "confirmed"}).status_code, 404)
        self.api.force_authenticate(self.colleague)
        response = self.api.post(url, {"status": "confirmed"}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "confirmed")

    def test_the_api_refuses_a_dismissal_without_a_note_naming_the_field(self) -> None:
        alert = self.alert()
        grant_border_officer(self, self.owner)
        self.api.force_authenticate(self.owner)
        response = self.api.post(f"/api/v1/watchlists/alerts/{alert.pk}/decide/",
                                 {"status": "dismissed"}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("note", response.json())

    def test_entries_of_another_countrys_list_are_hidden(self) -> None:
        foreign = make_entry(make_list(self.other_organisation, self.other_country, "UA list"),
                             family="Petrenko", given="Taras")
        regional = make_entry(make_list(self.other_organisation, None, "Regional"),
                              family="Bondar", given="Olha")
        grant_border_officer(self, self.owner)
        self.api.force_authenticate(self.owner)
        rows = self.api.get("/api/v1/watchlists/entries/").json()["results"]
        ids = {r["id"] for r in rows}
        self.assertIn(regional.pk, ids)
        self.assertIn(self.entry.pk, ids)
        self.assertNotIn(foreign.pk, ids)
