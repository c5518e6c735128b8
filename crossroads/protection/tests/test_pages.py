"""Pages of protection: generic suites, the case page, workflow buttons, documents, caseload."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import override_settings
from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.people.models import Person
from crossroads.protection import documents, views
from crossroads.protection import models as m
from crossroads.protection.choices import CaseStatus
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.testing.suites import ViewTestCases
from crossroads.users.models import Organisation, User

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def make_cases(organisation: Organisation, suffix: str = "") -> list[models.Model]:
    return [m.Case.objects.create(reference=f"P-{suffix}-{i}", case_type="crisis",
                                  organisation=organisation) for i in range(3)]


class CaseViewTests(ViewTestCases.ObjectViews):
    views = views.CaseViews
    related = (Organisation, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return make_cases(cls.organisation, suffix)

    def form_data(self) -> dict[str, Any]:
        return {"reference": "MDA-2026-0500", "case_type": "stranded",
                "organisation": self.organisation.pk, "case_worker": self.owner.pk,
                "priority": "medium", "opened_on": "2026-03-01"}


class TaskViewTests(ViewTestCases.ObjectViews):
    views = views.TaskViews
    related = (m.Case, User)

    @classmethod
    def create_objects(cls, suffix: str = "") -> list[models.Model]:
        return [m.Task.objects.create(case=case, title="Call", due_on="2026-01-05",
                                      assignee=cls.owner)
                for case in make_cases(cls.organisation, suffix)]

    def form_data(self) -> dict[str, Any]:
        case = m.Case.objects.first()
        assert case is not None
        return {"case": case.pk, "title": "Visit the shelter", "due_on": "2026-04-01",
                "assignee": self.owner.pk}


class CasePageTests(ProtectionTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.owner)
        self.media = tempfile.TemporaryDirectory()
        self.addCleanup(self.media.cleanup)
        changed = override_settings(MEDIA_ROOT=self.media.name)
        changed.enable()
        self.addCleanup(changed.disable)

    def page(self) -> Any:
        return self.client.get(self.case.get_absolute_url())

    def test_the_case_page_shows_persons_without_names_to_a_facts_only_role(self) -> None:
        principal = self.add_principal(self.case)
        self.person_of(principal).names.create(part="family", value="Popescu", position=0)
        response = self.page()
        self.assertContains(response, f"person #{str(self.person_of(principal).uid)[:8]}")
        self.assertNotContains(response, "Popescu")

    def test_opening_the_case_page_is_audited(self) -> None:
        self.page()
        self.assertTrue(AuditEvent.objects.filter(
            object_type=ContentType.objects.get_for_model(m.Case),
            object_id=str(self.case.pk), user=self.owner).exists())

    def test_a_refused_move_shows_its_reason(self) -> None:
        response = self.client.post(reverse("protection:case_move", args=[self.case.pk]),
                                    {"to_status": "services"}, follow=True)
        self.assertContains(response, "cannot move from")
        self.assertEqual(self.reload(self.case).status, CaseStatus.REGISTERED)

    def test_a_move_from_the_page_changes_the_status(self) -> None:
        self.client.post(reverse("protection:case_move", args=[self.case.pk]),
                         {"to_status": "assessment"})
        self.assertEqual(self.reload(self.case).status, CaseStatus.ASSESSMENT)

    def test_an_outsider_cannot_move_or_see_the_case(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.page().status_code, 404)
        response = self.client.post(reverse("protection:case_move", args=[self.case.pk]),
                                    {"to_status": "assessment"})
        self.assertEqual(response.status_code, 404)

    def test_an_upload_of_the_wrong_type_is_refused_with_a_message(self) -> None:
        upload = SimpleUploadedFile("notes.pdf", b"<script>alert(1)</script>", "application/pdf")
        response = self.client.post(reverse("protection:case_upload", args=[self.case.pk]),
                                    {"title": "Notes", "file": upload}, follow=True)
        self.assertContains(response, "Only PDF, PNG and JPEG")
        self.assertFalse(m.CaseDocument.objects.exists())

    def test_a_document_is_served_only_to_those_who_may_see_it(self) -> None:
        document = documents.attach(self.case, SimpleUploadedFile("a.pdf", PDF), "Statement")
        url = reverse("protection:document_download", args=[document.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)  # type: ignore[attr-defined]
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_person_the_user_may_view_is_added_by_identifier(self) -> None:
        person = Person.objects.create(organisation=self.organisation, birth_year=1980)
        url = reverse("protection:case_add_person", args=[self.case.pk])
        response = self.client.post(url, {"uid": str(person.uid), "role": "principal"},
                                    follow=True)
        self.assertContains(response, "No person you may view")
        self.assertFalse(self.case.casepersons.exists())
        self.grant(self.owner, Person, "view")
        self.client.post(url, {"uid": str(person.uid), "role": "principal"})
        self.assertEqual(self.case.casepersons.get().person, person)

    def test_consent_is_recorded_and_withdrawn_from_the_case_page(self) -> None:
        principal = self.add_principal(self.case)
        url = reverse("protection:case_record_consent", args=[self.case.pk])
        response = self.client.post(url, {"case_person": principal.pk, "purpose": "referral",
                                          "given_on": "2026-03-01"}, follow=True)
        self.assertContains(response, "names the organisation")
        self.assertFalse(m.Consent.objects.exists())
        self.client.post(url, {"case_person": principal.pk, "purpose": "assistance",
                               "given_on": "2026-03-01"})
        given = m.Consent.objects.get()
        self.assertEqual((given.taken_by, given.withdrawn_on), (self.owner, None))
        self.client.post(reverse("protection:consent_withdraw", args=[given.pk]))
        given.refresh_from_db()
        self.assertIsNotNone(given.withdrawn_on)

    def test_a_best_interests_determination_is_recorded_for_a_child_in_the_case(self) -> None:
        child = self.add_principal(self.case, born=2014)
        other = self.make_case("MDA-2026-0003", worker=self.owner)
        stranger = self.add_principal(other)
        url = reverse("protection:case_record_best_interests", args=[self.case.pk])
        self.client.post(url, {"child": stranger.pk, "kind": "determination",
                               "recommendation": "Stay with the aunt."})
        self.assertFalse(m.BestInterests.objects.exists())
        self.client.post(url, {"child": child.pk, "kind": "determination",
                               "recommendation": "Stay with the aunt."})
        recorded = m.BestInterests.objects.get()
        self.assertEqual((recorded.child, recorded.done_by), (child, self.owner))

    def test_the_caseload_page_shows_counts_to_a_viewer_of_aggregates(self) -> None:
        viewer = self.make_user("viewer", self.organisation)
        self.grant(viewer, m.Case, "aggregate", {"organisation": "$user.organisation"})
        self.client.force_login(viewer)
        response = self.client.get(reverse("protection:caseload"))
        self.assertContains(response, "Fewer than 5 cases you may count")
        self.assertNotContains(response, self.case.reference)
        self.assertEqual(self.page().status_code, 403)
