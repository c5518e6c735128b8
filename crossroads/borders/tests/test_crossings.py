"""Recording crossings: the traveller through the identity layer, refusals and flags,
idempotent retries, screening, and who may record and see them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from crossroads.borders.crossings import services
from crossroads.borders.crossings.services import CrossingInput, record_crossing
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.borders.tests.test_mrz_pages import passport
from crossroads.people.dates import PartialDate
from crossroads.people.models import IdentityDocument, Person, PersonLink
from crossroads.testing import CrossroadsTestCase
from crossroads.users.models import User

OWN_COUNTRY = {"point__country": "$user.organisation.country"}
OWN_OR_CITED = [{"organisation": "$user.organisation"},
                {"links__organisation": "$user.organisation"}]
BIRTH = PartialDate(1990, 3, 12)


class CrossingTestCase(CrossroadsTestCase):
    """Points in Moldova (open, restricted, closed) and one in Ukraine; the owner is a
    Moldovan border officer, the outsider a Ukrainian one, with the demo roles' grants."""

    point: BorderCrossingPoint
    restricted: BorderCrossingPoint
    closed: BorderCrossingPoint
    foreign: BorderCrossingPoint

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def make(code: str, country: Any, status: str = "open") -> BorderCrossingPoint:
            return BorderCrossingPoint.objects.create(
                country=country, code=code, name=code.upper(), kind="land", status=status)

        cls.point = make("mda-leuseni", cls.home_country)
        cls.restricted = make("mda-restricted", cls.home_country, "restricted")
        cls.closed = make("mda-closed", cls.home_country, "closed")
        cls.foreign = make("ukr-point", cls.other_country)
        for officer in (cls.owner, cls.outsider):
            cls.make_officer(officer)

    @classmethod
    def make_officer(cls, user: User) -> None:
        cls.grant(user, Crossing, ["view", "add"], OWN_COUNTRY)
        cls.grant(user, Person, ["view"], OWN_OR_CITED)
        cls.grant(user, BorderCrossingPoint, ["view"])

    def traveller(self, **changes: Any) -> CrossingInput:
        values: dict[str, Any] = {
            "point": self.point, "movement": "entry", "family": "Kovalchuk", "given": "Iuliia",
            "birth": BIRTH, "sex": "F", "nationality": "MDA", "document_kind": "passport",
            "document_number": "AB1234567", "document_state": "MDA",
            "document_expiry": date(2031, 1, 1)}
        values.update(changes)
        return CrossingInput(**values)

    def record(self, user: User | None = None, **changes: Any) -> services.Result:
        return record_crossing(user or self.owner, self.traveller(**changes))

    def assertRefused(self, field: str, user: User | None = None,  # noqa: N802
                      **changes: Any) -> services.CrossingRefused:
        before = (Crossing.objects.count(), Person.objects.count())
        with self.assertRaises(services.CrossingRefused) as refused:
            self.record(user, **changes)
        self.assertIn(field, refused.exception.message_dict)
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), before)
        return refused.exception


def hours_ago(hours: float) -> datetime:
    return timezone.now() - timedelta(hours=hours)


class TravellerTests(CrossingTestCase):
    def test_a_new_traveller_is_registered_and_cited_by_the_crossing(self) -> None:
        result = self.record()
        crossing = result.crossing
        self.assertTrue(result.created and result.person_created)
        self.assertEqual(result.how, "new")
        self.assertEqual(str(crossing.person), "Iuliia Kovalchuk")
        link = PersonLink.objects.get(person=crossing.person)
        self.assertEqual((link.object_id, link.role), (str(crossing.pk), "traveller"))
        self.assertEqual(crossing.person.documents.get().number, "AB1234567")
        # The snapshot of the document stays on the crossing.
        self.assertEqual((crossing.document_number, crossing.document_state,
                          crossing.nationality, crossing.birth_year, crossing.sex),
                         ("AB1234567", "MDA", "MDA", 1990, "F"))
        self.assertEqual(crossing.organisation, self.organisation)
        self.assertEqual(crossing.officer, self.owner)

    def test_a_returning_traveller_is_recognised_by_the_document(self) -> None:
        first = self.record(crossed_at=hours_ago(48)).crossing
        second = self.record(movement="exit", crossed_at=hours_ago(2), given="Yulia")
        self.assertEqual(second.how, "document")
        self.assertEqual(second.crossing.person, first.person)
        self.assertEqual(Person.objects.count(), 1)

    def test_a_renewed_document_in_another_transliteration_finds_the_same_person(self) -> None:
        first = self.record(crossed_at=hours_ago(400)).crossing
        renewed = self.record(family="Ковальчук", given="Юлия", language="uk",
                              document_number="CD7654321", crossed_at=hours_ago(1))
        self.assertEqual(renewed.how, "search")
        self.assertEqual(renewed.crossing.person, first.person)
        self.assertTrue(renewed.document_added)
        self.assertEqual(set(IdentityDocument.objects.filter(person=first.person)
                             .values_list("number", flat=True)), {"AB1234567", "CD7654321"})
        document = renewed.crossing.document
        self.assertEqual(document.number if document else None, "CD7654321")

    def test_the_same_names_with_another_birth_date_are_another_person(self) -> None:
        first = self.record(crossed_at=hours_ago(400)).crossing
        other = self.record(document_number="ZZ0000001", birth=PartialDate(1991, 3, 12))
        self.assertTrue(other.person_created)
        self.assertNotEqual(other.crossing.person, first.person)

    def test_the_officer_may_name_the_person(self) -> None:
        first = self.record(crossed_at=hours_ago(400)).crossing
        chosen = self.record(person_id=first.person_id, family="Other", given="Name",
                             document_number="XY1111111")
        self.assertEqual((chosen.how, chosen.crossing.person_id), ("chosen", first.person_id))

    def test_a_person_the_officer_may_not_see_cannot_be_named(self) -> None:
        hidden = self.record(self.outsider, point=self.foreign).crossing.person
        self.assertRefused("person", person_id=hidden.pk)


