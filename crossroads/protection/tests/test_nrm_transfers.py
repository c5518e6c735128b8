"""Transfers of a case to another organisation: consent of everyone in the case, one open
request at a time, the receiver's answer, and what changes when it accepts."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crossroads.protection import consent
from crossroads.protection.choices import CasePersonRole, TransferStatus
from crossroads.protection.models import Case, CasePerson, CaseStatusChange, CaseTransfer
from crossroads.protection.nrm import transfers
from crossroads.protection.tests.test_nrm_referrals import REASON, NrmTestCase

T = TransferStatus
WHY = "The person moved to Ukraine."


class TransferTests(NrmTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.consent_to(cls.other_organisation)

    def test_every_person_in_the_case_must_consent(self) -> None:
        person = self.add_principal(self.make_case("MDA-2026-0099")).person
        CasePerson.objects.create(case=self.case, person=person, role=CasePersonRole.HOUSEHOLD)
        with self.assertRaises(consent.ConsentMissing):
            transfers.request_transfer(self.owner, self.case, self.other_organisation, WHY)
        self.assertFalse(CaseTransfer.objects.exists())

    def test_a_supervisor_may_override_a_missing_consent(self) -> None:
        person = self.add_principal(self.make_case("MDA-2026-0099")).person
        CasePerson.objects.create(case=self.case, person=person, role=CasePersonRole.HOUSEHOLD)
        transfer = transfers.request_transfer(self.colleague, self.case,
                                              self.other_organisation, WHY, REASON)
        self.assertEqual(transfer.status, T.REQUESTED)
        self.assertEqual(self.case.consentoverrides.count(), 1)

    def test_only_one_transfer_may_wait_for_an_answer(self) -> None:
        transfers.request_transfer(self.owner, self.case, self.other_organisation, WHY)
        with self.assertRaises(ValidationError) as refused:
            transfers.request_transfer(self.owner, self.case, self.other_organisation, WHY)
        self.assertIn("case", refused.exception.message_dict)
        self.assertEqual(CaseTransfer.objects.count(), 1)

    def test_bad_requests_say_why(self) -> None:
        for organisation, reason, field in ((self.organisation, WHY, "to_organisation"),
                                            (self.other_organisation, " ", "reason")):
            with self.assertRaises(ValidationError) as refused:
                transfers.request_transfer(self.owner, self.case, organisation, reason)
            self.assertIn(field, refused.exception.message_dict)
        with self.assertRaises(PermissionDenied):
            transfers.request_transfer(self.focal, self.case, self.other_organisation, WHY)

    def test_accepting_hands_over_the_case_unassigned_with_a_history_note(self) -> None:
        transfer = transfers.request_transfer(self.owner, self.case, self.other_organisation,
                                              WHY)
        with self.assertRaises(PermissionDenied):
            transfers.accept_transfer(self.owner, transfer)
        transfer = transfers.accept_transfer(self.focal, transfer, "We take it.")
        self.assertEqual((transfer.status, transfer.decided_by), (T.ACCEPTED, self.focal))
        case = Case.objects.get(pk=self.case.pk)
        self.assertEqual(case.organisation, self.other_organisation)
        self.assertIsNone(case.case_worker)
        self.assertIsNone(case.supervisor)
        note = CaseStatusChange.objects.get(case=case)
        self.assertIn(WHY, note.reason)
        self.assertIn("Other Organisation", note.reason)
        # The new organisation's supervisor now sees it; the old case worker no longer does.
        self.assertTrue(Case.objects.restrict(self.outsider, "view").filter(pk=case.pk).exists())
        self.assertFalse(Case.objects.restrict(self.owner, "view").filter(pk=case.pk).exists())

    def test_rejecting_needs_a_note_and_leaves_the_case(self) -> None:
        transfer = transfers.request_transfer(self.owner, self.case, self.other_organisation,
                                              WHY)
        with self.assertRaises(ValidationError):
            transfers.reject_transfer(self.focal, transfer, "")
        transfer = transfers.reject_transfer(self.focal, transfer, "No capacity.")
        self.assertEqual(transfer.status, T.REJECTED)
        self.assertEqual(Case.objects.get(pk=self.case.pk).organisation, self.organisation)

    def test_the_receiver_answers_on_the_transfer_page(self) -> None:
        transfer = transfers.request_transfer(self.owner, self.case, self.other_organisation,
                                              WHY)
        self.client.force_login(self.focal)
        page = self.client.get(transfer.get_absolute_url())
        self.assertContains(page, "Accept the case")
        self.assertNotContains(page, self.case.get_absolute_url())
        self.client.post(reverse("protection:transfer_step", args=[transfer.pk, "accept"]))
        self.assertEqual(CaseTransfer.objects.get().status, T.ACCEPTED)

    def test_the_case_page_requests_a_transfer(self) -> None:
        self.client.force_login(self.owner)
        self.client.post(reverse("protection:case_transfer", args=[self.case.pk]),
                         {"to_organisation": self.other_organisation.pk, "reason": WHY})
        self.assertEqual(CaseTransfer.objects.get().to_organisation, self.other_organisation)
