"""Referral pages: what the receiving organisation sees (only what is shared), the case
page's section and "Refer" form, the step buttons, the lists and their overdue filter."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from crossroads.core.models import AuditEvent
from crossroads.people.models import Person
from crossroads.people.views import PersonViews
from crossroads.protection.choices import ReferralStatus, Service
from crossroads.protection.models import Referral
from crossroads.protection.nrm import sharing
from crossroads.protection.tests.test_nrm_referrals import NrmTestCase


class ReceiverTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def setUp(self) -> None:
        self.referral = self.refer(shares=["name", "nationality", "language"])

    def test_the_receiver_sees_only_what_the_referral_shares(self) -> None:
        self.client.force_login(self.focal)
        response = self.client.get(self.referral.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Olena Koval")
        self.assertContains(response, "UKR")
        self.assertContains(response, "A safe place for two weeks.")
        self.assertNotContains(response, "1998")  # the birth date is not shared
        self.assertNotContains(response, self.case.reference)
        self.assertNotContains(response, self.case.get_absolute_url())

    def test_the_shared_view_lists_only_the_shared_fields(self) -> None:
        view = sharing.shared_view(self.focal, self.referral)
        self.assertEqual(view["person"], {"name": "Olena Koval", "nationality": ["UKR"],
                                          "language": ["uk"]})
        self.assertEqual(view["referring_organisation"], "Home Organisation")

    def test_the_receiver_cannot_open_the_case_or_the_person(self) -> None:
        self.client.force_login(self.focal)
        self.assertIn(self.client.get(self.case.get_absolute_url()).status_code, (403, 404))
        self.assertFalse(Person.objects.restrict(self.focal, "view").exists())
        person_page = PersonViews.url("", self.principal.person)
        self.assertIn(self.client.get(person_page).status_code, (403, 404))

    def test_reads_of_the_referral_are_audited(self) -> None:
        self.client.force_login(self.focal)
        self.client.get(self.referral.get_absolute_url())
        self.assertTrue(AuditEvent.objects.filter(
            user=self.focal, object_id=str(self.referral.pk), action="view").exists())

    def test_someone_of_a_third_organisation_gets_404(self) -> None:
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(self.referral.get_absolute_url()).status_code, 404)

    def test_the_referring_side_sees_the_full_referral(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get(self.referral.get_absolute_url())
        self.assertContains(response, self.case.get_absolute_url())
        self.assertContains(response, "consent given on")

    def test_the_receiver_accepts_from_the_page(self) -> None:
        self.client.force_login(self.focal)
        page = self.client.get(self.referral.get_absolute_url())
        self.assertContains(page, "Accept")
        self.assertNotContains(page, "Cancel the referral")
        url = reverse("protection:referral_step", args=[self.referral.pk, "accept"])
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertEqual(Referral.objects.get().status, ReferralStatus.ACCEPTED)

    def test_a_refused_step_shows_its_reason_and_changes_nothing(self) -> None:
        self.client.force_login(self.focal)
        url = reverse("protection:referral_step", args=[self.referral.pk, "reject"])
        response = self.client.post(url, {"text": ""}, follow=True)
        self.assertContains(response, "Say why the referral is rejected.")
        self.assertEqual(Referral.objects.get().status, ReferralStatus.SENT)

    def test_the_referring_side_cannot_answer_from_the_page(self) -> None:
        self.client.force_login(self.owner)
        url = reverse("protection:referral_step", args=[self.referral.pk, "accept"])
        self.client.post(url)
        self.assertEqual(Referral.objects.get().status, ReferralStatus.SENT)


class ListTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_each_side_lists_its_referrals_and_the_overdue_ones(self) -> None:
        late = self.refer()
        Referral.objects.filter(pk=late.pk).update(respond_by=self.today() - timedelta(days=3))
        own = self.refer(provider=self.clinic, service=Service.MEDICAL)
        url = reverse("protection:referral_list")
        self.client.force_login(self.focal)
        shown = {row.record.pk for row in self.client.get(url).context["table"].rows}
        self.assertEqual(shown, {late.pk})
        self.client.force_login(self.owner)
        shown = {row.record.pk for row in self.client.get(url).context["table"].rows}
        self.assertEqual(shown, {late.pk, own.pk})
        overdue = self.client.get(url, {"overdue": "true"}).context["table"].rows
        self.assertEqual([row.record.pk for row in overdue], [late.pk])
        received = self.client.get(url, {"side": "received"}).context["table"].rows
        self.assertEqual([row.record.pk for row in received], [own.pk])


class CaseSectionTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_the_case_page_refers_and_counts_overdue_referrals(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("protection:case_refer", args=[self.case.pk]), {
            "case_person": self.principal.pk, "provider": self.shelter.pk,
            "service": Service.SHELTER, "needs": "Shelter tonight",
            "respond_by": (self.today() + timedelta(days=1)).isoformat(),
            "shares": ["name"], "send": "on"})
        referral = Referral.objects.get()
        self.assertRedirects(response, referral.get_absolute_url())
        self.assertEqual(referral.status, ReferralStatus.SENT)
        Referral.objects.update(respond_by=self.today() - timedelta(days=1))
        page = self.client.get(self.case.get_absolute_url())
        self.assertContains(page, "1 overdue")
        self.assertContains(page, 'id="refer-form"')

    def test_a_refused_referral_from_the_case_page_says_why(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(reverse("protection:case_refer", args=[self.case.pk]), {
            "case_person": self.principal.pk, "provider": self.shelter.pk,
            "service": Service.LEGAL, "needs": "Advice",
            "respond_by": self.today().isoformat()}, follow=True)
        self.assertContains(response, "does not offer this service")
        self.assertFalse(Referral.objects.exists())

    def test_users_without_referral_rights_see_no_section(self) -> None:
        from crossroads.protection.tests.helpers import ProtectionTestCase

        viewer = self.make_user("viewer", self.organisation)
        ProtectionTestCase.grant_case_worker(viewer)
        self.case.case_worker = viewer
        self.case.save()
        self.client.force_login(viewer)
        page = self.client.get(self.case.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'id="referrals-title"')


class DashboardPageTests(NrmTestCase):
    def test_the_dashboard_needs_the_aggregate_action(self) -> None:
        url = reverse("protection:nrm_dashboard")
        self.client.force_login(self.focal)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.colleague)
        response = self.client.get(url, {"country": "UKR"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="nrm-total">0<')
