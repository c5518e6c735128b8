"""Referrals across two organisations: consent, the lifecycle, who may take each step,
overdue alerts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent
from crossroads.people.models import Nationality, PersonName
from crossroads.protection import consent, demo
from crossroads.protection.choices import ConsentPurpose, ReferralStatus, Service
from crossroads.protection.models import (
    Consent,
    ConsentOverride,
    Referral,
    ServiceOffer,
    ServiceProvider,
    Task,
)
from crossroads.protection.nrm import jobs, referrals
from crossroads.protection.tests.helpers import ProtectionTestCase
from crossroads.users.models import User

S = ReferralStatus
REASON = "Immediate danger at home; the person cannot be reached to consent."


class NrmTestCase(ProtectionTestCase):
    """The case's principal (named, Ukrainian) may be referred to ``shelter``, a provider of
    the other organisation whose focal point is ``focal``; ``clinic`` is the home
    organisation's own provider."""

    focal: User
    shelter: ServiceProvider
    clinic: ServiceProvider

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.principal = cls.add_principal(cls.case, born=1998)
        person = cls.principal.person
        PersonName.objects.create(person=person, part="given", value="Olena", language="uk")
        PersonName.objects.create(person=person, part="family", value="Koval", language="uk")
        Nationality.objects.create(person=person, country=cls.other_country)
        cls.focal = cls.make_user("focal", cls.other_organisation)
        cls.grant_focal_point(cls.focal)
        cls.grant_referrals(cls.owner, demo.OWN_ASSIGNED_CHILD)
        cls.grant_referrals(cls.colleague, demo.OWN_ORGANISATION_CHILD)
        cls.shelter = cls.make_provider(cls.other_organisation, "Safe House", Service.SHELTER)
        cls.clinic = cls.make_provider(cls.organisation, "Home Clinic", Service.MEDICAL)

    @classmethod
    def make_provider(cls, organisation: Any, name: str, *services: str) -> ServiceProvider:
        provider = ServiceProvider.objects.create(organisation=organisation, name=name,
                                                  country=organisation.country)
        for service in services:
            ServiceOffer.objects.create(provider=provider, service=service, capacity=4)
        return provider

    @classmethod
    def consent_to(cls, organisation: Any) -> Consent:
        return Consent.objects.create(case=cls.case, case_person=cls.principal,
                                      purpose=ConsentPurpose.REFERRAL,
                                      organisation=organisation, taken_by=cls.owner)

    def refer(self, user: User | None = None, **changes: Any) -> Referral:
        arguments: dict[str, Any] = {
            "case_person": self.principal, "provider": self.shelter,
            "service": Service.SHELTER, "needs": "A safe place for two weeks.",
            "respond_by": self.today() + timedelta(days=2), "shares": ["name", "sex"],
            "send": True, **changes}
        return referrals.create_referral(
            user or self.owner, arguments.pop("case_person"), arguments.pop("provider"),
            arguments.pop("service"), arguments.pop("needs"), arguments.pop("respond_by"),
            arguments.pop("shares"), **arguments)