class RefusalTests(CrossingTestCase):
    def test_a_crossing_at_a_closed_point_is_refused(self) -> None:
        refused = self.assertRefused("point", point=self.closed)
        self.assertIn("closed", str(refused.message_dict["point"]))

    def test_a_restricted_point_is_allowed_with_a_flag(self) -> None:
        result = self.record(point=self.restricted)
        self.assertEqual([f["code"] for f in result.crossing.flags], ["point_restricted"])

    def test_an_exit_before_the_last_entry_is_refused(self) -> None:
        self.record(crossed_at=hours_ago(1))
        refused = self.assertRefused("crossed_at", movement="exit", crossed_at=hours_ago(3))
        self.assertIn("entered this country", str(refused.message_dict["crossed_at"]))

    def test_an_exit_without_an_entry_is_recorded_with_a_flag(self) -> None:
        result = self.record(movement="exit")
        self.assertEqual([f["code"] for f in result.crossing.flags], ["exit_without_entry"])

    def test_an_exit_after_the_entry_has_no_flag(self) -> None:
        self.record(crossed_at=hours_ago(30))
        self.assertEqual(self.record(movement="exit", crossed_at=hours_ago(1)).crossing.flags,
                         [])

    def test_an_expired_document_is_flagged_for_the_officer(self) -> None:
        result = self.record(document_expiry=date(2020, 1, 1))
        self.assertEqual([f["code"] for f in result.crossing.flags], ["document_expired"])
        refused = self.record(document_expiry=date(2020, 1, 1), movement="refused",
                              refusal_reason="no_document", document_number="QQ1234567")
        self.assertEqual(refused.crossing.refusal_reason, "no_document")

    def test_a_refusal_of_entry_needs_its_reason(self) -> None:
        self.assertRefused("refusal_reason", movement="refused")
        self.assertRefused("refusal_reason", movement="entry", refusal_reason="no_visa")

    def test_a_time_in_the_future_is_refused(self) -> None:
        self.assertRefused("crossed_at", crossed_at=timezone.now() + timedelta(minutes=30))
        self.record(crossed_at=timezone.now() + timedelta(minutes=2))  # a booth's clock

    def test_a_bad_mrz_is_refused_with_the_field(self) -> None:
        line1, line2 = passport().split("\n")
        broken = f"{line1}\n{line2[:27]}{'1' if line2[27] != '1' else '2'}{line2[28:]}"
        refused = self.assertRefused("mrz", mrz=broken)
        self.assertIn("expiry_date", str(refused.message_dict["mrz"]))

    def test_an_mrz_that_disagrees_with_the_typed_fields_is_refused(self) -> None:
        self.assertRefused("document_number", mrz=passport(), document_number="ZZ9999999")
        self.assertRefused("birth", mrz=passport(), birth=PartialDate(1990, 3, 13))

    def test_an_mrz_fills_what_was_not_typed(self) -> None:
        result = self.record(mrz=passport(), family="", given="", document_number="",
                             document_state="", nationality="", birth=PartialDate(), sex="U")
        crossing = result.crossing
        self.assertEqual((crossing.document_number, crossing.nationality, crossing.birth_year,
                          crossing.sex, str(crossing.person)),
                         ("AB1234567", "MDA", 1990, "F", "IULIIA KOVALCHUK"))

    def test_a_name_typed_in_cyrillic_agrees_with_the_mrz(self) -> None:
        result = self.record(mrz=passport(), family="Ковальчук", given="Юлия", language="uk")
        self.assertTrue(result.created)

    def test_unknown_codes_are_refused(self) -> None:
        self.assertRefused("nationality", nationality="QQQ")
        self.assertRefused("document_state", document_state="ZZZ")
        self.assertRefused("document_number", document_number="--")


