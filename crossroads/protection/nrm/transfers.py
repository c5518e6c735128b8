"""Transfers of case ownership between organisations.

The owning organisation asks (with a reason, and the consent of every person in the
case to a referral to the receiver, or an audited override); the receiving
organisation's focal point accepts or rejects. On acceptance the case belongs to the
receiver, its case worker and supervisor are cleared (the receiver's supervisor
assigns new ones) and the case's history records the move. One open transfer per case.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.core.permissions import ADD, CHANGE
from crossroads.protection import consent
from crossroads.protection.choices import ConsentPurpose, TransferStatus
from crossroads.protection.models import Case, CaseStatusChange, CaseTransfer
from crossroads.users.models import Organisation

T = TransferStatus


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def consent_of_everyone(user: Any, case: Case, organisation: Organisation,
                        override_reason: str) -> None:
    """Every person in the case consents to a referral to ``organisation`` (or is overridden).

    The first person without consent stops the transfer unless ``override_reason`` is
    given by a user who may override; each override is recorded and audited."""
    for case_person in case.casepersons.all():
        try:
            consent.require_consent(case_person, ConsentPurpose.REFERRAL, organisation)
        except consent.ConsentMissing:
            if not override_reason.strip():
                raise
            consent.override(user, case_person, ConsentPurpose.REFERRAL, override_reason,
                             organisation)


@transaction.atomic
def request_transfer(user: Any, case: Case, to_organisation: Organisation | None, reason: str,
                     override_reason: str = "") -> CaseTransfer:
    """Ask ``to_organisation`` to take over the case (needs *change* on the case)."""
    if not Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    current = Case.objects.select_for_update().get(pk=case.pk)
    if to_organisation is None:
        raise refuse("to_organisation", _("Choose the organisation to transfer the case to."))
    if to_organisation.pk == current.organisation_id:
        raise refuse("to_organisation", _("The case already belongs to this organisation."))
    if current.is_closed:
        raise refuse("case", _("A closed case cannot be transferred."))
    if not reason.strip():
        raise refuse("reason", _("Say why the case is transferred."))
    if current.casetransfers.filter(status=T.REQUESTED).exists():
        raise refuse("case", _("A transfer of this case is already waiting for an answer."))
    consent_of_everyone(user, current, to_organisation, override_reason)
    transfer = CaseTransfer.objects.create(
        case=current, from_organisation_id=current.organisation_id,
        to_organisation=to_organisation, reason=reason.strip(), created_by=user)
    if not CaseTransfer.objects.restrict(user, ADD).filter(pk=transfer.pk).exists():
        raise PermissionDenied(_("You may not transfer this case."))
    return transfer


def on_receiving_side(user: Any, transfer: CaseTransfer) -> bool:
    """Whether ``user`` works for the receiving organisation and may answer the transfer."""
    return (getattr(user, "organisation_id", None) == transfer.to_organisation_id
            and CaseTransfer.objects.restrict(user, CHANGE).filter(pk=transfer.pk).exists())


def on_sending_side(user: Any, transfer: CaseTransfer) -> bool:
    return Case.objects.restrict(user, CHANGE).filter(pk=transfer.case_id).exists()


def locked_request(transfer: CaseTransfer) -> CaseTransfer:
    current = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
    if current.status != T.REQUESTED:
        raise refuse("status", _("This transfer has already been answered or cancelled."))
    return current


def decide(current: CaseTransfer, user: Any, status: str, note: str) -> CaseTransfer:
    current.status, current.decided_by, current.decided_at = status, user, timezone.now()
    current.decision_note = note.strip()
    current.save()
    return current


@transaction.atomic
def accept_transfer(user: Any, transfer: CaseTransfer, note: str = "") -> CaseTransfer:
    """The receiver takes over the case: it becomes theirs, unassigned, with a history note."""
    if not on_receiving_side(user, transfer):
        raise PermissionDenied(_("Only the receiving organisation may answer this transfer."))
    current = locked_request(transfer)
    case = Case.objects.select_for_update().get(pk=current.case_id)
    CaseStatusChange.objects.create(
        case=case, from_status=case.status, to_status=case.status,
        reason=_("Transferred from %(from)s to %(to)s: %(reason)s") % {
            "from": current.from_organisation, "to": current.to_organisation,
            "reason": current.reason})
    case.organisation_id = current.to_organisation_id
    case.case_worker = case.supervisor = None
    case.save()
    audit_access(Case, [case])
    return decide(current, user, T.ACCEPTED, note)


@transaction.atomic
def reject_transfer(user: Any, transfer: CaseTransfer, note: str) -> CaseTransfer:
    """The receiver declines the case, saying why; the case stays where it was."""
    if not on_receiving_side(user, transfer):
        raise PermissionDenied(_("Only the receiving organisation may answer this transfer."))
    if not note.strip():
        raise refuse("note", _("Say why the transfer is rejected."))
    return decide(locked_request(transfer), user, T.REJECTED, note)


@transaction.atomic
def cancel_transfer(user: Any, transfer: CaseTransfer, note: str = "") -> CaseTransfer:
    """The owning organisation withdraws its request before it is answered."""
    if not on_sending_side(user, transfer):
        raise PermissionDenied(_("Only the owning organisation may cancel this transfer."))
    return decide(locked_request(transfer), user, T.CANCELLED, note)


STEPS = {"accept": accept_transfer, "reject": reject_transfer, "cancel": cancel_transfer}


def allowed_steps(user: Any, transfer: CaseTransfer) -> list[str]:
    """The steps ``user`` may take on the transfer now."""
    if transfer.status != T.REQUESTED:
        return []
    steps = ["accept", "reject"] if on_receiving_side(user, transfer) else []
    return [*steps, "cancel"] if on_sending_side(user, transfer) else steps
