"""The protection API: generic suites, workflow steps as POST actions, caseload, facts only."""

from __future__ import annotations

import tempfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import override_settings
from rest_framework.test import APIClient

from crossroads.people.models import Person, PersonName
from crossroads.protection import factors, filtersets
from crossroads.protection import models as m
from crossroads.protection.choices import ApprovalStep, CaseStatus
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.testing.suites import APITestCases, FilterSetTestCases
from crossroads.users.models import Organisation, User

API = "/api/v1/protection"


def make_cases(organisation: Organisation, suffix: str = "") -> list[models.Model]:
    return [m.Case.objects.create(reference=f"C-{suffix}-{i}", case_type="stranded",
                                  organisation=organisation) for i in range(3)]


class CaseAPITests(APITestCases.API):
    endpoint = f"{API}/cases/"
    model = m.Case
    related = (Organisation, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_cases(cls.organisation, suffix)

    def api_data(self) -> dict[str, Any]:
        return {"reference": "MDA-2026-0100", "case_type": "presumed_vot",
                "organisation": self.organisation.pk, "case_worker": self.owner.pk,
                "priority": "high"}


class TaskAPITests(APITestCases.API):
    endpoint = f"{API}/tasks/"
    model = m.Task
    related = (m.Case, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [m.Task.objects.create(case=case, title="Follow-up call", due_on="2026-01-10",
                                      assignee=cls.owner)
                for case in make_cases(cls.organisation, suffix)]

    def api_data(self) -> dict[str, Any]:
        case = m.Case.objects.first()
        assert case is not None
        return {"case": case.pk, "title": "Home visit", "due_on": "2026-02-01",
                "assignee": self.owner.pk}


class CaseNoteAPITests(APITestCases.API):
    endpoint = f"{API}/notes/"
    model = m.CaseNote
    related = (m.Case,)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [m.CaseNote.objects.create(case=case, text="Met at the shelter.")
                for case in make_cases(cls.organisation, suffix)]

    def api_data(self) -> dict[str, Any]:
        case = m.Case.objects.first()
        assert case is not None
        return {"case": case.pk, "text": "Called the family."}


class ApprovalAPITests(APITestCases.API):
    endpoint = f"{API}/approvals/"
    model = m.Approval
    writable = False

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [m.Approval.objects.create(case=case, step="closure", requested_by=cls.owner)
                for case in make_cases(cls.organisation, suffix)]


class CaseFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.CaseFilterSet


class TaskFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.TaskFilterSet


class ApprovalFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ApprovalFilterSet


class CaseDocumentFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.CaseDocumentFilterSet
    unfiltered = {"file": "a random stored name, meaningless to search"}


class ConsentFilterSetTests(FilterSetTestCases.FilterSet):
    filterset = filtersets.ConsentFilterSet


class WorkflowAPITests(ProtectionTestCase):
    def setUp(self) -> None:
        self.api = APIClient()

    def post(self, user: User, url: str, data: dict[str, Any]) -> Any:
        self.api.force_authenticate(user)
        return self.api.post(url, data, format="json")

    def test_a_refused_move_answers_400_with_the_reason(self) -> None:
        response = self.post(self.owner, f"{API}/cases/{self.case.pk}/move/",
                             {"to_status": "services"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot move", response.json()["status"][0])

    def test_a_case_moves_through_the_api_after_approval(self) -> None:
        case_url = f"{API}/cases/{self.case.pk}/"
        self.assertEqual(self.post(self.owner, f"{case_url}move/",
                                   {"to_status": "assessment"}).status_code, 200)
        response = self.post(self.owner, f"{case_url}request-approval/",
                             {"step": ApprovalStep.ASSESSMENT})
        self.assertEqual(response.status_code, 201, response.content)
        decide = f"{API}/approvals/{response.json()['id']}/decide/"
        # A case worker may not decide approvals (not even to refuse their own).
        self.assertEqual(self.post(self.owner, decide, {"approve": False}).status_code, 403)
        self.assertEqual(self.post(self.colleague, decide, {"approve": True}).status_code, 200)
        moved = self.post(self.owner, f"{case_url}move/", {"to_status": "case_plan"})
        self.assertEqual(moved.json()["status"], CaseStatus.CASE_PLAN)

    def test_a_case_of_another_organisation_is_not_found(self) -> None:
        self.api.force_authenticate(self.outsider)
        self.assertEqual(self.api.get(f"{API}/cases/{self.case.pk}/").status_code, 404)

    def test_persons_are_shown_without_names_to_a_role_without_persons(self) -> None:
        principal = self.add_principal(self.case)
        self.person_of(principal).names.create(part="given", value="Ana", position=0)
        self.api.force_authenticate(self.owner)
        shown = self.api.get(f"{API}/cases/{self.case.pk}/").json()["persons"][0]["shown_as"]
        self.assertEqual(shown, f"person #{str(self.person_of(principal).uid)[:8]}")
        self.grant(self.owner, Person, "view")
        self.grant(self.owner, PersonName, "view")
        shown = self.api.get(f"{API}/cases/{self.case.pk}/").json()["persons"][0]["shown_as"]
        self.assertEqual(shown, "Ana")

    def test_a_screening_through_the_api_sets_the_priority_or_names_what_is_missing(self) -> None:
        url = f"{API}/cases/{self.case.pk}/screen/"
        answers = {f.code: False for f in factors.FACTORS}
        incomplete = self.post(self.owner, url, {"answers": {"disability": True}})
        self.assertEqual(incomplete.status_code, 400)
        self.assertIn("not answered", " ".join(incomplete.json()["answers"]))
        response = self.post(self.owner, url, {"answers": {**answers, "child_alone": True}})
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["priority"], "critical")
        self.assertEqual(self.reload(self.case).priority, "critical")

    def test_a_consent_to_a_referral_without_the_organisation_is_refused(self) -> None:
        principal = self.add_principal(self.case)
        self.grant(self.owner, User, "view")
        response = self.post(self.owner, f"{API}/consents/", {
            "case": self.case.pk, "case_person": principal.pk, "purpose": "referral",
            "given_on": "2026-03-01", "taken_by": self.owner.pk})
        self.assertEqual(response.status_code, 400)
        self.assertIn("organisation", response.json())
        self.assertFalse(m.Consent.objects.exists())

    def test_a_document_is_attached_through_the_api_and_a_bad_one_refused(self) -> None:
        url = f"{API}/cases/{self.case.pk}/attach/"
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            self.api.force_authenticate(self.owner)
            bad = self.api.post(url, {"title": "Scan", "file": SimpleUploadedFile(
                "scan.jpg", b"GIF89a not allowed")}, format="multipart")
            self.assertEqual(bad.status_code, 400)
            self.assertIn("PDF, PNG and JPEG", bad.json()["file"][0])
            good = self.api.post(url, {"title": "Scan", "file": SimpleUploadedFile(
                "scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)}, format="multipart")
            self.assertEqual(good.status_code, 201, good.content)
            self.assertEqual(good.json()["media_type"], "image/png")
            listed = self.api.get(f"{API}/documents/").json()["results"]
            self.assertEqual([row["title"] for row in listed], ["Scan"])

    def test_the_caseload_gives_counts_to_a_viewer_of_aggregates(self) -> None:
        viewer = self.make_user("viewer", self.organisation)
        self.grant(viewer, m.Case, "aggregate", {"organisation": "$user.organisation"})
        self.api.force_authenticate(viewer)
        counted = self.api.get(f"{API}/reports/caseload/").json()
        self.assertEqual(counted["status"], {"registered": "<5"})
        self.assertEqual(self.api.get(f"{API}/cases/").status_code, 403)
