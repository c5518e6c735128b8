"""Consent: required per purpose, withdrawn consent no longer counts, audited overrides."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from crossroads.core.context import acting_as
from crossroads.core.models import AuditEvent
from crossroads.protection import consent
from crossroads.protection.choices import ConsentPurpose
from crossroads.protection.consent import ConsentMissing
from crossroads.protection.models import Consent, ConsentOverride
from crossroads.protection.tests.helpers import ProtectionTestCase

REASON = "The person is in immediate danger and cannot be reached."


class ConsentTests(ProtectionTestCase):
    def setUp(self) -> None:
        self.principal = self.add_principal(self.case)

    def give(self, purpose: str, organisation: object = None) -> Consent:
        return Consent.objects.create(case=self.case, case_person=self.principal,
                                      purpose=purpose, organisation=organisation,
                                      taken_by=self.owner)

    def test_it_refuses_sharing_without_consent_and_says_which(self) -> None:
        with self.assertRaises(ConsentMissing) as missing:
            consent.require_consent(self.principal, ConsentPurpose.STATISTICS)
        self.assertIn("Data sharing for statistics", missing.exception.message_dict["consent"][0])

    def test_consent_in_force_allows_the_purpose(self) -> None:
        given = self.give(ConsentPurpose.ASSISTANCE)
        self.assertEqual(consent.require_consent(self.principal, ConsentPurpose.ASSISTANCE),
                         given)

    def test_a_withdrawn_consent_no_longer_counts(self) -> None:
        given = self.give(ConsentPurpose.ASSISTANCE)
        consent.withdraw(given, given.given_on + timedelta(days=1))
        with self.assertRaises(ConsentMissing):
            consent.require_consent(self.principal, ConsentPurpose.ASSISTANCE)

    def test_a_consent_cannot_be_withdrawn_before_it_was_given(self) -> None:
        given = self.give(ConsentPurpose.ASSISTANCE)
        with self.assertRaises(ValidationError):
            consent.withdraw(given, given.given_on - timedelta(days=1))
        given.refresh_from_db()
        self.assertIsNone(given.withdrawn_on)

    def test_consent_to_a_referral_covers_only_the_named_organisation(self) -> None:
        self.give(ConsentPurpose.REFERRAL, self.other_organisation)
        consent.require_consent(self.principal, ConsentPurpose.REFERRAL, self.other_organisation)
        with self.assertRaises(ConsentMissing) as missing:
            consent.require_consent(self.principal, ConsentPurpose.REFERRAL, self.organisation)
        self.assertIn(str(self.organisation), missing.exception.message_dict["consent"][0])

    def test_a_referral_check_needs_the_organisation(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            consent.require_consent(self.principal, ConsentPurpose.REFERRAL)
        self.assertIn("organisation", refused.exception.message_dict)

    def test_a_case_worker_without_the_permission_cannot_override(self) -> None:
        with self.assertRaises(PermissionDenied):
            consent.override(self.owner, self.principal, ConsentPurpose.STATISTICS, REASON)
        self.assertFalse(ConsentOverride.objects.exists())

    def test_a_supervisor_of_another_organisation_cannot_override(self) -> None:
        with self.assertRaises(PermissionDenied):
            consent.override(self.outsider, self.principal, ConsentPurpose.STATISTICS, REASON)

    def test_an_override_needs_a_written_reason(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            consent.override(self.colleague, self.principal, ConsentPurpose.STATISTICS, "ok")
        self.assertIn("reason", refused.exception.message_dict)
        self.assertFalse(ConsentOverride.objects.exists())

    def test_an_override_is_recorded_and_audited(self) -> None:
        with acting_as(self.colleague, channel="web"):
            record = consent.override(self.colleague, self.principal, ConsentPurpose.REFERRAL,
                                      REASON, organisation=self.other_organisation)
        self.assertEqual((record.reason, record.created_by), (REASON, self.colleague))
        event = AuditEvent.objects.get(
            object_type=ContentType.objects.get_for_model(ConsentOverride))
        self.assertEqual((event.object_id, event.user), (str(record.pk), self.colleague))
