"""The review workflow of draft legislation: reviewers comment and recommend."""

from __future__ import annotations

from datetime import date

from rest_framework.test import APIClient

from crossroads.governance import models as m
from crossroads.reference.models import Country
from crossroads.testing import CrossroadsTestCase
from crossroads.users.models import User


class LawReviewWorkflowTests(CrossroadsTestCase):
    draft: m.Law

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.draft = m.Law.objects.create(country=cls.home_country, title="Draft law on asylum",
                                         kind="draft_law", status="under_review")
        cls.grant(cls.owner, Country, "view")
        cls.grant(cls.owner, User, "view")
        cls.grant(cls.owner, m.Law, "view")
        cls.grant(cls.owner, m.LawReview, ["view", "add"])

    def review_data(self, law: m.Law) -> dict[str, object]:
        return {"law": law.pk, "reviewer": self.owner.pk, "comment": "Article 5 is too broad.",
                "recommendation": "revise", "reviewed_on": "2024-05-01"}

    def test_a_reviewer_adds_a_review_to_a_law_under_review(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post("/governance/law-reviews/add/", self.review_data(self.draft))
        self.assertEqual(response.status_code, 302)
        review = self.draft.reviews.get()
        self.assertEqual((review.reviewer, review.recommendation), (self.owner, "revise"))

    def test_the_reviews_are_listed_on_the_law_page(self) -> None:
        m.LawReview.objects.create(law=self.draft, reviewer=self.owner, recommendation="reject",
                                   comment="Contradicts the Refugee Convention.",
                                   reviewed_on=date(2024, 5, 2))
        self.client.force_login(self.owner)
        response = self.client.get(self.draft.get_absolute_url())
        self.assertContains(response, "Contradicts the Refugee Convention.")
        self.assertContains(response, "Reject")

    def test_the_law_page_hides_reviews_the_user_may_not_view(self) -> None:
        m.LawReview.objects.create(law=self.draft, reviewer=self.owner, recommendation="approve",
                                   comment="Secret opinion.", reviewed_on=date(2024, 5, 2))
        self.grant(self.colleague, m.Law, "view")
        self.client.force_login(self.colleague)
        response = self.client.get(self.draft.get_absolute_url())
        self.assertNotContains(response, "Secret opinion.")
        self.assertContains(response, "No reviews yet.")

    def test_an_adopted_law_receives_no_new_reviews(self) -> None:
        adopted = m.Law.objects.create(country=self.home_country, title="Law on foreigners",
                                       kind="law", status="adopted")
        self.client.force_login(self.owner)
        response = self.client.post("/governance/law-reviews/add/", self.review_data(adopted))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(adopted.reviews.exists())

    def test_the_api_refuses_a_new_review_of_an_adopted_law(self) -> None:
        adopted = m.Law.objects.create(country=self.home_country, title="Law on foreigners",
                                       kind="law", status="adopted")
        api = APIClient()
        api.force_authenticate(self.owner)
        response = api.post("/api/v1/governance/law-reviews/", self.review_data(adopted),
                            format="json")
        self.assertEqual(response.status_code, 400)
        self.assertIn("law", response.json())
        self.assertFalse(adopted.reviews.exists())
