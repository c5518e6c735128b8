"""Tables of stay rules and of the stay lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crossroads.borders import models as m
from crossroads.core.tables import CrossroadsTable


class StayRuleTable(CrossroadsTable):
    name = tables.Column(linkify=True)

    class Meta(CrossroadsTable.Meta):
        model = m.StayRule
        fields = ("name", "country", "nationality", "document_kind", "permit_kind", "kind",
                  "days", "window", "valid_from", "valid_to", "legal_basis")


def traveller_url(record: dict[str, Any]) -> str:
    """The traveller's stay status in the list's country, on the list's day."""
    url = reverse("borders:traveller_stay", args=[record["person_id"]])
    return f"{url}?country={record['country']}&on={record['on'].isoformat()}"


class StayListTable(tables.Table):
    """Rows of a stay list (plain dictionaries built by the list views)."""

    person = tables.Column(verbose_name=_("Traveller"), linkify=traveller_url)
    nationality = tables.Column(verbose_name=_("Nationality"))
    document_number = tables.Column(verbose_name=_("Document number"))
    point = tables.Column(verbose_name=_("Crossing point"))
    crossed_on = tables.DateColumn(verbose_name=_("Date of crossing"), format="Y-m-d")

    class Meta:
        attrs = {"class": "table"}
        empty_text = _("Nothing found.")
        orderable = False

    def export_rows(self) -> list[list[Any]]:
        return [list(row) for row in self.as_values()]


class OverstayerTable(StayListTable):
    rule = tables.Column(verbose_name=_("Stay rule"))
    days_used = tables.Column(verbose_name=_("Days used"))
    must_leave_by = tables.DateColumn(verbose_name=_("Had to leave by"), format="Y-m-d")
    overstay_days = tables.Column(verbose_name=_("Days of overstay"))


class ExitWithoutEntryTable(StayListTable):
    pass


class EntryWithoutExitTable(StayListTable):
    days = tables.Column(verbose_name=_("Days since entry"))
    reason = tables.Column(verbose_name=_("Why listed"))
