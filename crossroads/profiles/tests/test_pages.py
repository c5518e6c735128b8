"""The pages of migration profiles: the public repository, one profile as HTML and JSON,
the working page's workflow buttons, and the diff between versions."""

from __future__ import annotations

from datetime import date
from typing import Any
from unittest import mock

from django.test import Client
from django.urls import reverse

from crossroads.evidence.tests.figures import finish, put, release
from crossroads.profiles import workflow
from crossroads.profiles.choices import ProfileStatus
from crossroads.profiles.models import Profile
from crossroads.profiles.tests.fixtures import YEAR, ProfileTestCase

FAKE_PDF = b"%PDF-1.7 test"


class ProfilePageTests(ProfileTestCase):
    published: Profile
    draft_profile: Profile

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        with mock.patch("crossroads.profiles.pdf.render_pdf", return_value=FAKE_PDF):
            cls.published = workflow.approve(workflow.submit(cls.draft(), cls.owner), cls.admin)
        cls.draft_profile = cls.draft("UKR", organisation=cls.regional.organisation)

    def get(self, client: Client, name: str, profile: Profile, **query: Any) -> Any:
        return client.get(reverse(f"profiles:{name}", args=[profile.pk]), query)

    def test_anyone_reads_the_repository_and_a_published_profile(self) -> None:
        anonymous = Client()
        listing = anonymous.get(reverse("profiles:repository"))
        self.assertContains(listing, "Moldova")
        self.assertContains(listing, reverse("profiles:profile_pdf", args=[self.published.pk]))
        self.assertNotContains(listing, "Ukraine")  # a draft is not in the repository
        page = self.get(anonymous, "published", self.published)
        self.assertContains(page, 'data-figure="MIG_STOCK"')
        self.assertContains(page, "104,000")
        self.assertContains(page, "Improve the registration of arrivals.")
        pdf = self.get(anonymous, "profile_pdf", self.published)
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(pdf), FAKE_PDF)  # the stored PDF, not a new one

    def test_the_same_view_gives_json_with_the_same_figures(self) -> None:
        data = self.get(Client(), "profile_json", self.published).json()
        self.assertEqual(data, self.published.snapshot)
        self.assertEqual(data["profile"]["status"], ProfileStatus.PUBLISHED)

    def test_drafts_stay_behind_permissions(self) -> None:
        for name in ("published", "profile_json", "profile_pdf"):
            self.assertEqual(self.get(Client(), name, self.draft_profile).status_code, 404)
        self.assertEqual(self.get(Client(), "profile", self.published).status_code, 302)

    def test_the_working_page_offers_only_the_steps_the_user_may_take(self) -> None:
        author = Client()
        author.force_login(self.owner)
        page = self.get(author, "profile", self.published)
        self.assertContains(page, reverse("profiles:profile_new_version",
                                          args=[self.published.pk]))
        self.assertNotContains(page, reverse("profiles:profile_approve",
                                             args=[self.published.pk]))
        self.assertContains(page, "Approved")

    def test_a_refused_step_says_why_and_changes_nothing(self) -> None:
        author = Client()
        author.force_login(self.owner)
        response = author.post(reverse("profiles:profile_submit", args=[self.published.pk]),
                               follow=True)
        self.assertContains(response, "this step needs a profile that is")
        self.assertEqual(Profile.objects.get(pk=self.published.pk).status,
                         ProfileStatus.PUBLISHED)

    def test_the_diff_shows_changed_figures_and_narrative(self) -> None:
        newer = release("undesa-2024", "undesa-ims", published=date(2024, 5, 1))
        put(newer, "MIG_STOCK", "MDA", YEAR, 120000)
        finish()
        second = workflow.new_version(self.published, self.owner)
        Profile.objects.filter(pk=second.pk).update(key_findings="Immigration grew fast.")
        author = Client()
        author.force_login(self.owner)
        page = self.get(author, "profile_diff", second)
        self.assertContains(page, "104,000")
        self.assertContains(page, "120,000")
        self.assertContains(page, "Immigration grew fast.")
        self.assertContains(page, "Immigration grew slowly.")
        other = self.get(author, "profile_diff", second, against=self.draft_profile.pk)
        self.assertEqual(other.status_code, 404)  # another profile, not a version
