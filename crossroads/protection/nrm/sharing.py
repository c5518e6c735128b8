"""What the receiving organisation sees of a referral: the fields it shares, nothing else.

The receiving focal point holds no permission on the case or on persons; the referral
itself is what lets them read the few facts listed in ``Referral.shares``. Reads are
written to the audit log (the referral, and the person whose facts are shown).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW
from crossroads.people.choices import NamePart, Sex
from crossroads.people.models import Person, name_order
from crossroads.protection.choices import Priority, SharedField
from crossroads.protection.models import Referral

#: Prefetches that let :func:`shared_person` read a page of referrals in a few queries.
PREFETCH = ("case_person__person__names", "case_person__person__nationalities__country",
            "case__vulnerabilityscreenings")
F = SharedField


def birth_date(person: Person) -> str:
    """The (possibly partial) date of birth as ISO text: ``1998``, ``1998-05``, ``1998-05-03``."""
    if person.birth_year is None:
        return ""
    parts = [f"{person.birth_year:04d}"]
    if person.birth_month:
        parts.append(f"{person.birth_month:02d}")
        if person.birth_day:
            parts.append(f"{person.birth_day:02d}")
    return "-".join(parts)


def shared_person(referral: Referral) -> dict[str, Any]:
    """The person's facts listed in ``referral.shares`` (codes, as the API gives them)."""
    shares = set(referral.shares or [])
    person = referral.case_person.person
    if person is None:  # an anonymised case keeps no person to share
        return {}
    names = sorted(person.names.all(), key=name_order)
    facts: dict[str, Any] = {}
    if F.NAME in shares:
        facts[F.NAME] = " ".join(n.value for n in names if n.part != NamePart.ALIAS)
    if F.SEX in shares:
        facts[F.SEX] = person.sex
    if F.BIRTH_DATE in shares:
        facts[F.BIRTH_DATE] = birth_date(person)
    if F.NATIONALITY in shares:
        facts[F.NATIONALITY] = [n.country.iso3 for n in person.nationalities.all()]
    if F.LANGUAGE in shares:
        facts[F.LANGUAGE] = sorted({n.language for n in names if n.language})
    if F.CONTACT in shares:
        facts[F.CONTACT] = ""  # persons keep no contact details in this system yet
    if F.VULNERABILITIES in shares:
        latest = next(iter(referral.case.vulnerabilityscreenings.all()), None)
        facts[F.VULNERABILITIES] = latest.priority if latest else ""
    return facts


def shared_summary(referral: Referral) -> dict[str, Any]:
    """The referral as the receiving organisation sees it: its facts and the shared person."""
    return {
        "id": referral.pk, "status": referral.status, "service": referral.service,
        "provider": referral.provider_id, "urgent": referral.urgent, "needs": referral.needs,
        "respond_by": referral.respond_by, "complete_by": referral.complete_by,
        "sent_at": referral.sent_at, "responded_at": referral.responded_at,
        "completed_at": referral.completed_at, "rejection_reason": referral.rejection_reason,
        "outcome": referral.outcome,
        "referring_organisation": str(referral.case.organisation),
        "receiving_organisation": referral.receiving_organisation_id,
        "shares": list(referral.shares or []), "person": shared_person(referral),
    }


def shared_view(user: Any, referral: Referral) -> dict[str, Any]:
    """The referral as ``user`` may see it from the receiving side (reads audited).

    PermissionDenied when the user may not view the referral at all."""
    found = Referral.objects.restrict(user, VIEW).filter(pk=referral.pk) \
        .select_related("case__organisation", "case_person__person") \
        .prefetch_related(*PREFETCH).first()
    if found is None:
        raise PermissionDenied(_("You may not view this referral."))
    audit_access(Referral, [found], AuditEvent.Action.VIEW)
    if found.shares and found.case_person.person is not None:
        audit_access(Person, [found.case_person.person], AuditEvent.Action.VIEW)
    return shared_summary(found)


def shown_facts(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) rows of shared facts for a page, in the order of SharedField."""
    rows: list[tuple[str, str]] = []
    for field in F:
        if field.value not in facts:
            continue
        value = facts[field.value]
        if field == F.SEX and value:
            value = Sex(value).label if value in Sex.values else value
        elif field == F.VULNERABILITIES and value:
            value = Priority(value).label
        elif isinstance(value, list):
            value = ", ".join(value)
        rows.append((str(field.label), str(value) if value else _("not recorded")))
    return rows
