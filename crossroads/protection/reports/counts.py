"""Counts of protection cases and of the assistance given to their persons.

Only counts leave these functions, never a row: a viewer of aggregates reaches them
through the custom action ``aggregate`` on Case and never sees a case, so nothing is
audited (no case is read). Sex and age are those of a person when the case opened; once
the retention job has anonymised a case, ``CasePerson.facts`` keeps them and is counted
instead (``sex``, ``age_group``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case as Choose
from django.db.models import CharField, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, ExtractYear, NullIf, TruncMonth

from crossroads.core.permissions import VIEW
from crossroads.protection import services
from crossroads.protection.choices import CasePersonRole, ReferralStatus
from crossroads.protection.models import Case, CasePerson, Referral, ReintegrationAssistance

#: A category nothing is known of (a person without a recorded sex, a case without a
#: principal, an organisation without a country).
UNKNOWN = "unknown"
Counts = dict[str, int]


@dataclass(frozen=True)
class Scope:
    """Which cases a report counts, and the period it covers.

    For the caseload the period is when cases were opened; for service delivery it is
    when a referral was made or a service delivered. Empty fields do not restrict."""

    start: date | None = None
    end: date | None = None
    country: str = ""
    case_type: str = ""
    organisation: int | None = None


def countable_cases(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may count: those they may view or count (action ``aggregate``)."""
    reachable = services.cases_for(user, VIEW) | services.cases_for(user, services.AGGREGATE)
    return Case.objects.filter(pk__in=reachable.values("pk"))


def sees_exact_counts(user: Any, cases: QuerySet[Case]) -> bool:
    """Whether ``user`` may view every counted case, so small counts need no protection."""
    viewable = services.cases_for(user, VIEW).values("pk")
    return not cases.exclude(pk__in=viewable).exists()


def in_scope(cases: QuerySet[Case], scope: Scope, *, by_opening: bool = True) -> QuerySet[Case]:
    """The cases of ``scope``'s country, case type and organisation (and opened in its
    period when ``by_opening``)."""
    if scope.country:
        cases = cases.filter(organisation__country__iso3=scope.country)
    if scope.case_type:
        cases = cases.filter(case_type=scope.case_type)
    if scope.organisation:
        cases = cases.filter(organisation_id=scope.organisation)
    if by_opening:
        cases = in_period(cases, "opened_on", scope)
    return cases


def in_period(rows: QuerySet[Any], field: str, scope: Scope) -> QuerySet[Any]:
    """The rows whose date ``field`` lies in the scope's period (both ends included)."""
    if scope.start:
        rows = rows.filter(**{f"{field}__gte": scope.start})
    if scope.end:
        rows = rows.filter(**{f"{field}__lte": scope.end})
    return rows


def with_sex_and_age(persons: QuerySet[CasePerson]) -> QuerySet[Any]:
    """Persons in cases annotated with ``sex_key`` and ``age_key``: the person's sex and
    age group when the case opened, or the facts kept once the case is anonymised."""
    age = ExtractYear("case__opened_on") - F("person__birth_year")
    groups = [When(age_at_opening__gte=low, age_at_opening__lte=high, then=Value(label))
              for low, high, label in services.AGE_GROUPS]
    return persons.annotate(
        age_at_opening=Cast(age, IntegerField()),
        sex_key=Coalesce(NullIf(F("person__sex"), Value("")), KeyTextTransform("sex", "facts"),
                         output_field=CharField()),
    ).annotate(age_key=Choose(*groups, default=KeyTextTransform("age_group", "facts"),
                              output_field=CharField()))


def tally(rows: QuerySet[Any], field: str) -> Counts:
    """How many rows have each value of ``field`` (unknown values counted together)."""
    found: Counter[str] = Counter()
    for row in rows.order_by().values(field).annotate(n=Count("pk")):
        found[str(row[field]) if row[field] not in (None, "") else UNKNOWN] += row["n"]
    return dict(found)


def by_month(cases: QuerySet[Case]) -> Counts:
    """Cases opened per month (``YYYY-MM``), oldest first, months without a case as 0."""
    rows = cases.order_by().annotate(month=TruncMonth("opened_on")).values("month") \
        .annotate(n=Count("pk"))
    found = {(row["month"].year, row["month"].month): row["n"] for row in rows}
    if not found:
        return {}
    (year, month), last = min(found), max(found)
    months: Counts = {}
    while (year, month) <= last:
        months[f"{year:04d}-{month:02d}"] = found.get((year, month), 0)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def sex_by_age(persons: QuerySet[Any]) -> dict[str, Counts]:
    """Persons by sex, then age group: ``{"F": {"18-59": 3, …}, …}``."""
    cross: dict[str, Counts] = {}
    rows = persons.order_by().values("sex_key", "age_key").annotate(n=Count("pk"))
    for row in rows:
        ages = cross.setdefault(row["sex_key"] or UNKNOWN, {})
        age = row["age_key"] or UNKNOWN
        ages[age] = ages.get(age, 0) + row["n"]
    return cross


