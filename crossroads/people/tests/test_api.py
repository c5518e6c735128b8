"""The people API beyond the generic suites: registering, candidate search, the review
queue's decisions and undoing merges."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from crossroads.core.models import AuditEvent
from crossroads.people import merges
from crossroads.people import models as m
from crossroads.people.tests.samples import make_person
from crossroads.testing import CrossroadsTestCase

API = "/api/v1/people"


def yulia(**changes: Any) -> dict[str, Any]:
    return {"names": [{"part": "given", "value": "Юлия", "language": "ru"},
                      {"part": "family", "value": "Ковальчук", "language": "ru",
                       "source": "internal passport"}],
            "sex": "F", "birth": {"year": 1990, "month": 3, "day": 14},
            "place_of_birth": "Київ", "nationalities": ["UKR"],
            "documents": [{"kind": "passport", "number": "FE 123456", "issuing_state": "UKR",
                           "issued_on": "2019-05-01", "expires_on": "2029-05-01"}],
            **changes}


class APICase(CrossroadsTestCase):
    def setUp(self) -> None:
        self.api = APIClient()
        self.api.force_authenticate(self.owner)


class RegisterAPITests(APICase):
    def setUp(self) -> None:
        super().setUp()
        self.grant(self.owner, m.Person, ["view", "add"])
        self.grant(self.owner, m.PersonName, "view")
        self.grant(self.owner, m.Nationality, "view")
        self.grant(self.owner, m.IdentityDocument, "view")

    def test_a_person_is_registered_with_everything_nested_in_the_answer(self) -> None:
        response = self.api.post(f"{API}/persons/", yulia(), format="json")
        self.assertEqual(response.status_code, 201, response.content)
        data = response.json()
        person = m.Person.objects.get(pk=data["id"])
        self.assertEqual((person.organisation, data["uid"]), (self.organisation, str(person.uid)))
        self.assertEqual(data["birth_date"], "1990-03-14")
        self.assertEqual(data["status"], "active")
        self.assertEqual(data["nationalities"], ["UKR"])
        self.assertEqual({n["value"] for n in data["names"]}, {"Юлия", "Ковальчук"})
        self.assertEqual(data["documents"][0]["number"], "FE 123456")
        self.assertEqual(data["display"], "Юлия Ковальчук")
        self.assertTrue(person.keys.exists())

    def test_bad_input_is_refused_field_by_field_and_writes_nothing(self) -> None:
        response = self.api.post(f"{API}/persons/", yulia(
            birth={"year": 2023, "month": 2, "day": 30}, nationalities=["ZZZ"],
            documents=[{"kind": "library_card", "number": "1", "issuing_state": "QQQ"}]),
            format="json")
        self.assertEqual(response.status_code, 400)
        problems = response.json()
        self.assertEqual(set(problems), {"birth", "nationalities", "documents"})
        self.assertIn("library_card", problems["documents"][0])
        self.assertIn("QQQ", problems["documents"][0])
        self.assertFalse(m.Person.objects.exists())

    def test_an_empty_name_is_refused(self) -> None:
        response = self.api.post(f"{API}/persons/", yulia(names=[
            {"part": "given", "value": " "}]), format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("names", response.json())
        self.assertFalse(m.Person.objects.exists())

    def test_a_user_without_an_organisation_cannot_register(self) -> None:
        lonely = self.make_user("lonely", None)
        self.grant(lonely, m.Person, ["view", "add"])
        self.api.force_authenticate(lonely)
        response = self.api.post(f"{API}/persons/", yulia(), format="json")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(m.Person.objects.exists())

    def test_a_person_the_user_could_not_view_is_not_registered(self) -> None:
        self.grant(self.colleague, m.Person, "add")
        self.grant(self.colleague, m.Person, "view", {"organisation": self.other_organisation.pk})
        self.api.force_authenticate(self.colleague)
        response = self.api.post(f"{API}/persons/", yulia(), format="json")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(m.Person.objects.exists())
        self.assertFalse(m.PersonName.objects.exists())

    def test_a_merged_person_points_to_the_survivor(self) -> None:
        self.grant(self.owner, m.Person, "change")
        survivor = make_person(self.organisation, "Yulia", "Kovalchuk")
        merged = make_person(self.organisation, "Julija", "Kovalčuk")
        merges.merge(survivor, merged, self.owner)
        data = self.api.get(f"{API}/persons/{merged.pk}/").json()
        self.assertEqual((data["status"], data["merged_into"]), ("merged", str(survivor.uid)))
        self.assertEqual(data["names"], [])

    def test_names_are_shown_only_to_those_who_may_view_them(self) -> None:
        person = make_person(self.organisation, "Yulia", "Kovalchuk")
        self.grant(self.colleague, m.Person, "view")
        self.api.force_authenticate(self.colleague)
        data = self.api.get(f"{API}/persons/{person.pk}/").json()
        self.assertEqual(data["names"], [])
        self.assertNotIn("Kovalchuk", data["display"])


class SearchAPITests(APICase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.person = make_person(cls.organisation, "Юлия", "Ковальчук", sex="F",
                                 birth_year=1990, birth_month=3, birth_day=4)
        make_person(cls.organisation, "Олена", "Шевченко")

    def test_candidates_come_ranked_with_an_explanation(self) -> None:
        self.grant(self.owner, m.Person, "view")
        response = self.api.get(f"{API}/persons/search/", {
            "given": "IULIIA", "family": "KOVALCHUK", "birth_year": "1990", "birth_month": "4",
            "birth_day": "3", "sex": "F"})
        self.assertEqual(response.status_code, 200, response.content)
        rows = response.json()
        self.assertEqual(rows[0]["person"], self.person.pk)
        self.assertEqual(rows[0]["uid"], str(self.person.uid))
        fields = {f["field"]: f for f in rows[0]["fields"]}
        self.assertIn(fields["family"]["level"], ("variant", "exact"))
        self.assertEqual(fields["birth"]["level"], "day_month_swapped")
        self.assertEqual(AuditEvent.objects.filter(action=AuditEvent.Action.SEARCH).count(),
                         len(rows))

    def test_an_empty_or_oversized_query_is_refused(self) -> None:
        self.grant(self.owner, m.Person, "view")
        self.assertEqual(self.api.get(f"{API}/persons/search/").status_code, 400)
        self.assertEqual(self.api.get(f"{API}/persons/search/", {"birth_year": "1990"})
                         .status_code, 400)
        self.assertEqual(self.api.get(f"{API}/persons/search/", {"family": "Kovalchuk",
                                                                 "limit": "51"}).status_code, 400)
        self.assertEqual(self.api.get(f"{API}/persons/search/", {"family": "Kovalchuk",
                                                                 "birth_month": "13"})
                         .status_code, 400)

    def test_searching_needs_view_permission_and_sees_only_what_it_grants(self) -> None:
        self.assertEqual(self.api.get(f"{API}/persons/search/", {"family": "Kovalchuk"})
                         .status_code, 403)
        self.grant(self.owner, m.Person, "view", {"organisation": self.other_organisation.pk})
        response = self.api.get(f"{API}/persons/search/", {"family": "Kovalchuk"})
        self.assertEqual((response.status_code, response.json()), (200, []))


class ReviewAPITests(APICase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.older = make_person(cls.organisation, "Yulia", "Kovalchuk")
        cls.newer = make_person(cls.organisation, "Julija", "Kovalčuk")

    def setUp(self) -> None:
        super().setUp()
        self.grant(self.owner, m.Person, ["view", "change"])
        pair = merges.propose(self.older, self.newer, 0.93, [{"field": "family"}])
        assert pair is not None
        self.pair = pair

    def decide(self, decision: str, pk: int | None = None) -> Any:
        return self.api.post(f"{API}/possible-duplicates/{pk or self.pair.pk}/decide/",
                             {"decision": decision, "reason": "checked the passports"},
                             format="json")

    def test_confirming_merges_and_a_second_decision_is_refused(self) -> None:
        self.grant(self.owner, m.MatchPair, ["view", "change"])
        response = self.decide("confirm")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "confirmed")
        record = m.Merge.objects.get()
        self.assertEqual((record.survivor, record.merged, record.reason),
                         (self.older, self.newer, "checked the passports"))
        again = self.decide("reject")
        self.assertEqual(again.status_code, 400)
        self.assertIn("already been decided", again.json()["detail"])

    def test_rejecting_is_remembered(self) -> None:
        self.grant(self.owner, m.MatchPair, ["view", "change"])
        self.assertEqual(self.decide("reject").status_code, 200)
        self.assertFalse(m.Merge.objects.exists())
        self.assertIsNone(merges.propose(self.older, self.newer, 0.99, []))

    def test_a_decision_needs_change_on_the_pair(self) -> None:
        self.assertEqual(self.decide("confirm").status_code, 403)
        self.grant(self.owner, m.MatchPair, "view")
        self.assertEqual(self.api.get(f"{API}/possible-duplicates/{self.pair.pk}/")
                         .status_code, 200)
        self.assertEqual(self.decide("confirm").status_code, 403)
        self.grant(self.owner, m.MatchPair, "change", {"pk": 0})
        self.assertEqual(self.decide("confirm").status_code, 404)
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, "pending")

    def test_a_decision_needs_change_on_both_persons(self) -> None:
        self.grant(self.colleague, m.MatchPair, ["view", "change"])
        self.grant(self.colleague, m.Person, ["view", "change"], {"pk": self.older.pk})
        self.api.force_authenticate(self.colleague)
        response = self.decide("confirm")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(m.Merge.objects.exists())

    def test_an_unknown_decision_is_a_field_error(self) -> None:
        self.grant(self.owner, m.MatchPair, ["view", "change"])
        response = self.decide("maybe")
        self.assertEqual(response.status_code, 400)
        self.assertIn("decision", response.json())

    def test_pairs_are_not_created_or_edited_through_the_api(self) -> None:
        self.grant(self.owner, m.MatchPair, ["view", "add", "change"])
        url = f"{API}/possible-duplicates/"
        self.assertEqual(self.api.post(url, {}, format="json").status_code, 405)
        self.assertEqual(self.api.patch(f"{url}{self.pair.pk}/", {"status": "confirmed"},
                                        format="json").status_code, 405)
        self.assertEqual(self.api.get(f"{url}{self.pair.pk}/decide/").status_code, 405)

    def test_a_merge_is_undone_once(self) -> None:
        record = merges.merge(self.older, self.newer, self.owner)
        url = f"{API}/merges/{record.pk}/undo/"
        self.assertEqual(self.api.post(url).status_code, 403)
        self.grant(self.owner, m.Merge, ["view", "change"])
        response = self.api.post(url)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertIsNotNone(response.json()["undone_at"])
        self.newer.refresh_from_db()
        self.assertEqual(self.newer.status, "active")
        again = self.api.post(url)
        self.assertEqual(again.status_code, 400)
        self.assertIn("already been undone", again.json()["detail"])


class RootTests(APICase):
    def test_the_api_root_lists_the_people_endpoints(self) -> None:
        self.assertIn("people", self.api.get("/api/v1/").json())
        root = self.api.get(f"{API}/").json()
        self.assertEqual(set(root), {"persons", "names", "nationalities", "documents", "links",
                                     "possible-duplicates", "merges"})
