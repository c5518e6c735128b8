"""Pages of stay rules, of a traveller's stay status and of the stay lists.

Stay rules are not sensitive: generic pages. The status and the lists read crossings,
which are: the user needs ``view`` on crossings, only the crossings ``restrict()`` gives
them are read, and every crossing shown is written to the audit log.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from crossroads.borders import models as m
from crossroads.borders.stay_rules import filtersets, forms, lists, services, tables
from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import VIEW, can
from crossroads.core.views.generic import ObjectViews


class StayRuleViews(ObjectViews):
    model = m.StayRule
    filterset = filtersets.StayRuleFilterSet
    table = tables.StayRuleTable
    form = forms.StayRuleForm


def visible_crossings(request: HttpRequest) -> Any:
    """The crossings the user may view; 403 (audited) for a user who may view none."""
    if not can(request.user, m.Crossing, VIEW):
        audit_denied(m.Crossing, "")
        raise PermissionDenied(_("You do not have permission to do this."))
    return m.Crossing.objects.restrict(request.user, VIEW)  # type: ignore[attr-defined]


def traveller_stay(request: HttpRequest, person: int) -> HttpResponse:
    """A traveller's stay in a country on a day: rule, days used and left, date to leave."""
    crossings = visible_crossings(request)
    form = forms.StayQueryForm(request.GET, user=request.user)
    context: dict[str, Any] = {"form": form, "person_id": person}
    if not form.is_valid():
        return render(request, "borders/stays/traveller.html", context, status=400)
    if not crossings.filter(person_id=person).exists():
        audit_denied(m.Crossing, f"person {person}")
        raise Http404(_("No crossings of this traveller, or you may not see them."))
    status = services.assess_traveller(person, form.cleaned_data["country"],
                                       form.cleaned_data["on"], crossings)
    audit_access(m.Crossing, status.history.crossings, AuditEvent.Action.VIEW)
    context.update(status=status, crossings=status.history.crossings,
                   traveller=status.history.crossings[-1].person
                   if status.history.crossings else None)
    return render(request, "borders/stays/traveller.html", context)


# Lists --------------------------------------------------------------------------------

def crossing_row(crossing: m.Crossing, filters: lists.ListFilters) -> dict[str, Any]:
    """The columns every stay list shows for the crossing a row is about."""
    return {"person_id": crossing.person_id, "person": str(crossing.person),
            "country": filters.country.iso3, "on": filters.on,
            "nationality": crossing.nationality, "document_number": crossing.document_number,
            "point": crossing.point.code, "crossed_on": services.day_of(crossing)}


def overstayer_rows(crossings: Any, filters: lists.ListFilters
                    ) -> tuple[list[dict[str, Any]], list[m.Crossing]]:
    found = lists.overstayers(crossings, filters)
    rows, shown = [], []
    for status in found:
        entry = status.history.last_entry
        assert entry is not None
        shown.append(entry)
        rows.append({**crossing_row(entry, filters), "rule": str(status.rule),
                     "days_used": status.days_used, "must_leave_by": status.must_leave_by,
                     "overstay_days": status.overstay_days})
    return rows, shown


def exit_rows(crossings: Any, filters: lists.ListFilters
              ) -> tuple[list[dict[str, Any]], list[m.Crossing]]:
    found = list(lists.exits_without_entry(crossings, filters))
    return [crossing_row(c, filters) for c in found], found


def open_entry_rows(crossings: Any, filters: lists.ListFilters
                    ) -> tuple[list[dict[str, Any]], list[m.Crossing]]:
    found = lists.entries_without_exit(crossings, filters)
    rows = [{**crossing_row(o.crossing, filters), "days": o.days, "reason": o.reason}
            for o in found]
    return rows, [o.crossing for o in found]


RowMaker = Callable[[Any, lists.ListFilters], tuple[list[dict[str, Any]], list[m.Crossing]]]

#: slug: (title, what the list shows, rows, table)
LISTS: dict[str, tuple[Any, Any, RowMaker, type[tables.StayListTable]]] = {
    "overstayers": (
        gettext_lazy("Current overstayers"),
        gettext_lazy("Travellers in the country on the day whose date to leave has passed."),
        overstayer_rows, tables.OverstayerTable),
    "exits_without_entry": (
        gettext_lazy("Exits without entry"),
        gettext_lazy("Exits with no recorded entry before them for the same traveller."),
        exit_rows, tables.ExitWithoutEntryTable),
    "entries_without_exit": (
        gettext_lazy("Entries without exit"),
        gettext_lazy("Entries followed by another entry, and stays still open after the "
                     "given number of days."),
        open_entry_rows, tables.EntryWithoutExitTable),
}


def stay_list(request: HttpRequest, which: str) -> HttpResponse:
    """One of the stay lists, filtered; ``?export=csv`` downloads it whole."""
    title, lead, make_rows, table_class = LISTS[which]
    crossings = visible_crossings(request)
    form = forms.StayListForm(request.GET, user=request.user)
    context: dict[str, Any] = {"form": form, "title": title, "lead": lead, "which": which}
    if not form.is_valid():
        return render(request, "borders/stays/list.html", context, status=400)
    rows, shown = make_rows(crossings, form.filters())
    table = table_class(rows)
    if request.GET.get("export") == "csv":
        audit_access(m.Crossing, shown, AuditEvent.Action.EXPORT)
        return csv_response(table, str(title))
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    audit_access(m.Crossing, shown, AuditEvent.Action.LIST)
    context.update(table=table, count=len(rows))
    return render(request, "borders/stays/list.html", context)


def csv_response(table: tables.StayListTable, title: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(title)}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 (Cyrillic names)
    csv.writer(response).writerows(table.export_rows())
    return response
