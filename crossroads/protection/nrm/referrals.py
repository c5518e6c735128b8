"""Referrals of the National Referral Mechanism: created → sent → accepted / rejected →
completed (or cancelled by the referring side).

The referring side (users who may change the case) creates, sends and cancels a
referral; the receiving side (users of the provider's organisation holding *change* on
the referral) accepts, rejects and completes it. A referral outside the case's own
organisation needs the person's consent to a referral to that organisation, or an
audited override with a written reason. Every refused step raises ValidationError (or
PermissionDenied) saying why, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import ADD, CHANGE, VIEW
from crossroads.protection import consent
from crossroads.protection.choices import ConsentPurpose, ReferralStatus, SharedField
from crossroads.protection.models import (
    Case,
    CasePerson,
    Consent,
    Referral,
    ServiceOffer,
    ServiceProvider,
)

R = ReferralStatus
#: Statuses in which the referral is still in someone's hands.
OPEN = (R.CREATED, R.SENT, R.ACCEPTED)
#: Why a referral is overdue: no answer by ``respond_by``, or no service by ``complete_by``.
ANSWER, SERVICE = "answer", "service"


class ReferralRefused(ValidationError):
    """A referral step that is not allowed now; the message says why."""


def refuse(field: str, message: str) -> ReferralRefused:
    return ReferralRefused({field: [message]})


# ── who may do what ─────────────────────────────────────────────────────────────────────

def on_referring_side(user: Any, referral: Referral) -> bool:
    """Whether ``user`` may change the referral's case (send, cancel, see the full record)."""
    return Case.objects.restrict(user, CHANGE).filter(pk=referral.case_id).exists()


def sees_the_case(user: Any, referral: Referral) -> bool:
    """Whether ``user`` may view the referral's case (and so the referral in full)."""
    return Case.objects.restrict(user, VIEW).filter(pk=referral.case_id).exists()


def on_receiving_side(user: Any, referral: Referral) -> bool:
    """Whether ``user`` works for the receiving organisation and may change this referral."""
    return (getattr(user, "organisation_id", None) == referral.receiving_organisation_id
            and Referral.objects.restrict(user, CHANGE).filter(pk=referral.pk).exists())


def require_referring_side(user: Any, referral: Referral) -> None:
    if not on_referring_side(user, referral):
        raise PermissionDenied(_("Only the referring organisation's case team may do this."))


def require_receiving_side(user: Any, referral: Referral) -> None:
    if not on_receiving_side(user, referral):
        raise PermissionDenied(_("Only the receiving organisation may answer this referral."))


# ── creating ────────────────────────────────────────────────────────────────────────────

def offers(provider: ServiceProvider, service: str) -> bool:
    return ServiceOffer.objects.filter(provider=provider, service=service).exists()


def creation_problems(case_person: CasePerson, provider: ServiceProvider, service: str,
                      needs: str, respond_by: date | None, complete_by: date | None,
                      shares: Iterable[str]) -> dict[str, list[str]]:
    """What is wrong with a new referral, by field (empty when it may be created)."""
    today = timezone.localdate()
    problems: dict[str, list[str]] = {}
    if case_person.case.is_closed:
        problems["case_person"] = [_("A closed case cannot refer anyone.")]
    if not provider.is_active:
        problems["provider"] = [_("This provider no longer takes referrals.")]
    elif not offers(provider, service):
        problems["service"] = [_("%(provider)s does not offer this service.")
                               % {"provider": provider}]
    if not needs.strip():
        problems["needs"] = [_("Say what the person needs.")]
    if respond_by is None or respond_by < today:
        problems["respond_by"] = [_("The answer cannot be due in the past.")]
    elif complete_by is not None and complete_by < respond_by:
        problems["complete_by"] = [_("The service cannot be due before the answer.")]
    unknown = sorted(set(shares) - set(SharedField.values))
    if unknown:
        problems["shares"] = [_("Unknown fields to share: %(f)s.") % {"f": ", ".join(unknown)}]
    return problems


def consent_for(user: Any, case_person: CasePerson, provider: ServiceProvider,
                override_reason: str) -> tuple[Any, Any]:
    """(consent, override) allowing a referral to the provider's organisation.

    Within the case's own organisation nothing is shared outside, so neither is needed.
    Without consent, a user who may override does so with ``override_reason``."""
    if provider.organisation_id == case_person.case.organisation_id:
        return None, None
    organisation = provider.organisation
    try:
        return consent.require_consent(case_person, ConsentPurpose.REFERRAL, organisation), None
    except consent.ConsentMissing:
        if not override_reason.strip():
            raise
    return None, consent.override(user, case_person, ConsentPurpose.REFERRAL,
                                  override_reason, organisation)


@transaction.atomic
def create_referral(user: Any, case_person: CasePerson, provider: ServiceProvider,
                    service: str, needs: str, respond_by: date | None,
                    shares: Iterable[str], *, urgent: bool = False,
                    complete_by: date | None = None, override_reason: str = "",
                    send: bool = False) -> Referral:
    """Refer a person in a case to a provider for one service (and send it if asked).

    Needs *change* on the case; the provider must be active and offer the service; the
    answer cannot be due in the past; outside the case's organisation the person's consent
    (or an override with a reason) is needed."""
    case = case_person.case
    if not Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    shares = list(dict.fromkeys(shares))
    problems = creation_problems(case_person, provider, service, needs, respond_by,
                                 complete_by, shares)
    if problems:
        raise ReferralRefused(problems)
    given, overridden = consent_for(user, case_person, provider, override_reason)
    referral = Referral.objects.create(
        case=case, case_person=case_person, provider=provider, service=service,
        receiving_organisation=provider.organisation, urgent=urgent, needs=needs.strip(),
        shares=shares, respond_by=respond_by, complete_by=complete_by, consent=given,
        consent_override=overridden, created_by=user)
    if not Referral.objects.restrict(user, ADD).filter(pk=referral.pk).exists():
        raise PermissionDenied(_("You may not make referrals on this case."))
    return send_referral(user, referral) if send else referral


