"""Counter-trafficking case data (HTCDS): recording a victim's profile and reading them.

A profile is part of a case: recording one needs *change* on the case, and the saved
profile must lie within the user's own permission on trafficking profiles (``add`` for
a new one, ``change`` for an update); otherwise nothing is written. Every read of
profiles for a person is written to the audit log.

Statistics and public releases read the profiles of the cases a data manager may
``release`` (a custom action on Case): :func:`releasable_profiles`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.core.context import acting_as, current_actor
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.protection.choices import CaseType
from crossroads.protection.models import CODE_LISTS, Case, CasePerson, TraffickingProfile
from crossroads.reference.models import Country

#: The custom action on Case of a data manager: statistics and anonymous releases.
RELEASE = "release"
#: Case types that always show the counter-trafficking section of the case page.
VOT_CASE_TYPES = (CaseType.PRESUMED_VOT, CaseType.IDENTIFIED_VOT)
#: The plain (not multiple-choice, not many-to-many) fields a profile is recorded with.
PLAIN_FIELDS = ("status", "status_decided_by", "status_decided_on", "recruiter_relationship",
                "recruitment_country", "recruitment_place", "exploitation_country",
                "exploitation_place", "exploitation_began", "exploitation_ended")


def is_vot_case(case: Case) -> bool:
    """Whether the case is one of a presumed or identified victim of trafficking."""
    return case.case_type in VOT_CASE_TYPES


def profiles_of_case(user: Any, case: Case) -> list[TraffickingProfile]:
    """The profiles of ``case`` that ``user`` may view, their read audited."""
    rows = list(TraffickingProfile.objects.restrict(user, VIEW).filter(case=case)
                .select_related("status_decided_by", "recruitment_country",
                                "exploitation_country", "case_person")
                .prefetch_related("transit_countries"))
    audit_access(TraffickingProfile, rows, AuditEvent.Action.VIEW)
    return rows


def may_record(user: Any, case: Case) -> bool:
    """Whether ``user`` may record trafficking profiles on ``case``."""
    return Case.objects.restrict(user, CHANGE).filter(pk=case.pk).exists()


@transaction.atomic
def record_profile(user: Any, case_person: CasePerson,
                   data: Mapping[str, Any]) -> TraffickingProfile:
    """Record (or update) the trafficking profile of a person in a case, all or nothing.

    ``data`` holds the profile's fields by name: code lists as lists of codes,
    ``transit_countries`` as countries (or their ids). Raises ValidationError with
    the fields at fault, PermissionDenied when the user may not record it."""
    case = case_person.case
    if not may_record(user, case):
        raise PermissionDenied(_("You may not change this case."))
    profile = TraffickingProfile.objects.filter(case_person=case_person).first()
    action = CHANGE if profile is not None else ADD
    if profile is None:
        profile = TraffickingProfile(case=case, case_person=case_person)
    unknown = sorted(set(data) - {*PLAIN_FIELDS, *CODE_LISTS, "transit_countries"})
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in unknown})
    for name in (*PLAIN_FIELDS, *CODE_LISTS):
        if name in data:
            setattr(profile, name, data[name])
    for name in CODE_LISTS:
        codes = getattr(profile, name)
        if isinstance(codes, list):  # anything else is refused by clean(), naming the field
            setattr(profile, name, sorted({str(code) for code in codes}))
    profile.full_clean()
    profile.save()
    if "transit_countries" in data:
        profile.transit_countries.set(countries(data["transit_countries"]))
    within_permission(user, profile, action)
    return profile


def countries(given: Iterable[Any]) -> list[Country]:
    """Countries from instances or ids; an unknown id is a field error."""
    wanted = [c.pk if isinstance(c, Country) else c for c in given or []]
    found = list(Country.objects.filter(pk__in=wanted))
    if len(found) != len(set(wanted)):
        raise ValidationError({"transit_countries": [_("Unknown country.")]})
    return found


def within_permission(user: Any, profile: TraffickingProfile, action: str) -> None:
    """Refuse (and so roll back) a saved profile outside the user's permission."""
    if not TraffickingProfile.objects.restrict(user, action).filter(pk=profile.pk).exists():
        raise PermissionDenied(_("You may not record a trafficking profile on this case."))


def releasable_cases(user: Any) -> models.QuerySet[Case]:
    """The cases whose data ``user`` may release as statistics or anonymous data."""
    return Case.objects.restrict(user, RELEASE)  # type: ignore[attr-defined,no-any-return]


def may_release(user: Any) -> bool:
    """Whether ``user`` holds the custom action ``release`` on any case."""
    return can(user, Case, RELEASE)


def releasable_profiles(user: Any) -> models.QuerySet[TraffickingProfile]:
    """The profiles of the cases ``user`` may release (PermissionDenied without ``release``).

    Unaudited: the caller audits what leaves the system."""
    if not may_release(user):
        raise PermissionDenied(_("You may not release counter-trafficking data."))
    return TraffickingProfile.objects.filter(case__in=releasable_cases(user).values("pk")) \
        .select_related("case", "case_person__person", "exploitation_country") \
        .order_by("pk")


@contextmanager
def on_behalf_of(user: Any) -> Iterator[None]:
    """Work as ``user`` where no one is acting yet (the CLI, a test), so the audit log
    names who released; inside a request or a job, their actor stays."""
    actor = current_actor()
    if actor.authenticated_user is not None:
        yield
        return
    with acting_as(user, channel=actor.channel if actor.channel != "system" else "cli"):
        yield
