"""Referrals with consent, the receiving organisation's decisions, and who sees what."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from crossroads.borders import models as m
from crossroads.borders.emergencies import services
from crossroads.borders.tests.test_emergency_support import (
    EmergencyTestCase,
    family_rows,
    grant_receiver,
)
from crossroads.people.models import Person
from crossroads.users.models import Organisation


class ReferralRuleTests(EmergencyTestCase):
    def setUp(self) -> None:
        self.mother, self.son, self.grandfather = self.register(family_rows()).arrivals

    def test_it_refuses_a_referral_without_consent(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.refer(self.grandfather, consent_by="not_given")
        self.assertIn("consent_by", refused.exception.message_dict)
        self.assertIn("consent", refused.exception.message_dict["consent_by"][0])
        self.assertFalse(m.EmergencyReferral.objects.exists())

    def test_the_model_refuses_a_referral_without_consent_too(self) -> None:
        referral = m.EmergencyReferral(
            arrival=self.grandfather, service="medical", to_organisation=self.other_organisation,
            consent_by="not_given", consent_at=timezone.now(), consent_recorded_by=self.owner,
            reason="x")
        with self.assertRaises(ValidationError) as refused:
            referral.full_clean()
        self.assertIn("consent_by", refused.exception.message_dict)

    def test_a_person_without_a_flag_is_not_referred_here(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.refer(self.mother)
        self.assertIn("arrival", refused.exception.message_dict)

    def test_consent_cannot_be_in_the_future_or_before_arrival(self) -> None:
        for when in (timezone.now() + timedelta(days=1),
                     self.grandfather.group.arrived_at - timedelta(hours=1)):
            with self.assertRaises(ValidationError) as refused:
                services.refer(services.ReferralInput(
                    arrival=self.grandfather, service="medical",
                    to_organisation=self.other_organisation, consent_by="person",
                    reason="x", consent_at=when), self.owner)
            self.assertIn("consent_at", refused.exception.message_dict)

    def test_the_same_open_referral_is_not_sent_twice(self) -> None:
        self.refer(self.grandfather)
        with self.assertRaises(ValidationError):
            self.refer(self.grandfather)

    def test_a_referral_records_who_recorded_consent_and_when(self) -> None:
        referral = self.refer(self.grandfather, consent_by="guardian")
        self.assertEqual((referral.consent_by, referral.consent_recorded_by, referral.status),
                         ("guardian", self.owner, "sent"))

    def test_only_the_receiving_organisation_decides(self) -> None:
        referral = self.refer(self.grandfather)
        with self.assertRaises(PermissionDenied):
            services.decide(referral, self.owner, "accepted")
        services.decide(referral, self.outsider, "accepted")
        referral.refresh_from_db()
        self.assertEqual(referral.status, "accepted")

    def test_sent_then_accepted_then_completed(self) -> None:
        referral = self.refer(self.grandfather)
        with self.assertRaises(ValidationError):
            services.decide(referral, self.outsider, "completed")
        services.decide(referral, self.outsider, "accepted", "A doctor sees him today.")
        services.decide(referral, self.outsider, "completed")
        referral.refresh_from_db()
        self.assertEqual((referral.status, referral.response),
                         ("completed", "A doctor sees him today."))
        with self.assertRaises(ValidationError):
            services.decide(referral, self.outsider, "declined", "Too late")

    def test_declining_needs_a_response_and_returns_the_person_to_the_queue(self) -> None:
        referral = self.refer(self.grandfather)
        self.assertNotIn(self.grandfather, services.awaiting_referral(self.owner))
        with self.assertRaises(ValidationError) as refused:
            services.decide(referral, self.outsider, "declined")
        self.assertIn("response", refused.exception.message_dict)
        services.decide(referral, self.outsider, "declined", "No places left.")
        self.assertIn(self.grandfather, services.awaiting_referral(self.owner))

    def test_the_queue_holds_flagged_persons_not_yet_referred(self) -> None:
        queue = list(services.awaiting_referral(self.owner))
        self.assertEqual(queue, [self.grandfather])


class ReceivingOrganisationAccessTests(EmergencyTestCase):
    """The receiving organisation sees the referred person's arrival and referral only."""

    def setUp(self) -> None:
        self.mother, self.son, self.grandfather = self.register(family_rows()).arrivals
        self.referral = self.refer(self.grandfather)

    def test_it_sees_the_referred_arrival_and_the_referral_only(self) -> None:
        self.assertEqual(list(m.Arrival.objects.restrict(self.outsider)), [self.grandfather])
        self.assertEqual(list(m.EmergencyReferral.objects.restrict(self.outsider)),
                         [self.referral])
        self.assertFalse(m.ArrivalGroup.objects.restrict(self.outsider).exists())
        self.assertEqual(list(Person.objects.restrict(self.outsider)),
                         [self.grandfather.person])

    def test_its_pages_show_the_person_but_not_the_family(self) -> None:
        self.client.force_login(self.outsider)
        response = self.client.get(self.grandfather.get_absolute_url())
        self.assertContains(response, "Petro Bondar")
        self.assertNotContains(response, "Kovalenko")
        self.assertEqual(self.client.get(self.mother.get_absolute_url()).status_code, 404)
        self.assertEqual(self.client.get(self.grandfather.group.get_absolute_url()).status_code,
                         403)

    def test_another_organisation_sees_nothing(self) -> None:
        third = Organisation.objects.create(name="Third NGO", kind="ngo",
                                            country=self.other_country)
        stranger = self.make_user("stranger", third)
        grant_receiver(self, stranger)
        self.assertFalse(m.EmergencyReferral.objects.restrict(stranger).exists())
        self.assertFalse(m.Arrival.objects.restrict(stranger).exists())
        self.client.force_login(stranger)
        self.assertEqual(self.client.get(self.referral.get_absolute_url()).status_code, 404)
        response = self.client.post(
            reverse("borders:emergencyreferral_decide", args=[self.referral.pk]),
            {"status": "accepted"})
        self.assertEqual(response.status_code, 404)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")

    def test_the_receiver_decides_on_the_referral_page(self) -> None:
        self.client.force_login(self.outsider)
        page = self.client.get(self.referral.get_absolute_url())
        self.assertContains(page, 'value="accepted"')
        self.assertContains(page, 'value="declined"')
        self.assertNotContains(page, 'value="completed"')
        response = self.client.post(
            reverse("borders:emergencyreferral_decide", args=[self.referral.pk]),
            {"status": "accepted", "response": "Coming at noon."})
        self.assertEqual(response.status_code, 302)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "accepted")

    def test_the_referring_officer_cannot_decide(self) -> None:
        self.grant(self.owner, m.EmergencyReferral, "change")  # even with change
        self.client.force_login(self.owner)
        page = self.client.get(self.referral.get_absolute_url())
        self.assertNotContains(page, 'value="accepted"')
        response = self.client.post(
            reverse("borders:emergencyreferral_decide", args=[self.referral.pk]),
            {"status": "accepted"})
        self.assertEqual(response.status_code, 403)
        self.referral.refresh_from_db()
        self.assertEqual(self.referral.status, "sent")