class IdempotencyTests(CrossingTestCase):
    def test_a_retry_with_the_same_key_returns_the_first_crossing(self) -> None:
        first = self.record(idempotency_key="booth-7-0001")
        again = self.record(idempotency_key="booth-7-0001")
        self.assertTrue(first.created)
        self.assertFalse(again.created)
        self.assertEqual(again.crossing, first.crossing)
        self.assertEqual(Crossing.objects.count(), 1)

    def test_the_same_key_with_another_payload_is_refused(self) -> None:
        self.record(idempotency_key="booth-7-0002")
        with self.assertRaises(services.IdempotencyConflict) as conflict:
            self.record(idempotency_key="booth-7-0002", movement="exit")
        self.assertIn("movement", conflict.exception.fields)
        self.assertEqual(Crossing.objects.count(), 1)

    def test_two_submissions_racing_with_one_key_record_one_crossing(self) -> None:
        from unittest import mock

        first = self.record(idempotency_key="booth-7-0003")
        real = services.retry_of
        calls: list[int] = []

        def late(user: Any, data: CrossingInput) -> services.Result | None:
            calls.append(1)  # the first look finds nothing: the other request is not done
            return None if len(calls) == 1 else real(user, data)

        with mock.patch.object(services, "retry_of", late):
            again = self.record(idempotency_key="booth-7-0003")
        self.assertEqual((again.created, again.crossing), (False, first.crossing))
        self.assertEqual((Crossing.objects.count(), Person.objects.count()), (1, 1))

    def test_keys_are_per_organisation(self) -> None:
        self.record(idempotency_key="same")
        other = self.record(self.outsider, point=self.foreign, idempotency_key="same")
        self.assertTrue(other.created)


class PermissionTests(CrossingTestCase):
    def test_an_officer_cannot_record_at_another_countrys_point(self) -> None:
        self.assertRefused("point", user=self.outsider)

    def test_an_officer_sees_only_the_crossings_of_their_country(self) -> None:
        home = self.record().crossing
        away = self.record(self.outsider, point=self.foreign).crossing
        self.assertEqual(list(Crossing.objects.restrict(self.owner, "view")), [home])
        self.assertEqual(list(Crossing.objects.restrict(self.outsider, "view")), [away])

    def test_a_user_without_the_permission_records_nothing(self) -> None:
        self.assertRefused("__all__", user=self.colleague)

    def test_the_crossing_list_and_detail_are_audited(self) -> None:
        from crossroads.core.models import AuditEvent

        crossing = self.record().crossing
        self.client.force_login(self.owner)
        self.assertEqual(self.client.get(f"/borders/crossings/{crossing.pk}/").status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(object_id=str(crossing.pk),
                                                  action="view").exists())
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/borders/crossings/{crossing.pk}/").status_code, 404)


class ScreeningTests(CrossingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        from crossroads.watchlists.tests.helpers import make_entry, make_list

        super().setUpTestData()
        watchlist = make_list(cls.organisation, cls.home_country)
        cls.entry = make_entry(watchlist, family="Kowalczuk", given="Julia", birth_year=1990,
                               birth_month=3, birth_day=12, nationality="MDA")

    def test_the_hit_is_shown_before_saving_and_an_alert_raised_after(self) -> None:
        from crossroads.watchlists.models import Alert

        seen = services.preview(self.owner, self.traveller())
        self.assertEqual(seen.screening, "alert")
        self.assertEqual([hit.entry for hit in seen.hits], [self.entry])
        self.assertEqual(Crossing.objects.count(), 0)
        result = self.record()
        self.assertEqual(result.crossing.screening, "alert")
        # One alert, on the crossing (not a second one for the new person's registration).
        alert = Alert.objects.get(entry=self.entry)
        self.assertEqual((alert.content_type.model, alert.object_id, alert.point),
                         ("crossing", str(result.crossing.pk), self.point))

    def test_a_returning_traveller_with_a_hit_gets_an_alert_per_crossing(self) -> None:
        from crossroads.watchlists.models import Alert

        first = self.record(crossed_at=hours_ago(30)).crossing
        second = self.record(movement="exit", crossed_at=hours_ago(1)).crossing
        self.assertEqual(sorted(Alert.objects.values_list("object_id", flat=True)),
                         sorted([str(first.pk), str(second.pk)]))

    def test_a_traveller_on_no_list_is_clear(self) -> None:
        result = self.record(family="Petrenko", given="Oleh", birth=PartialDate(1975, 6, 1))
        self.assertEqual(result.crossing.screening, "clear")
