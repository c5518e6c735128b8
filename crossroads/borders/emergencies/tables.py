"""Tables of emergency mode."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from crossroads.borders import choices
from crossroads.borders import models as m
from crossroads.borders.emergencies.counts import AGE_GROUP_LABELS, age_group
from crossroads.core.tables import CrossroadsTable


def flag_labels(codes: list[str]) -> str:
    """Vulnerability codes as people read them, in the order of the list of vulnerabilities."""
    given = set(codes or [])
    return ", ".join(str(label) for code, label in choices.Vulnerability.choices
                     if code in given)


class EmergencyOperationTable(CrossroadsTable):
    name = tables.Column(linkify=True)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.EmergencyOperation
        fields = ("name", "point", "organisation", "status", "started_at", "ended_at")


class ArrivalGroupTable(CrossroadsTable):
    arrived_at = tables.DateTimeColumn(linkify=True)
    size = tables.Column(verbose_name=_("People"), accessor="size", orderable=False)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.ArrivalGroup
        fields = ("arrived_at", "kind", "operation", "place_of_origin", "size")


class ArrivalTable(CrossroadsTable):
    person = tables.Column(linkify=lambda record: record.get_absolute_url())
    age_group = tables.Column(verbose_name=_("Age group"), accessor="age", orderable=False)
    vulnerabilities = tables.Column(verbose_name=_("Vulnerabilities"), orderable=False)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.Arrival
        fields = ("person", "group", "relationship", "sex", "age", "age_group", "nationality",
                  "vulnerabilities")

    def render_age_group(self, value: int | None) -> Any:
        return AGE_GROUP_LABELS[age_group(value)]

    def value_age_group(self, value: int | None) -> str:
        return age_group(value)

    def render_vulnerabilities(self, value: list[str]) -> str:
        return flag_labels(value)


class EmergencyReferralTable(CrossroadsTable):
    service = tables.Column(linkify=True)
    actions = None

    class Meta(CrossroadsTable.Meta):
        model = m.EmergencyReferral
        fields = ("service", "arrival", "to_organisation", "status", "consent_by", "consent_at",
                  "created")
