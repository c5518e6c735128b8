"""Case services beyond the workflow: opening a case, screening, tasks, caseload counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.audit import audit_access
from crossroads.core.permissions import CHANGE, VIEW, can
from crossroads.people import services as people
from crossroads.people.choices import NamePart
from crossroads.people.models import Person, PersonName, name_order
from crossroads.protection import factors
from crossroads.protection.choices import CasePersonRole
from crossroads.protection.models import Case, CasePerson, Task, VulnerabilityScreening

#: The custom action of viewers of aggregates only: counts, never a case.
AGGREGATE = "aggregate"
AGE_GROUPS = ((0, 4, "0-4"), (5, 11, "5-11"), (12, 17, "12-17"), (18, 59, "18-59"),
              (60, 200, "60+"))


def cases_for(user: Any, action: str = VIEW) -> Any:
    """The cases ``user`` may reach for ``action`` (unaudited: audit what is shown)."""
    return Case.objects.restrict(user, action)


def open_case_page(user: Any, pk: int) -> Case:
    """The case ``pk`` if ``user`` may view it, its read written to the audit log."""
    case = cases_for(user).filter(pk=pk).first()
    if case is None:
        raise PermissionDenied(_("You may not view this case."))
    audit_access(Case, [case])
    return case


def shows_names(user: Any) -> bool:
    """Whether ``user`` may see persons' names at all (facts only if not)."""
    return can(user, Person, VIEW) and can(user, PersonName, VIEW)


def person_label(user: Any, case_person: CasePerson) -> str:
    """A person in a case as ``user`` may see them: the names they may view, else ``person #uid``.

    Names are read through ``PersonName.restrict()``, so a role allowed to see a person but
    not their names still gets the case's facts only."""
    person = case_person.person
    if person is None:
        return anonymised_label(case_person)
    if shows_names(user) and Person.objects.restrict(user, VIEW).filter(pk=person.pk).exists():
        names = PersonName.objects.restrict(user, VIEW).filter(person=person)
        shown = " ".join(n.value for n in sorted(names, key=name_order)
                         if n.part != NamePart.ALIAS)
        if shown:
            return shown
    return _("person #%(uid)s") % {"uid": str(person.uid)[:8]}


def anonymised_label(case_person: CasePerson) -> str:
    """A person of an anonymised case: the facts kept (sex, age group, nationality)."""
    facts = case_person.facts or {}
    kept = [facts.get("sex") or "?", facts.get("age_group") or "?",
            " ".join(facts.get("nationality") or []) or "?"]
    return _("anonymised person (%(facts)s)") % {"facts": ", ".join(kept)}


@transaction.atomic
def add_person(case: Case, user: Any, person: Person, role: str,
               relationship: str = "") -> CasePerson:
    """Add an existing person the user may view to a case they may change."""
    if not cases_for(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    if not Person.objects.restrict(user, VIEW).filter(pk=person.pk).exists():
        raise ValidationError({"person": [_("No person you may view has this identifier.")]})
    return save_case_person(case, person, role, relationship)


def save_case_person(case: Case, person: Person, role: str, relationship: str) -> CasePerson:
    if role not in CasePersonRole.values:
        raise ValidationError({"role": [_("Unknown role %(role)r.") % {"role": role}]})
    if role == CasePersonRole.PRINCIPAL and case.casepersons.filter(role=role).exists():
        raise ValidationError({"role": [_("This case already has a principal.")]})
    if case.casepersons.filter(person=person).exists():
        raise ValidationError({"person": [_("This person is already in the case.")]})
    link = CasePerson.objects.create(case=case, person=person, role=role,
                                     relationship=relationship.strip())
    people.cite(person, link, case.organisation, role)
    return link


@transaction.atomic
def register_person(case: Case, user: Any, data: people.PersonInput, role: str,
                    relationship: str = "") -> CasePerson:
    """Register a new person through the identity layer and add them to the case."""
    if not cases_for(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not change this case."))
    if role not in CasePersonRole.values:
        raise ValidationError({"role": [_("Unknown role %(role)r.") % {"role": role}]})
    # The person needs a row before the case can point at them, so the case person cites
    # the new person once created (people.cite, what register(cited_by=...) does).
    person = people.register(data, case.organisation)
    return save_case_person(case, person, role, relationship)


@transaction.atomic
def screen(case: Case, user: Any, answers: Mapping[str, object],
           on: date | None = None) -> VulnerabilityScreening:
    """Record a vulnerability screening and set the case's priority from it."""
    if not cases_for(user, CHANGE).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You may not screen this case."))
    result = factors.assess(answers)
    screening = VulnerabilityScreening.objects.create(
        case=case, screened_on=on or timezone.localdate(),
        answers=factors.check_answers(answers), priority=result.priority,
        score=result.score, reasons=result.reasons)
    case.priority = result.priority
    case.save(update_fields=["priority"])
    return screening


def overdue_tasks(user: Any, today: date | None = None) -> dict[Any, list[Task]]:
    """Open tasks past their due date that ``user`` may view, by assignee."""
    today = today or timezone.localdate()
    late = Task.objects.restrict(user, VIEW).filter(done=False, due_on__lt=today) \
        .select_related("assignee", "case").order_by("assignee", "due_on")
    by_assignee: dict[Any, list[Task]] = {}
    for task in late:
        by_assignee.setdefault(task.assignee, []).append(task)
    return by_assignee


def age_group(years: int | None) -> str:
    if years is None:
        return "unknown"
    return next((label for low, high, label in AGE_GROUPS if low <= years <= high), "unknown")


def caseload(user: Any) -> dict[str, dict[str, int]]:
    """Counts of the cases ``user`` may count (view or aggregate): by status, type, sex, age.

    Sex and age are the principal's when the case opened. Only counts leave this function,
    so a viewer of aggregates sees no case, and nothing is audited (no case is read).
    The counting itself is ``crossroads.protection.reports.counts.caseload``."""
    from crossroads.protection.reports import counts  # the reports build on this module

    found = counts.caseload(user)
    return {kind: found[kind] for kind in ("status", "case_type", "sex", "age_group")}