class ConsentTests(NrmTestCase):
    def test_it_refuses_a_referral_without_consent(self) -> None:
        with self.assertRaises(consent.ConsentMissing) as refused:
            self.refer()
        self.assertIn("Other Organisation", str(refused.exception.message_dict["consent"]))
        self.assertFalse(Referral.objects.exists())

    def test_consent_to_another_organisation_does_not_count(self) -> None:
        self.consent_to(self.organisation)
        with self.assertRaises(consent.ConsentMissing):
            self.refer()

    def test_a_referral_keeps_the_consent_that_allowed_it(self) -> None:
        given = self.consent_to(self.other_organisation)
        referral = self.refer()
        self.assertEqual(referral.consent, given)
        self.assertIsNone(referral.consent_override)
        self.assertEqual(referral.status, S.SENT)
        self.assertEqual(referral.receiving_organisation, self.other_organisation)

    def test_an_override_needs_the_permission(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.refer(self.owner, override_reason=REASON)
        self.assertFalse(Referral.objects.exists())
        self.assertFalse(ConsentOverride.objects.exists())

    def test_an_override_needs_a_written_reason(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.refer(self.colleague, override_reason="urgent")
        self.assertIn("reason", refused.exception.message_dict)
        self.assertFalse(Referral.objects.exists())

    def test_a_supervisor_overrides_with_a_reason_and_it_is_audited(self) -> None:
        with acting_as(self.colleague, channel="web"):
            referral = self.refer(self.colleague, override_reason=REASON)
        override = referral.consent_override
        assert override is not None
        self.assertEqual(override.reason, REASON)
        self.assertEqual(override.organisation, self.other_organisation)
        self.assertTrue(AuditEvent.objects.filter(object_id=str(override.pk),
                                                  user=self.colleague).exists())

    def test_within_the_own_organisation_no_consent_is_needed(self) -> None:
        referral = self.refer(provider=self.clinic, service=Service.MEDICAL)
        self.assertIsNone(referral.consent)
        self.assertIsNone(referral.consent_override)

    def test_sending_after_the_consent_was_withdrawn_is_refused(self) -> None:
        given = self.consent_to(self.other_organisation)
        referral = self.refer(send=False)
        consent.withdraw(given, self.today())
        with self.assertRaises(ValidationError) as refused:
            referrals.send_referral(self.owner, referral)
        self.assertIn("consent", refused.exception.message_dict)
        self.assertEqual(Referral.objects.get().status, S.CREATED)


class CreationTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_bad_input_is_refused_by_field_and_writes_nothing(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            self.refer(service=Service.LEGAL, respond_by=self.today() - timedelta(days=1),
                       needs=" ", shares=["name", "religion"])
        self.assertEqual(set(refused.exception.message_dict),
                         {"service", "respond_by", "needs", "shares"})
        self.assertFalse(Referral.objects.exists())

    def test_an_inactive_provider_takes_no_referrals(self) -> None:
        ServiceProvider.objects.filter(pk=self.shelter.pk).update(is_active=False)
        self.shelter.refresh_from_db()
        with self.assertRaises(ValidationError) as refused:
            self.refer()
        self.assertIn("provider", refused.exception.message_dict)

    def test_a_user_who_may_not_change_the_case_cannot_refer(self) -> None:
        for user in (self.focal, self.outsider):
            with self.assertRaises(PermissionDenied):
                self.refer(user)
        self.assertFalse(Referral.objects.exists())


class LifecycleTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_the_referral_lifecycle_across_two_organisations(self) -> None:
        referral = self.refer(send=False)
        self.assertEqual(referral.status, S.CREATED)
        with self.assertRaises(PermissionDenied):
            referrals.send_referral(self.focal, referral)
        referral = referrals.send_referral(self.owner, referral)
        self.assertEqual(referral.status, S.SENT)
        self.assertIsNotNone(referral.sent_at)
        with self.assertRaises(PermissionDenied):  # the referring side does not answer
            referrals.accept(self.owner, referral)
        due = self.today() + timedelta(days=10)
        referral = referrals.accept(self.focal, referral, due)
        self.assertEqual((referral.status, referral.responded_by, referral.complete_by),
                         (S.ACCEPTED, self.focal, due))
        self.assertEqual(referrals.places_in_use(self.shelter), {Service.SHELTER: 1})
        referral = referrals.complete(self.focal, referral, "Stayed 12 days; moved to family.")
        self.assertEqual(referral.status, S.COMPLETED)
        self.assertEqual(referrals.places_in_use(self.shelter), {})

    def test_rejecting_needs_a_reason_which_is_kept(self) -> None:
        referral = self.refer()
        with self.assertRaises(ValidationError):
            referrals.reject(self.focal, referral, "  ")
        referral = referrals.reject(self.focal, referral, "No place for a family of three.")
        self.assertEqual(referral.status, S.REJECTED)
        self.assertEqual(referral.rejection_reason, "No place for a family of three.")

    def test_a_step_out_of_order_is_refused_with_the_reason(self) -> None:
        referral = self.refer()
        with self.assertRaises(ValidationError) as refused:
            referrals.complete(self.focal, referral, "Done")
        self.assertIn("Sent", str(refused.exception.message_dict["status"]))
        self.assertEqual(Referral.objects.get().status, S.SENT)

    def test_someone_of_the_receiving_organisation_without_permission_cannot_answer(self) -> None:
        referral = self.refer()
        with self.assertRaises(PermissionDenied):
            referrals.accept(self.outsider, referral)
        self.assertEqual(Referral.objects.get().status, S.SENT)

    def test_the_referring_side_cancels_with_a_reason(self) -> None:
        referral = self.refer()
        with self.assertRaises(PermissionDenied):
            referrals.cancel(self.focal, referral, "Not ours")
        referral = referrals.cancel(self.owner, referral, "The person found a place.")
        self.assertEqual(referral.status, S.CANCELLED)
        self.assertIn("The person found a place.", referral.outcome)

    def test_each_side_is_offered_only_its_steps(self) -> None:
        referral = self.refer()
        self.assertEqual(referrals.allowed_steps(self.owner, referral), ["cancel"])
        self.assertEqual(referrals.allowed_steps(self.focal, referral), ["accept", "reject"])
        self.assertEqual(referrals.allowed_steps(self.outsider, referral), [])


class OverdueTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def make_late(self) -> Referral:
        referral = self.refer()
        Referral.objects.filter(pk=referral.pk).update(
            respond_by=self.today() - timedelta(days=1))
        return Referral.objects.get(pk=referral.pk)

    def test_a_sent_referral_unanswered_after_its_date_is_overdue(self) -> None:
        on_time = self.refer()
        late = self.make_late()
        self.assertEqual(set(referrals.overdue(Referral.objects.all())), {late})
        self.assertEqual(referrals.overdue_reason(late), referrals.ANSWER)
        self.assertIsNone(referrals.overdue_reason(on_time))

    def test_an_accepted_referral_not_completed_in_time_is_overdue(self) -> None:
        referral = referrals.accept(self.focal, self.refer(), self.today())
        self.assertIsNone(referrals.overdue_reason(referral))
        later = self.today() + timedelta(days=1)
        self.assertEqual(referrals.overdue_reason(referral, later), referrals.SERVICE)

    def test_the_alert_job_gives_the_case_worker_one_task_per_overdue_referral(self) -> None:
        late = self.make_late()
        self.refer()  # on time: no task
        self.assertEqual(jobs.create_overdue_tasks(), 1)
        self.assertEqual(jobs.create_overdue_tasks(), 0)  # never twice
        task = Task.objects.get(title__contains=f"NRM-{late.pk}-")
        self.assertEqual((task.case, task.assignee, task.done), (self.case, self.owner, False))
        self.assertIn("Safe House", task.title)

    def test_the_job_is_registered_for_the_runner(self) -> None:
        from crossroads.core.jobs import job_function

        self.assertIs(job_function(jobs.JOB), jobs.referrals_overdue)