def caseload(user: Any, scope: Scope | None = None) -> dict[str, Any]:
    """The caseload ``user`` may count: cases by status, case type, country (of the owning
    organisation) and month opened; principals by sex, age group, and sex × age group.

    A case without a principal is counted under ``unknown`` sex and age, so every
    breakdown adds up to ``total``."""
    cases = in_scope(countable_cases(user), scope or Scope())
    principals = with_sex_and_age(CasePerson.objects.filter(
        case__in=cases, role=CasePersonRole.PRINCIPAL))
    total = cases.count()
    without_principal = total - principals.count()
    counts: dict[str, Any] = {
        "total": total,
        "status": tally(cases, "status"), "case_type": tally(cases, "case_type"),
        "country": tally(cases, "organisation__country__iso3"), "month": by_month(cases),
        "sex": tally(principals, "sex_key"), "age_group": tally(principals, "age_key"),
        "sex_age": sex_by_age(principals),
    }
    if without_principal:
        for kind in ("sex", "age_group"):
            counts[kind][UNKNOWN] = counts[kind].get(UNKNOWN, 0) + without_principal
        unknown = counts["sex_age"].setdefault(UNKNOWN, {})
        unknown[UNKNOWN] = unknown.get(UNKNOWN, 0) + without_principal
    return counts


def referrals_by_service(referrals: QuerySet[Referral]) -> dict[str, Counts]:
    """Referrals by service, then status: ``{"shelter": {"completed": 2, …}, …}``."""
    table: dict[str, Counts] = {}
    for row in referrals.order_by().values("service", "status").annotate(n=Count("pk")):
        table.setdefault(row["service"], {})[row["status"]] = row["n"]
    return table


def persons_assisted(ids: set[int]) -> list[tuple[str, str]]:
    """Sex and age group of each distinct person among the persons in cases ``ids``.

    A person helped in two cases counts once; persons of anonymised cases have no
    identity left and count once per case."""
    rows = with_sex_and_age(CasePerson.objects.filter(pk__in=ids)).order_by("pk") \
        .values_list("pk", "person_id", "sex_key", "age_key")
    seen: dict[tuple[str, int], tuple[str, str]] = {}
    for pk, person, sex, age in rows:
        key = ("person", person) if person is not None else ("case person", pk)
        seen.setdefault(key, (sex or UNKNOWN, age or UNKNOWN))
    return list(seen.values())


def service_delivery(user: Any, scope: Scope | None = None) -> dict[str, Any]:
    """The assistance given in the cases ``user`` may count, during the scope's period.

    ``referrals``: referrals made, by service and status; ``completed_referrals``:
    referrals completed, by service; ``assistance``: reintegration assistance delivered,
    by kind; ``persons``: distinct persons with any service delivered, by sex, age
    group and both."""
    scope = scope or Scope()
    cases = in_scope(countable_cases(user), scope, by_opening=False)
    made = in_period(Referral.objects.filter(case__in=cases), "created__date", scope)
    completed = in_period(Referral.objects.filter(case__in=cases,
                                                  status=ReferralStatus.COMPLETED),
                          "completed_at__date", scope)
    delivered = in_period(ReintegrationAssistance.objects.filter(
        case__in=cases, delivered_on__isnull=False), "delivered_on", scope)
    ids = set(completed.values_list("case_person_id", flat=True))
    ids |= set(delivered.values_list("plan__application__applicant_id", flat=True))
    persons = persons_assisted(ids)
    cross: dict[str, Counts] = {}
    for sex, age in persons:
        cross.setdefault(sex, {})[age] = cross.get(sex, {}).get(age, 0) + 1
    return {
        "referrals": referrals_by_service(made),
        "completed_referrals": tally(completed, "service"),
        "assistance": tally(delivered, "kind"),
        "services_delivered": completed.count() + delivered.count(),
        "persons": len(persons),
        "persons_by_sex": dict(Counter(sex for sex, _age in persons)),
        "persons_by_age_group": dict(Counter(age for _sex, age in persons)),
        "persons_by_sex_age": cross,
    }
