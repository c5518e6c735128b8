"""Live counts of an operation: arrivals by time, sex, age group and vulnerability.

Counts are aggregates without names. Whoever may view the operation sees them
(emergency officers, programme managers), even without access to the sensitive
arrivals themselves: coordination needs the numbers, not the people. They are not
published, so no small-cell suppression is applied; publishing goes through
``evidence`` and its disclosure control.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.borders.models import Arrival, EmergencyOperation, EmergencyReferral
from crossroads.people.choices import Sex

#: Age groups of humanitarian registration: (code, lowest age, highest age).
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("0-4", 0, 4), ("5-11", 5, 11), ("12-17", 12, 17), ("18-59", 18, 59), ("60+", 60, 200))
UNKNOWN_AGE = "unknown"
AGE_GROUP_LABELS = {**{code: code for code, _low, _high in AGE_GROUPS},
                    UNKNOWN_AGE: _("unknown age")}


def age_group(age: int | None) -> str:
    """The age group of an age in years (``unknown`` when not known)."""
    if age is None:
        return UNKNOWN_AGE
    for code, low, high in AGE_GROUPS:
        if low <= age <= high:
            return code
    return UNKNOWN_AGE


def age_group_codes() -> list[str]:
    return [code for code, _low, _high in AGE_GROUPS] + [UNKNOWN_AGE]


def operation_counts(operation: EmergencyOperation, now: datetime | None = None) -> dict[str, Any]:
    """All the counts of the dashboard and the API, with every category present (zeros too).

    "Today" is the calendar day in the system's time zone; arrivals are counted by
    the group's arrival time.
    """
    now = now or timezone.now()
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    arrivals = Arrival.objects.filter(group__operation=operation)
    totals = arrivals.aggregate(
        total=Count("pk"),
        today=Count("pk", filter=Q(group__arrived_at__gte=start_of_day,
                                   group__arrived_at__lte=now)),
        last_24h=Count("pk", filter=Q(group__arrived_at__gt=now - timedelta(hours=24),
                                      group__arrived_at__lte=now)))
    cross: dict[str, dict[str, int]] = {
        sex: dict.fromkeys(age_group_codes(), 0) for sex in Sex.values}
    flags: Counter[str] = Counter()
    for sex, age, vulnerabilities in arrivals.values_list("sex", "age", "vulnerabilities"):
        cross.setdefault(sex, dict.fromkeys(age_group_codes(), 0))[age_group(age)] += 1
        flags.update(set(vulnerabilities or []))
    referrals = dict(EmergencyReferral.objects.filter(arrival__group__operation=operation)
                     .values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "operation": operation.pk,
        "as_of": now.isoformat(),
        "arrivals": totals,
        "groups": operation.groups.count(),
        "by_sex": {sex: sum(row.values()) for sex, row in cross.items()},
        "by_age_group": {code: sum(row[code] for row in cross.values())
                         for code in age_group_codes()},
        "by_sex_and_age_group": cross,
        "by_vulnerability": {code: flags[code] for code in choices.Vulnerability.values},
        "referrals": {code: referrals.get(code, 0) for code in choices.ReferralStatus.values},
    }


def display_tables(found: dict[str, Any]) -> dict[str, Any]:
    """The counts as labelled rows for the dashboard (the JSON keeps the codes)."""
    sexes = dict(Sex.choices)
    flags = dict(choices.Vulnerability.choices)
    statuses = dict(choices.ReferralStatus.choices)
    return {
        "age_headers": [AGE_GROUP_LABELS[code] for code in age_group_codes()],
        "sex_rows": [(sexes.get(sex, sex), list(row.values()), found["by_sex"][sex])
                     for sex, row in found["by_sex_and_age_group"].items()],
        "age_totals": list(found["by_age_group"].values()),
        "flag_rows": [(flags[code], n) for code, n in found["by_vulnerability"].items()],
        "status_rows": [(statuses[code], n) for code, n in found["referrals"].items()],
    }
