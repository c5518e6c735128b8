"""Consent: whether a person in a case agreed to a use of their data, and overrides.

A referral, or any sharing outside the owning organisation, calls
:func:`require_consent` first. Without consent in force for the purpose (and, for a
referral, for that organisation) it raises :class:`ConsentMissing`. Someone holding the
custom action ``override_consent`` on the case may :func:`override` with a written
reason: the override is kept as a record and written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.protection.choices import ConsentPurpose
from crossroads.protection.models import Case, CasePerson, Consent, ConsentOverride
from crossroads.users.models import Organisation

OVERRIDE_CONSENT = "override_consent"
MIN_REASON_LENGTH = 20


class ConsentMissing(ValidationError):
    """No consent in force for what is being done; the message says which is missing."""


def consent_in_force(case_person: CasePerson, purpose: str,
                     organisation: Organisation | None = None) -> Consent | None:
    """The consent in force for ``purpose`` (for a referral: to ``organisation``), if any."""
    found = Consent.objects.filter(case_person=case_person, purpose=purpose,
                                   withdrawn_on__isnull=True)
    if purpose == ConsentPurpose.REFERRAL:
        found = found.filter(organisation=organisation)
    return found.order_by("-given_on", "-pk").first()


def require_consent(case_person: CasePerson, purpose: str,
                    organisation: Organisation | None = None) -> Consent:
    """The consent that allows this use; ConsentMissing saying what is missing otherwise."""
    check_purpose(purpose, organisation)
    consent = consent_in_force(case_person, purpose, organisation)
    if consent is None:
        label = ConsentPurpose(purpose).label
        if purpose == ConsentPurpose.REFERRAL and organisation is not None:
            message = _("The person has not consented to a referral to %(org)s.") % {
                "org": organisation}
        else:
            message = _("The person has not consented to “%(purpose)s”.") % {"purpose": label}
        raise ConsentMissing({"consent": [message]})
    return consent


def check_purpose(purpose: str, organisation: Organisation | None) -> None:
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": [_("Unknown purpose %(p)r.") % {"p": purpose}]})
    if purpose == ConsentPurpose.REFERRAL and organisation is None:
        raise ValidationError({"organisation": [
            _("Consent to a referral names the organisation referred to.")]})


def may_override(user: Any, case: Case) -> bool:
    """Whether ``user`` holds the custom action ``override_consent`` on this case."""
    return Case.objects.restrict(user, OVERRIDE_CONSENT).filter(pk=case.pk).exists()


@transaction.atomic
def override(user: Any, case_person: CasePerson, purpose: str, reason: str,
             organisation: Organisation | None = None) -> ConsentOverride:
    """Allow one use without consent: needs ``override_consent`` and a written reason.

    The override is recorded (who, when, why) and the case's access is audited."""
    check_purpose(purpose, organisation)
    case = case_person.case
    if not may_override(user, case):
        raise PermissionDenied(_("You may not override a missing consent on this case."))
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": [
            _("Write why consent is overridden (at least %(n)s characters).")
            % {"n": MIN_REASON_LENGTH}]})
    record = ConsentOverride.objects.create(case=case, case_person=case_person,
                                            purpose=purpose, organisation=organisation,
                                            reason=reason.strip(), created_by=user)
    audit_access(ConsentOverride, [record])
    return record


@transaction.atomic
def withdraw(consent: Consent, on: Any) -> Consent:
    """Record that a consent was withdrawn on a day; from then on it no longer counts."""
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": [_("This consent was already withdrawn.")]})
    if on < consent.given_on:
        raise ValidationError({"withdrawn_on": [
            _("A consent cannot be withdrawn before it was given.")]})
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on"])
    return consent
