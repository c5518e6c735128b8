"""The returns API: generic read checks, the whole return through POST steps, refusals
with their reasons, and nothing for an outsider."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework.test import APIClient

from crossroads.protection import models as m
from crossroads.protection.returns import eligibility
from crossroads.protection.tests.test_returns_helpers import (
    ALL_YES,
    ANSWERS,
    ReturnsTestCase,
    legs,
    make_applications,
)
from crossroads.testing.suites import APITestCases
from crossroads.users.models import User

API = "/api/v1/protection"


class ReturnApplicationAPITests(APITestCases.API):
    endpoint = f"{API}/return-applications/"
    model = m.ReturnApplication
    writable: ClassVar[bool] = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return list(make_applications(cls.organisation, suffix))


class TravelArrangementAPITests(APITestCases.API):
    endpoint = f"{API}/travel-arrangements/"
    model = m.TravelArrangement
    writable: ClassVar[bool] = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [m.TravelArrangement.objects.create(
            case=a.case, application=a, document_status="valid", departure_date="2026-05-01")
            for a in make_applications(cls.organisation, f"t{suffix}")]


class ReturnStepsAPITests(ReturnsTestCase):
    def setUp(self) -> None:
        self.api = APIClient()
        self.api.force_authenticate(self.owner)

    def post(self, path: str, data: dict[str, Any], user: User | None = None) -> Any:
        if user is not None:
            self.api.force_authenticate(user)
        return self.api.post(f"{API}/{path}", data, format="json")

    def apply(self) -> int:
        response = self.post("return-applications/", {
            "case": self.case.pk, "applicant": self.applicant.pk,
            "country_of_return": self.georgia.pk, "destination": "Batumi"})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["status"], "applied")
        return int(response.json()["id"])

    def test_a_whole_return_through_the_api(self) -> None:
        pk = self.apply()
        steps = f"return-applications/{pk}"
        self.assertEqual(self.post(f"{steps}/decide/", {"answers": ALL_YES}).json()["status"],
                         "eligible")
        travel = self.post(f"{steps}/arrange-travel/", {
            "departure_date": legs()[0]["departs"][:10], "itinerary": legs(),
            "document_status": "issued", "document_reference": "GE7", "fitness": "fit",
            "fitness_assessed_on": legs()[0]["departs"][:10][:4] + "-01-01"})
        self.assertEqual(travel.status_code, 200, travel.content)
        for step, status in (("confirm-departure", "departed"), ("confirm-arrival", "arrived")):
            self.assertEqual(self.post(f"{steps}/{step}/", {}).json()["status"], status)
        plan = self.post("reintegration-plans/", {"application": pk, "economic": "Workshop"})
        self.assertEqual(plan.status_code, 201, plan.content)
        item = self.post("reintegration-assistance/", {
            "plan": plan.json()["id"], "dimension": "economic", "kind": "business"})
        self.assertEqual(item.status_code, 201, item.content)
        delivered = self.post(f"reintegration-assistance/{item.json()['id']}/deliver/", {})
        self.assertIsNotNone(delivered.json()["delivered_on"])
        visit = self.post("monitoring-visits/", {"plan": plan.json()["id"], "answers": ANSWERS})
        self.assertEqual(visit.status_code, 201, visit.content)
        self.assertEqual(visit.json()["band"], "medium")

    def test_a_refused_step_answers_400_with_the_reason(self) -> None:
        pk = self.apply()
        response = self.post(f"return-applications/{pk}/confirm-arrival/", {})
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot move from", response.json()["status"][0])
        unanswered = self.post(f"return-applications/{pk}/decide/", {"answers": {}})
        self.assertEqual(len(unanswered.json()["answers"]), len(eligibility.ELIGIBILITY))
        self.assertEqual(m.ReturnApplication.objects.get().status, "applied")

    def test_an_outsider_gets_nothing_and_changes_nothing(self) -> None:
        pk = self.apply()
        self.api.force_authenticate(self.outsider)
        self.assertEqual(self.api.get(f"{API}/return-applications/").json()["results"], [])
        self.assertEqual(self.api.get(f"{API}/return-applications/{pk}/").status_code, 404)
        response = self.post(f"return-applications/{pk}/withdraw/", {"reason": "No"})
        self.assertEqual(response.status_code, 404)
        applying = self.post("return-applications/", {
            "case": self.case.pk, "applicant": self.applicant.pk,
            "country_of_return": self.georgia.pk})
        self.assertEqual(applying.status_code, 400)
        self.assertEqual(m.ReturnApplication.objects.get().status, "applied")

    def test_a_user_without_permission_is_refused(self) -> None:
        nobody = self.make_user("nobody", self.organisation)
        pk = self.apply()
        response = self.post(f"return-applications/{pk}/withdraw/", {"reason": "No"}, nobody)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.api.get(f"{API}/monitoring-visits/").status_code, 403)

    def test_records_are_not_edited_or_deleted_directly(self) -> None:
        pk = self.apply()
        self.grant(self.owner, m.ReturnApplication, "delete")
        url = f"{API}/return-applications/{pk}/"
        self.assertEqual(self.api.patch(url, {"status": "arrived"}, format="json").status_code,
                         405)
        self.assertEqual(self.api.delete(url).status_code, 405)
        self.assertEqual(m.ReturnApplication.objects.get().status, "applied")
