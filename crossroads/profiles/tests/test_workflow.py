"""The editorial workflow: who may write, submit, return and approve a profile, and what
publishing freezes (see :mod:`crossroads.profiles.tests.fixtures` for the users)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError

from crossroads.evidence.models import Area, Indicator
from crossroads.evidence.tests.figures import finish, put, release
from crossroads.profiles import workflow
from crossroads.profiles.choices import ProfileStatus, ReviewKind
from crossroads.profiles.diff import compare
from crossroads.profiles.document import document, figures_of, live_document
from crossroads.profiles.models import Profile, ProfileReview
from crossroads.profiles.tests.fixtures import (
    KEY_FINDINGS,
    MDA_MIGRANTS,
    REGION,
    YEAR,
    ProfileTestCase,
)
from crossroads.profiles.workflow import WorkflowError

MIGRANTS = "A/immigrants/MIG_STOCK"
#: Approving renders the PDF; the workflow tests stub it (PublicationTests render it).
FAST_PDF = mock.patch("crossroads.profiles.pdf.render_pdf", return_value=b"%PDF-stub")


def state(profile: Profile) -> tuple[Any, ...]:
    """What a refused step must leave as it was."""
    stored = Profile.objects.get(pk=profile.pk)
    return (stored.status, stored.submitted_by_id, stored.approved_by_id, stored.snapshot,
            stored.key_findings, ProfileReview.objects.filter(profile=stored).count(),
            Profile.objects.count())


class WorkflowTests(ProfileTestCase):
    profile: Profile

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.profile = cls.draft()

    def refused(self, step: Callable[[], Any], profile: Profile | None = None) -> None:
        """``step`` raises WorkflowError and changes nothing."""
        profile = profile or self.profile
        before = state(profile)
        with self.assertRaises(WorkflowError):
            step()
        self.assertEqual(state(profile), before)

    def in_review(self) -> Profile:
        return workflow.submit(self.profile, self.owner)

    def published(self) -> Profile:
        with FAST_PDF:
            return workflow.approve(self.in_review(), self.colleague)

    # 5. Who writes ------------------------------------------------------------------

    def test_only_authors_of_the_owning_organisation_may_edit_the_narrative(self) -> None:
        editable = Profile.objects.restrict(self.owner, "change")
        self.assertIn(self.profile, editable)
        for user in (self.outsider, self.colleague, self.regional):
            self.assertNotIn(self.profile, Profile.objects.restrict(user, "change"), user)
        self.refused(lambda: workflow.submit(self.profile, self.outsider))
        # The outsider writes his own organisation's profile of his own country.
        own = self.draft("UKR", organisation=self.other_organisation)
        self.assertIn(own, Profile.objects.restrict(self.outsider, "change"))
        self.assertNotIn(own, Profile.objects.restrict(self.owner, "change"))

    def test_a_national_organisation_writes_only_its_own_countrys_profile(self) -> None:
        ukraine, region = Area.objects.get(code="UKR"), Area.objects.get(code=REGION)
        for area in (ukraine, region):
            profile = Profile(area=area, year=YEAR, organisation=self.organisation)
            with self.assertRaises(ValidationError) as refused:
                profile.full_clean()
            self.assertIn("organisation", refused.exception.message_dict, area)
        for area in (ukraine, region):  # a regional organisation writes either
            Profile(area=area, year=YEAR, organisation=self.regional_organisation).full_clean()
        regional = self.draft(REGION, organisation=self.regional_organisation)
        self.assertIn(regional, Profile.objects.restrict(self.regional, "change"))
        self.assertEqual(workflow.submit(regional, self.regional).status,
                         ProfileStatus.IN_REVIEW)

    # 5. Steps -----------------------------------------------------------------------

    def test_submit_refuses_an_empty_narrative(self) -> None:
        no_findings = self.draft(year=2019, key_findings="  ")
        self.refused(lambda: workflow.submit(no_findings, self.owner), no_findings)
        no_advice = self.draft(year=2018, recommendations="")
        self.refused(lambda: workflow.submit(no_advice, self.owner), no_advice)

    def test_submit_sends_a_draft_for_review_and_locks_it(self) -> None:
        submitted = self.in_review()
        stored = Profile.objects.get(pk=self.profile.pk)
        self.assertEqual((stored.status, stored.submitted_by), (ProfileStatus.IN_REVIEW,
                                                                self.owner))
        self.assertIsNotNone(stored.submitted_at)
        stored.key_findings = "Changed in review."
        with self.assertRaises(ValidationError):
            stored.full_clean()  # only drafts are edited
        self.refused(lambda: workflow.submit(submitted, self.owner))  # not a draft any more

    def test_returning_to_draft_needs_a_comment_and_records_it(self) -> None:
        submitted = self.in_review()
        self.refused(lambda: workflow.return_to_draft(submitted, self.colleague, "  "))
        self.refused(lambda: workflow.return_to_draft(submitted, self.outsider, "No."))
        returned = workflow.return_to_draft(submitted, self.colleague, "Add the sources.")
        self.assertEqual(Profile.objects.get(pk=returned.pk).status, ProfileStatus.DRAFT)
        [review] = ProfileReview.objects.filter(profile=self.profile)
        self.assertEqual((review.kind, review.reviewer, review.comment),
                         (ReviewKind.CHANGES_REQUESTED, self.colleague, "Add the sources."))
        self.refused(lambda: workflow.return_to_draft(returned, self.colleague, "Again."))

    def test_the_submitter_and_users_without_approve_cannot_approve(self) -> None:
        submitted = self.in_review()
        with FAST_PDF:
            self.refused(lambda: workflow.approve(submitted, self.owner))  # he submitted it
            self.refused(lambda: workflow.approve(submitted, self.outsider))
            self.refused(lambda: workflow.approve(submitted, self.regional))
            self.refused(lambda: workflow.approve(submitted, AnonymousUser()))

    def test_a_draft_cannot_be_approved_before_it_is_submitted(self) -> None:
        with FAST_PDF:
            self.refused(lambda: workflow.approve(self.profile, self.colleague))
        self.refused(lambda: workflow.return_to_draft(self.profile, self.colleague, "Why?"))
        self.refused(lambda: workflow.new_version(self.profile, self.owner))

    def test_a_reviewer_approves_and_publishes(self) -> None:
        published = self.published()
        stored = Profile.objects.get(pk=published.pk)
        self.assertEqual((stored.status, stored.approved_by), (ProfileStatus.PUBLISHED,
                                                               self.colleague))
        self.assertIsNotNone(stored.published_at)
        self.assertEqual(bytes(stored.pdf or b""), b"%PDF-stub")
        self.assertEqual(stored.snapshot["profile"]["key_findings"], KEY_FINDINGS)
        self.assertEqual(stored.snapshot["profile"]["status"], ProfileStatus.PUBLISHED)
        self.assertEqual(figures_of(stored.snapshot)[MIGRANTS]["value"], MDA_MIGRANTS)
        [review] = ProfileReview.objects.filter(profile=stored)
        self.assertEqual((review.kind, review.reviewer), (ReviewKind.APPROVAL, self.colleague))
        self.refused(lambda: workflow.return_to_draft(stored, self.colleague, "Too late."),
                     stored)

    def test_a_published_profile_refuses_changes_and_deletion(self) -> None:
        published = Profile.objects.get(pk=self.published().pk)
        before = state(published)
        published.key_findings = "Rewritten after publication."
        with self.assertRaises(ValidationError):
            published.save()
        published.refresh_from_db()
        with self.assertRaises(ProtectedError):
            published.delete()
        self.assertEqual(state(published), before)
        with self.assertRaises(ValidationError):  # nor comments
            ProfileReview(profile=published, reviewer=self.colleague,
                          comment="Late remark.").full_clean()

    def test_only_one_newer_version_is_written_at_a_time(self) -> None:
        published = self.published()
        draft = workflow.new_version(published, self.owner)
        self.assertEqual((draft.version, draft.status, draft.previous_id, draft.key_findings),
                         (2, ProfileStatus.DRAFT, published.pk, KEY_FINDINGS))
        self.refused(lambda: workflow.new_version(published, self.owner), published)
        self.refused(lambda: workflow.new_version(published, self.outsider), published)
        self.assertEqual(Profile.objects.filter(area__code="MDA", year=YEAR).count(), 2)

    def test_a_draft_can_be_deleted_by_its_authors(self) -> None:
        self.assertIn(self.profile, Profile.objects.restrict(self.owner, "delete"))
        self.assertNotIn(self.profile, Profile.objects.restrict(self.outsider, "delete"))
        self.profile.delete()
        self.assertFalse(Profile.objects.filter(pk=self.profile.pk).exists())

    # 6. The public ----------------------------------------------------------------

    def test_the_public_sees_published_profiles_only(self) -> None:
        anonymous = AnonymousUser()
        self.assertFalse(Profile.objects.restrict(anonymous, "view").exists())
        published = self.published()
        other = self.draft("UKR", organisation=self.other_organisation)
        self.assertEqual(list(Profile.objects.restrict(anonymous, "view")), [published])
        self.assertFalse(Profile.objects.restrict(anonymous, "change").exists())
        self.assertNotIn(other, Profile.objects.restrict(self.make_user("reader", None),
                                                         "view"))
        self.assertEqual(document(published, anonymous), published.snapshot)


class PublicationTests(ProfileTestCase):
    """Publishing freezes the document as the public may see it; new data reaches only a
    new version. Statelessness counts are small-cell protected (threshold 5) here."""

    published: Profile
    snapshot: dict[str, Any]
    footnote: str

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Indicator.objects.filter(code="STATELESS").update(suppression_threshold=5)
        put(cls.releases["unhcr"], "STATELESS", "MDA", YEAR, 3)
        finish()
        submitted = workflow.submit(cls.draft(), cls.owner)
        cls.published = workflow.approve(submitted, cls.admin)  # a superuser: sees microdata
        cls.snapshot = cls.published.snapshot or {}
        cls.footnote = cls.note_of(cls.snapshot, MIGRANTS)

    @staticmethod
    def note_of(doc: dict[str, Any], key: str) -> str:
        number = figures_of(doc)[key]["note"]
        [note] = [n for n in doc["footnotes"] if n["number"] == number]
        return str(note["text"])

    def import_new_data(self) -> None:
        newer = release("undesa-2024", "undesa-ims", published=date(2024, 5, 1),
                        title="International Migrant Stock 2024")
        put(newer, "MIG_STOCK", "MDA", YEAR, 120000)
        finish()

    def test_approval_renders_the_pdf(self) -> None:
        pdf = bytes(Profile.objects.get(pk=self.published.pk).pdf or b"")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_a_published_profile_keeps_its_figures_when_new_data_is_imported(self) -> None:
        self.assertIn("International Migrant Stock 2020", self.footnote)
        self.import_new_data()
        stored = Profile.objects.get(pk=self.published.pk)
        for user in (self.owner, AnonymousUser()):
            frozen = document(stored, user)
            self.assertEqual(figures_of(frozen)[MIGRANTS]["value"], MDA_MIGRANTS)
            self.assertEqual(self.note_of(frozen, MIGRANTS), self.footnote)
        live = live_document(stored, self.owner)  # what a new version will show
        self.assertEqual(figures_of(live)[MIGRANTS]["value"], 120000)

    def test_a_new_version_shows_the_new_data_and_the_difference(self) -> None:
        self.import_new_data()
        draft = workflow.new_version(self.published, self.owner)
        old, new = document(self.published, self.owner), document(draft, self.owner)
        self.assertEqual(figures_of(new)[MIGRANTS]["value"], 120000)
        self.assertIn("International Migrant Stock 2024", self.note_of(new, MIGRANTS))
        self.assertEqual(new["profile"]["key_findings"], KEY_FINDINGS)
        changes = {change.key: change for change in compare(old, new).figures}
        self.assertIn(MIGRANTS, changes)
        self.assertEqual((changes[MIGRANTS].before, changes[MIGRANTS].after),
                         ("104,000", "120,000"))
        self.assertNotIn("A/immigrants/POP", changes)
        self.assertTrue(compare(old, old).unchanged)

    def test_small_cells_are_suppressed_in_the_snapshot_even_for_a_superuser(self) -> None:
        stateless = "A/refugees/STATELESS"
        self.assertEqual(figures_of(live_document(self.published, self.admin))[stateless]
                         ["value"], 3)  # the approver sees the count himself
        frozen = figures_of(self.snapshot)[stateless]
        self.assertEqual((frozen["value"], frozen["observations"]), (None, []))
        self.assertIn("STATELESS", {g["key"] for g in self.snapshot["gaps"]["missing"]})
        self.assertIsNone(figures_of(live_document(self.published, self.owner))[stateless]
                          ["value"])  # nor does an author without microdata access
        self.assertEqual(figures_of(self.snapshot)[MIGRANTS]["value"], MDA_MIGRANTS)

    def test_the_snapshot_records_the_approval(self) -> None:
        about = self.snapshot["profile"]
        self.assertEqual((about["status"], about["version"], about["approved_by"]),
                         (ProfileStatus.PUBLISHED, 1, "admin"))
        self.assertIsNotNone(about["published_at"])
