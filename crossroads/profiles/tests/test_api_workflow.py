"""The editorial workflow through the API: submit, return, approve, new version, document.

Who may do what is set up by ``ProfileTestCase.grant_roles``: ``owner`` and ``outsider``
write their own organisation's profiles, ``colleague`` and ``owner`` approve.
"""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from crossroads.profiles.choices import ProfileStatus, ReviewKind
from crossroads.profiles.models import Profile, ProfileReview
from crossroads.profiles.tests.fixtures import KEY_FINDINGS, ProfileTestCase
from crossroads.users.models import User

API = "/api/v1/profiles/profiles"


class ProfileWorkflowAPITests(ProfileTestCase):
    def setUp(self) -> None:
        self.api = APIClient()

    def as_user(self, user: User | None) -> APIClient:
        self.api.force_authenticate(user)
        return self.api

    def step(self, user: User, profile: Profile, name: str, **body: Any) -> Any:
        return self.as_user(user).post(f"{API}/{profile.pk}/{name}/", body, format="json")

    def publish(self, profile: Profile) -> Profile:
        self.assertEqual(self.step(self.owner, profile, "submit").status_code, 200)
        self.assertEqual(self.step(self.colleague, profile, "approve").status_code, 200)
        return Profile.objects.get(pk=profile.pk)

    def test_submit_return_resubmit_and_approve(self) -> None:
        profile = self.draft()
        response = self.step(self.owner, profile, "submit")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], ProfileStatus.IN_REVIEW)
        self.assertEqual(response.json()["submitted_by"], self.owner.pk)

        refused = self.step(self.colleague, profile, "return-to-draft", comment="")
        self.assertEqual(refused.status_code, 400)
        response = self.step(self.colleague, profile, "return-to-draft",
                             comment="Explain the 2015 figure.")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], ProfileStatus.DRAFT)
        review = ProfileReview.objects.get(profile=profile)
        self.assertEqual((review.kind, review.reviewer, review.comment),
                         (ReviewKind.CHANGES_REQUESTED, self.colleague,
                          "Explain the 2015 figure."))

        self.assertEqual(self.step(self.owner, profile, "submit").status_code, 200)
        response = self.step(self.colleague, profile, "approve", comment="Good.")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(body["status"], ProfileStatus.PUBLISHED)
        self.assertEqual(body["approved_by"], self.colleague.pk)
        self.assertIsNotNone(body["published_at"])
        self.assertNotIn("snapshot", body)
        self.assertNotIn("pdf", body)
        stored = Profile.objects.get(pk=profile.pk)
        self.assertTrue(stored.snapshot)
        pdf = self.client.get(body["pdf_url"])
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertTrue(b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])
                        .startswith(b"%PDF"))

    def test_the_author_who_submitted_cannot_approve(self) -> None:
        profile = self.draft()
        self.assertEqual(self.step(self.owner, profile, "submit").status_code, 200)
        response = self.step(self.owner, profile, "approve")
        self.assertEqual(response.status_code, 400)
        self.assertIn("detail", response.json())
        self.assertEqual(Profile.objects.get(pk=profile.pk).status, ProfileStatus.IN_REVIEW)

    def test_an_author_of_another_organisation_can_neither_edit_nor_submit(self) -> None:
        profile = self.draft()
        api = self.as_user(self.outsider)
        response = api.patch(f"{API}/{profile.pk}/", {"key_findings": "Rewritten."},
                             format="json")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.step(self.outsider, profile, "submit").status_code, 403)
        self.assertEqual(Profile.objects.get(pk=profile.pk).status, ProfileStatus.DRAFT)
        self.assertEqual(Profile.objects.get(pk=profile.pk).key_findings, KEY_FINDINGS)

    def test_steps_on_a_profile_the_user_cannot_see_are_not_found(self) -> None:
        profile = self.draft()
        stranger = self.make_user("stranger", None)
        self.assertEqual(self.step(stranger, profile, "submit").status_code, 404)

    def test_area_year_and_language_are_fixed(self) -> None:
        profile = self.draft()
        api = self.as_user(self.owner)
        response = api.patch(f"{API}/{profile.pk}/", {"year": 2019}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("year", response.json())
        response = api.patch(f"{API}/{profile.pk}/", {"key_findings": "New."}, format="json")
        self.assertEqual(response.status_code, 200, response.content)

    def test_an_in_review_profile_is_not_edited(self) -> None:
        profile = self.draft()
        self.assertEqual(self.step(self.owner, profile, "submit").status_code, 200)
        response = self.as_user(self.owner).patch(f"{API}/{profile.pk}/",
                                                  {"key_findings": "Late."}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Only a draft can be edited", str(response.json()))

    def test_a_published_profile_refuses_changes_and_deletion(self) -> None:
        profile = self.publish(self.draft())
        api = self.as_user(self.owner)
        response = api.patch(f"{API}/{profile.pk}/", {"key_findings": "Changed."},
                             format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Only a draft can be edited", str(response.json()))
        response = api.delete(f"{API}/{profile.pk}/")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Only draft profiles can be deleted", response.json()["detail"])
        self.assertTrue(Profile.objects.filter(pk=profile.pk).exists())

    def test_a_new_version_is_a_draft_carrying_the_narrative(self) -> None:
        profile = self.publish(self.draft())
        response = self.step(self.owner, profile, "new-version")
        self.assertEqual(response.status_code, 201, response.content)
        body = response.json()
        self.assertEqual((body["version"], body["status"], body["previous"]),
                         (2, ProfileStatus.DRAFT, profile.pk))
        self.assertEqual(body["key_findings"], KEY_FINDINGS)
        again = self.step(self.owner, profile, "new-version")
        self.assertEqual(again.status_code, 400)

    def test_anonymous_visitors_read_published_documents_only(self) -> None:
        draft = self.draft(year=2019)
        published = self.publish(self.draft())
        anonymous = self.as_user(None)
        response = anonymous.get(f"{API}/{published.pk}/document/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), published.snapshot)
        self.assertEqual(anonymous.get(f"{API}/{draft.pk}/document/").status_code, 404)
        self.assertIn(anonymous.get(f"{API}/{published.pk}/").status_code, (401, 403))
        self.assertIn(anonymous.post(f"{API}/{published.pk}/new-version/").status_code,
                      (401, 403))

    def test_the_document_of_a_draft_is_live(self) -> None:
        profile = self.draft()
        response = self.as_user(self.owner).get(f"{API}/{profile.pk}/document/")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["area"]["code"], "MDA")
        self.assertEqual(body["profile"]["key_findings"], KEY_FINDINGS)

    def test_a_published_profile_takes_no_more_comments(self) -> None:
        profile = self.publish(self.draft())
        self.grant(self.colleague, ProfileReview, "add")
        self.grant(self.colleague, User, "view")
        response = self.as_user(self.colleague).post(
            "/api/v1/profiles/reviews/", {"profile": profile.pk, "reviewer": self.colleague.pk,
                                          "kind": "comment", "comment": "Late."}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("profile", response.json())
