"""Pipeline input from the operational database: recorded crossings and stay rules.

Crossings are sensitive: they are read only through ``restrict(user, "view")`` and
every crossing read is written to the audit log (as exported: it leaves the database
for the pipeline).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date, datetime
from typing import Any

import pyarrow as pa
from django.db.models import Q
from django.utils import timezone

from crossroads.analytics.schema import EVENT_SCHEMA, RULE_SCHEMA
from crossroads.core.audit import audit_access
from crossroads.core.context import acting_as, current_actor
from crossroads.core.models import AuditEvent

#: Crossings are read (and audited) this many at a time.
BATCH = 5000


def events_from_crossings(user: Any, crossings: Any = None) -> pa.Table:
    """The crossings ``user`` may view (of ``crossings``, a queryset, if given) as events.

    Times are given in the configured time zone (``TIME_ZONE``), without it: a
    crossing's day is then the day the border screen counts (``stay_rules.services.day_of``).
    """
    from crossroads.borders.models import Crossing

    queryset = crossings if crossings is not None else Crossing.objects.all()
    queryset = queryset.restrict(user, "view").select_related("point__country").order_by("pk")
    rows: list[dict[str, Any]] = []
    actor = current_actor()
    # The audit log names who read: the user given, even when called outside a request.
    reader = nullcontext() if actor.authenticated_user == user else acting_as(
        user, channel=actor.channel)
    with reader:
        for batch in _batches(queryset):
            audit_access(Crossing, batch, AuditEvent.Action.EXPORT)
            rows.extend(event_row(c) for c in batch)
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)


def _batches(queryset: Any) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for crossing in queryset.iterator(chunk_size=BATCH):
        batch.append(crossing)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def event_row(crossing: Any) -> dict[str, Any]:
    """One crossing in the columns of :data:`EVENT_SCHEMA`."""
    moment: datetime = crossing.crossed_at
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment).replace(tzinfo=None)
    return {
        "event_id": crossing.pk, "person_id": crossing.person_id, "crossed_at": moment,
        "movement": crossing.movement, "point": crossing.point.code,
        "country": crossing.point.country.iso3, "nationality": crossing.nationality or None,
        "sex": crossing.sex or "U", "birth_year": crossing.birth_year,
        "permit_kind": crossing.permit_kind or None,
        "permit_valid_until": crossing.permit_valid_until,
    }


def rules_from_db(on: date | None = None) -> pa.Table:
    """The stay rules in force on ``on`` (default: every rule) in :data:`RULE_SCHEMA`.

    Crossing events do not carry the document type, so a rule that names one cannot be
    matched by the pipelines and is left out (the officer's screen applies it).
    """
    from crossroads.borders.models import StayRule

    rules = StayRule.objects.filter(document_kind="").select_related("country", "nationality")
    if on is not None:
        rules = rules.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on),
                             Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    rows = [{"rule_id": r.pk, "country": r.country.iso3,
             "nationality": r.nationality.iso3 if r.nationality else None,
             "permit_kind": r.permit_kind or None, "kind": r.kind, "days": r.days,
             "window": r.window} for r in rules.order_by("pk")]
    return pa.Table.from_pylist(rows, schema=RULE_SCHEMA)