# ── steps ───────────────────────────────────────────────────────────────────────────────

def locked(referral: Referral, *expected: str) -> Referral:
    """The referral row, locked, if it is in one of the ``expected`` statuses."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.status not in expected:
        raise refuse("status", _("This referral is “%(status)s”: this step is not possible.")
                     % {"status": R(current.status).label})
    return current


def consent_still_holds(referral: Referral) -> bool:
    """A referral allowed by consent may go out only while that consent is in force."""
    if referral.consent_id is None:
        return True
    return Consent.objects.filter(pk=referral.consent_id,
                                          withdrawn_on__isnull=True).exists()


@transaction.atomic
def send_referral(user: Any, referral: Referral) -> Referral:
    """Send a created referral to the receiving organisation (referring side)."""
    require_referring_side(user, referral)
    current = locked(referral, R.CREATED)
    if not consent_still_holds(current):
        raise refuse("consent", _("The person has withdrawn their consent to this referral."))
    current.status, current.sent_at = R.SENT, timezone.now()
    current.save(update_fields=["status", "sent_at", "last_updated"])
    return current


@transaction.atomic
def accept(user: Any, referral: Referral, complete_by: date | None = None) -> Referral:
    """The receiving organisation takes the person on (optionally setting the service date)."""
    require_receiving_side(user, referral)
    current = locked(referral, R.SENT)
    if complete_by is not None:
        if complete_by < timezone.localdate():
            raise refuse("complete_by", _("The service cannot be due in the past."))
        current.complete_by = complete_by
    current.status = R.ACCEPTED
    current.responded_at, current.responded_by = timezone.now(), user
    current.save()
    return current


@transaction.atomic
def reject(user: Any, referral: Referral, reason: str) -> Referral:
    """The receiving organisation declines the referral; a reason is required."""
    require_receiving_side(user, referral)
    if not reason.strip():
        raise refuse("reason", _("Say why the referral is rejected."))
    current = locked(referral, R.SENT)
    current.status, current.rejection_reason = R.REJECTED, reason.strip()
    current.responded_at, current.responded_by = timezone.now(), user
    current.save()
    return current


@transaction.atomic
def complete(user: Any, referral: Referral, outcome: str) -> Referral:
    """The receiving organisation records that the service was given, and its outcome."""
    require_receiving_side(user, referral)
    if not outcome.strip():
        raise refuse("outcome", _("Describe the outcome of the service."))
    current = locked(referral, R.ACCEPTED)
    current.status, current.outcome = R.COMPLETED, outcome.strip()
    current.completed_at = timezone.now()
    current.save()
    return current


@transaction.atomic
def cancel(user: Any, referral: Referral, reason: str) -> Referral:
    """The referring side withdraws an open referral; the reason is kept as its outcome."""
    require_referring_side(user, referral)
    if not reason.strip():
        raise refuse("reason", _("Say why the referral is cancelled."))
    current = locked(referral, *OPEN)
    current.status = R.CANCELLED
    current.outcome = _("Cancelled: %(reason)s") % {"reason": reason.strip()}
    current.save()
    return current


STEPS = {"send": send_referral, "accept": accept, "reject": reject, "complete": complete,
         "cancel": cancel}


def allowed_steps(user: Any, referral: Referral) -> list[str]:
    """The steps ``user`` may take on the referral now (to show the right buttons)."""
    steps: list[str] = []
    if referral.status in OPEN and on_referring_side(user, referral):
        steps += ["send"] if referral.status == R.CREATED else []
        steps.append("cancel")
    if referral.status in (R.SENT, R.ACCEPTED) and on_receiving_side(user, referral):
        steps += ["accept", "reject"] if referral.status == R.SENT else ["complete"]
    return steps


# ── overdue ─────────────────────────────────────────────────────────────────────────────

def overdue_q(today: date | None = None) -> Q:
    """Sent and unanswered after ``respond_by``, or accepted and not done by ``complete_by``."""
    today = today or timezone.localdate()
    return (Q(status=R.SENT, respond_by__lt=today)
            | Q(status=R.ACCEPTED, complete_by__lt=today))


def overdue_reason(referral: Referral, today: date | None = None) -> str | None:
    """ANSWER, SERVICE, or None when the referral is on time."""
    today = today or timezone.localdate()
    if referral.status == R.SENT and referral.respond_by < today:
        return ANSWER
    if referral.status == R.ACCEPTED and referral.complete_by and referral.complete_by < today:
        return SERVICE
    return None


def overdue(queryset: QuerySet[Referral], today: date | None = None) -> QuerySet[Referral]:
    return queryset.filter(overdue_q(today))


def places_in_use(provider: ServiceProvider) -> dict[str, int]:
    """Accepted, not yet completed referrals at the provider, by service (counts only)."""
    rows = Referral.objects.filter(provider=provider, status=R.ACCEPTED) \
        .values_list("service", flat=True)
    counts: dict[str, int] = {}
    for service in rows:
        counts[service] = counts.get(service, 0) + 1
    return counts