class ReferralPageTests(EmergencyTestCase):
    def setUp(self) -> None:
        self.grandfather = self.register(family_rows()).arrivals[2]
        self.url = reverse("borders:arrival_refer", args=[self.grandfather.pk])

    def form(self, **changes: str) -> dict[str, str]:
        return {"service": "medical", "to_organisation": str(self.other_organisation.pk),
                "reason": "Needs a doctor.", "consent_by": "person",
                "consent_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), **changes}

    def test_the_form_suggests_the_usual_service(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get(self.url)
        self.assertEqual(response.context["form"]["service"].value(), "medical")

    def test_without_consent_the_page_refuses_and_says_why(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url, self.form(consent_by="not_given"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("consent", response.context["form"].errors["consent_by"][0])
        self.assertFalse(m.EmergencyReferral.objects.exists())

    def test_an_officer_refers_with_consent(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.post(self.url, self.form())
        self.assertEqual(response.status_code, 302)
        referral = m.EmergencyReferral.objects.get()
        self.assertEqual((referral.to_organisation, referral.consent_recorded_by),
                         (self.other_organisation, self.owner))

    def test_the_queue_page_lists_flagged_persons(self) -> None:
        self.client.force_login(self.owner)
        response = self.client.get(reverse("borders:arrival_queue"))
        self.assertContains(response, "Petro Bondar")
        self.assertNotContains(response, "Olena")
        self.client.post(self.url, self.form())
        response = self.client.get(reverse("borders:arrival_queue"))
        self.assertEqual(response.context["arrivals"], [])
        self.assertContains(response, "Nobody is waiting.")
