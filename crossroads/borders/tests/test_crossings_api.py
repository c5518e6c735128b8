"""The API of crossings for booth software, and the generic suites of crossings."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework.test import APIClient

from crossroads.borders.crossings import filtersets, views
from crossroads.borders.crossings.services import CrossingInput, record_crossing
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.borders.tests.test_crossings import CrossingTestCase
from crossroads.borders.tests.test_mrz_pages import passport
from crossroads.people.dates import PartialDate
from crossroads.testing.suites import APITestCases, FilterSetTestCases, ViewTestCases
from crossroads.users.models import User

ENDPOINT = "/api/v1/borders/crossings/"


class CrossingAPITests(CrossingTestCase):
    def setUp(self) -> None:
        self.api = APIClient()
        self.api.force_authenticate(self.owner)

    def payload(self, **changes: Any) -> dict[str, Any]:
        return {"point": self.point.pk, "movement": "entry", "mrz": passport(), **changes}

    def test_a_booth_records_a_crossing_from_an_mrz(self) -> None:
        response = self.api.post(ENDPOINT, self.payload(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["document_number"], body["nationality"], body["source"]),
                         ("AB1234567", "MDA", "api"))
        self.assertEqual(body["recognised_by"], "new")
        self.assertTrue(body["person_created"])

    def test_a_retry_with_the_idempotency_key_answers_200_with_the_first(self) -> None:
        first = self.api.post(ENDPOINT, self.payload(), format="json",
                              headers={"Idempotency-Key": "booth-3-17"})
        again = self.api.post(ENDPOINT, self.payload(), format="json",
                              headers={"Idempotency-Key": "booth-3-17"})
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json()["id"], again.json()["id"])
        other = self.api.post(ENDPOINT, self.payload(movement="exit"), format="json",
                              headers={"Idempotency-Key": "booth-3-17"})
        self.assertEqual(other.status_code, 409)
        self.assertIn("movement", other.json()["fields"])
        self.assertEqual(Crossing.objects.count(), 1)

    def test_refusals_name_the_field(self) -> None:
        closed = self.api.post(ENDPOINT, self.payload(point=self.closed.pk), format="json")
        self.assertEqual(closed.status_code, 400)
        self.assertIn("point", closed.json())
        bad = self.api.post(ENDPOINT, self.payload(mrz=passport()[:-2]), format="json")
        self.assertEqual(bad.status_code, 400)
        self.assertIn("mrz", bad.json())
        garbage = self.api.post(ENDPOINT, {"point": "x", "movement": 5, "birth_day": 99},
                                format="json")
        self.assertEqual(garbage.status_code, 400)
        self.assertEqual(Crossing.objects.count(), 0)

    def test_a_batch_gives_a_result_per_crossing(self) -> None:
        items = [self.payload(idempotency_key="b-1"),
                 self.payload(idempotency_key="b-1"),
                 self.payload(point=self.closed.pk, idempotency_key="b-2"),
                 {"movement": "entry"}]
        response = self.api.post(f"{ENDPOINT}batch/", {"crossings": items}, format="json")
        self.assertEqual(response.status_code, 200, response.content)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], [201, 200, 400, 400])
        self.assertEqual(results[0]["id"], results[1]["id"])
        self.assertIn("point", results[2]["errors"])
        self.assertEqual(Crossing.objects.count(), 1)

    def test_a_batch_must_be_a_list(self) -> None:
        response = self.api.post(f"{ENDPOINT}batch/", {"crossings": "no"}, format="json")
        self.assertEqual(response.status_code, 400)

    def test_an_officer_of_another_country_can_neither_record_nor_see(self) -> None:
        created = self.api.post(ENDPOINT, self.payload(), format="json").json()
        outsider = APIClient()
        outsider.force_authenticate(self.outsider)
        self.assertEqual(outsider.get(f"{ENDPOINT}{created['id']}/").status_code, 404)
        self.assertEqual(outsider.get(ENDPOINT).json()["results"], [])
        refused = outsider.post(ENDPOINT, self.payload(mrz="", family="X", given="Y",
                                                       document_number="UA1", nationality="UKR",
                                                       document_state="UKR"), format="json")
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(Crossing.objects.count(), 1)

    def test_crossings_are_filtered_by_movement_and_nationality(self) -> None:
        self.api.post(ENDPOINT, self.payload(), format="json")
        self.assertEqual(self.api.get(ENDPOINT, {"movement": "exit"}).json()["count"], 0)
        self.assertEqual(self.api.get(ENDPOINT, {"nationality": "MDA"}).json()["count"], 1)
        self.assertEqual(self.api.get(ENDPOINT, {"screening": "clear"}).json()["count"], 1)

    def test_crossings_cannot_be_changed_or_deleted(self) -> None:
        created = self.api.post(ENDPOINT, self.payload(), format="json").json()
        self.grant(self.owner, Crossing, ["change", "delete"])
        self.assertEqual(self.api.patch(f"{ENDPOINT}{created['id']}/", {}).status_code, 405)
        self.assertEqual(self.api.delete(f"{ENDPOINT}{created['id']}/").status_code, 405)


def make_crossings(user: User, point: BorderCrossingPoint, suffix: str = "") -> list[models.Model]:
    """Three crossings of three travellers at ``point``, recorded by ``user``."""
    user.__dict__.pop("_crossroads_permission_cache", None)
    made: list[models.Model] = []
    for i in range(3):
        data = CrossingInput(point=point, movement="entry", family=f"Traveller{suffix}{i}",
                             given="Test", birth=PartialDate(1980 + i, 1, 1),
                             nationality="MDA", document_kind="passport",
                             document_number=f"DOC{suffix}{i}".upper().replace(" ", ""),
                             document_state="MDA")
        made.append(record_crossing(user, data).crossing)
    return made


class SuiteFixtures(CrossingTestCase):
    """A recorder (a colleague with the grants) makes the crossings; the owner, whom the
    suites grant and take permissions, starts with none on crossings."""

    @classmethod
    def make_officer(cls, user: User) -> None:
        pass  # the suites grant the owner what each test needs

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        from crossroads.core.permissions import can

        # Called by the suites before CrossingTestCase has made its points.
        point = BorderCrossingPoint.objects.get_or_create(
            code="suite-point", defaults={"country": cls.home_country, "name": "Suite point",
                                          "kind": "land"})[0]
        recorder = User.objects.get(username="colleague")
        recorder.__dict__.pop("_crossroads_permission_cache", None)
        if not can(recorder, Crossing, "add"):
            CrossingTestCase.make_officer(recorder)
        return make_crossings(recorder, point, suffix)


class CrossingViewTests(SuiteFixtures, ViewTestCases.ObjectViews):
    views = views.CrossingViews
    editable = False


class CrossingAPISuiteTests(SuiteFixtures, APITestCases.API):
    endpoint = ENDPOINT
    model = Crossing
    writable = False


class CrossingFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.CrossingFilterSet
