"""The NRM dashboard: counts of referrals of the cases a user may count, per country.

Only numbers leave this module (no referral or case is read), so a viewer of aggregates
may see it; it covers the cases ``Case.objects.restrict(user, "aggregate")`` returns.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from crossroads.protection.models import Case, Referral
from crossroads.protection.nrm.referrals import overdue_q

AGGREGATE = "aggregate"
DAY = 86400.0


def referrals_counted(user: Any, country: str = "") -> QuerySet[Referral]:
    """Referrals of the cases ``user`` may count, optionally at providers in ``country``."""
    cases = Case.objects.restrict(user, AGGREGATE).values("pk")
    found = Referral.objects.filter(case__in=cases)
    if country:
        found = found.filter(provider__country__iso3=country.upper())
    return found


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` between 0 and 1) of ``values``; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return round(ordered[rank - 1], 1)


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    if len(ordered) % 2:
        return round(ordered[middle], 1)
    return round((ordered[middle - 1] + ordered[middle]) / 2, 1)


def response_days(referrals: QuerySet[Referral]) -> list[float]:
    """Days from sending to the answer (accepted or rejected), one per answered referral."""
    pairs = referrals.filter(sent_at__isnull=False, responded_at__isnull=False) \
        .values_list("sent_at", "responded_at")
    return [(answered - sent).total_seconds() / DAY for sent, answered in pairs
            if sent is not None and answered is not None]


def dashboard(user: Any, country: str = "", today: date | None = None) -> dict[str, Any]:
    """Referrals by service, status and provider country; time to answer; overdue count."""
    referrals = referrals_counted(user, country)
    days = response_days(referrals)
    return {
        "country": country.upper(),
        "total": referrals.count(),
        "by_service": dict(Counter(referrals.values_list("service", flat=True))),
        "by_status": dict(Counter(referrals.values_list("status", flat=True))),
        "by_country": dict(Counter(referrals.values_list("provider__country__iso3",
                                                         flat=True))),
        "answered": len(days),
        "median_days_to_answer": median(days),
        "p90_days_to_answer": percentile(days, 0.9),
        "overdue": referrals.filter(overdue_q(today or timezone.localdate())).count(),
    }
