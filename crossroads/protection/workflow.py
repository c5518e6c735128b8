"""The case workflow: registered → assessment → case plan → services → closed, and reopen.

Only the moves in :data:`ALLOWED` are possible; a refused move says why. Leaving the
assessment or the case plan, and closing, need a supervisor's approval recorded (an
:class:`~crossroads.protection.models.Approval` that is used once). A child's case cannot
close without a best-interests determination. Every change happens in one transaction
with the case row locked, so two people moving the same case cannot both succeed.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import CHANGE
from crossroads.protection import retention
from crossroads.protection.choices import (
    ApprovalDecision,
    ApprovalStep,
    BestInterestsKind,
    CasePersonRole,
    CaseStatus,
    CaseType,
    ClosureReason,
)
from crossroads.protection.models import Approval, BestInterests, Case, CaseStatusChange

S = CaseStatus
ALLOWED: dict[str, tuple[str, ...]] = {
    S.REGISTERED: (S.ASSESSMENT, S.CLOSED),
    S.ASSESSMENT: (S.CASE_PLAN, S.CLOSED),
    S.CASE_PLAN: (S.SERVICES, S.CLOSED),
    S.SERVICES: (S.CLOSED,),
    S.CLOSED: (),
}
#: The approval a move needs, by (from, to); closing needs one from any status.
APPROVAL_NEEDED: dict[tuple[str, str], str] = {
    (S.ASSESSMENT, S.CASE_PLAN): ApprovalStep.ASSESSMENT,
    (S.CASE_PLAN, S.SERVICES): ApprovalStep.CASE_PLAN,
}
#: The status in which an approval of each step may be asked for (closure: any open one).
STEP_STATUS: dict[str, str] = {ApprovalStep.ASSESSMENT: S.ASSESSMENT,
                               ApprovalStep.CASE_PLAN: S.CASE_PLAN}
ADULT_AGE = 18


class TransitionRefused(ValidationError):
    """A workflow step that is not allowed; the message says why."""


def locked_case(case: Case, user: Any) -> Case:
    """The case row, locked, if ``user`` may change it; PermissionDenied otherwise."""
    if not Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    # Locked apart from restrict(): PostgreSQL refuses FOR UPDATE with its DISTINCT.
    current = Case.objects.select_for_update().get(pk=case.pk)
    retention.ensure_writable(current, "status")  # archived or anonymised: read-only
    return current


def needed_step(from_status: str, to_status: str) -> str | None:
    if to_status == S.CLOSED:
        return ApprovalStep.CLOSURE
    return APPROVAL_NEEDED.get((from_status, to_status))


def approval_for(case: Case, step: str) -> Approval | None:
    """An approved, not yet used approval of ``step`` on ``case``."""
    return case.approvals.filter(step=step, decision=ApprovalDecision.APPROVED,
                                 used=False).order_by("-decided_at").first()


def refusal(case: Case, to_status: str, closure_reason: str) -> str | None:
    """Why ``case`` cannot move to ``to_status`` now, or None if it can."""
    if to_status not in ALLOWED.get(case.status, ()):
        return _("A case cannot move from “%(from)s” to “%(to)s”.") % {
            "from": S(case.status).label, "to": _label(to_status)}
    step = needed_step(case.status, to_status)
    if step is not None and approval_for(case, step) is None:
        return _("This step needs a supervisor's approval of the %(step)s first.") % {
            "step": ApprovalStep(step).label.lower()}
    if to_status == S.CLOSED:
        if closure_reason not in ClosureReason.values:
            return _("Closing a case needs a closure reason.")
        if is_child_case(case) and not has_determination(case):
            return _("A child's case cannot close without a best-interests determination.")
    return None


def _label(status: str) -> str:
    return str(S(status).label) if status in S.values else repr(status)


@transaction.atomic
def move(case: Case, to_status: str, user: Any, *, closure_reason: str = "",
         reason: str = "") -> Case:
    """Move ``case`` to ``to_status``, using the approval the move needs.

    Raises TransitionRefused (with the reason) or PermissionDenied; writes nothing then.
    """
    current = locked_case(case, user)
    problem = refusal(current, to_status, closure_reason)
    if problem is not None:
        raise TransitionRefused({"status": [problem]})
    step = needed_step(current.status, to_status)
    if step is not None:
        approval = approval_for(current, step)
        assert approval is not None  # checked by refusal()
        approval.used = True
        approval.save(update_fields=["used"])
    record_move(current, to_status, reason)
    if to_status == S.CLOSED:
        current.closed_on = timezone.localdate()
        current.closure_reason = closure_reason
    current.status = to_status
    current.save()
    return current


def record_move(case: Case, to_status: str, reason: str) -> None:
    CaseStatusChange.objects.create(case=case, from_status=case.status, to_status=to_status,
                                    reason=reason)


@transaction.atomic
def reopen(case: Case, user: Any, reason: str) -> Case:
    """Reopen a closed case (back to assessment); a written reason is required."""
    current = locked_case(case, user)
    if current.status != S.CLOSED:
        raise TransitionRefused({"status": [_("Only a closed case can be reopened.")]})
    if not reason.strip():
        raise TransitionRefused({"reason": [_("Reopening a case needs a reason.")]})
    record_move(current, S.ASSESSMENT, reason.strip())
    current.status, current.closed_on, current.closure_reason = S.ASSESSMENT, None, ""
    current.save()
    return current


@transaction.atomic
def request_approval(case: Case, step: str, user: Any, note: str = "") -> Approval:
    """Ask a supervisor to approve a step; one pending request per step at a time."""
    current = locked_case(case, user)
    if step not in ApprovalStep.values:
        raise TransitionRefused({"step": [_("Unknown step %(step)r.") % {"step": step}]})
    wanted = STEP_STATUS.get(step)
    if (wanted is not None and current.status != wanted) or current.status == S.CLOSED:
        raise TransitionRefused({"step": [
            _("The %(step)s cannot be approved while the case is “%(status)s”.") % {
                "step": ApprovalStep(step).label.lower(), "status": S(current.status).label}]})
    if current.approvals.filter(step=step, decision=ApprovalDecision.PENDING).exists():
        raise TransitionRefused({"step": [_("An approval of this step is already pending.")]})
    return Approval.objects.create(case=current, step=step, requested_by=user, note=note)


@transaction.atomic
def decide(approval: Approval, user: Any, *, approve: bool, note: str = "") -> Approval:
    """A supervisor's decision on a pending approval; the requester cannot decide it."""
    if not Approval.objects.restrict(user, CHANGE).filter(pk=approval.pk).exists():
        raise PermissionDenied(_("You may not decide this approval."))
    current = Approval.objects.select_for_update().get(pk=approval.pk)
    retention.ensure_writable(current.case, "decision")
    if current.decision != ApprovalDecision.PENDING:
        raise TransitionRefused({"decision": [_("This approval has already been decided.")]})
    if current.requested_by_id == user.pk:
        raise TransitionRefused({"decided_by": [
            _("The person who asked for an approval cannot give it.")]})
    current.decision = ApprovalDecision.APPROVED if approve else ApprovalDecision.REFUSED
    current.decided_by, current.decided_at = user, timezone.now()
    if note.strip():
        current.note = "\n".join(p for p in (current.note, note.strip()) if p)
    current.save()
    return current


def is_child_case(case: Case, today: date | None = None) -> bool:
    """A case of an unaccompanied or separated child, or whose principal may be under 18.

    With a partial date of birth the latest possible date counts: a case is treated as a
    child's while its principal could still be a child (the protective reading)."""
    if case.case_type == CaseType.UASC:
        return True
    principal = case.casepersons.filter(role=CasePersonRole.PRINCIPAL) \
        .select_related("person").first()
    if principal is None or principal.person is None or principal.person.birth_year is None:
        return False
    person = principal.person
    year = person.birth_year
    assert year is not None
    month = person.birth_month or 12
    day = person.birth_day or calendar.monthrange(year, month)[1]
    return not reached_age(date(year, month, min(day, calendar.monthrange(year, month)[1])),
                           ADULT_AGE, today or timezone.localdate())


def reached_age(born: date, years: int, today: date) -> bool:
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) >= years


def has_determination(case: Case) -> bool:
    return BestInterests.objects.filter(case=case, kind=BestInterestsKind.DETERMINATION).exists()
