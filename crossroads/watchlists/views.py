"""Pages of watchlists: lists, entries, the alert queue, an alert and its decision, and
the CSV import of entries."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.core.views.generic import ObjectViews
from crossroads.people.matching.search import field_label
from crossroads.people.models import Person
from crossroads.watchlists import filtersets, forms, services, tables
from crossroads.watchlists import models as m
from crossroads.watchlists.choices import TRANSITIONS, AlertStatus


class WatchlistViews(ObjectViews):
    model = m.Watchlist
    filterset = filtersets.WatchlistFilterSet
    table = tables.WatchlistTable
    form = forms.WatchlistForm
    detail_template = "watchlists/watchlist.html"

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        entries = m.WatchlistEntry.objects.restrict(request.user, VIEW).filter(watchlist=obj)
        return {"entry_count": entries.count(),
                "can_import": can(request.user, m.WatchlistEntry, ADD)}


class WatchlistEntryViews(ObjectViews):
    model = m.WatchlistEntry
    filterset = filtersets.WatchlistEntryFilterSet
    table = tables.WatchlistEntryTable
    form = forms.WatchlistEntryForm


class AlertViews(ObjectViews):
    """The alert queue (open first, then escalated, then decided) and one alert."""

    model = m.Alert
    filterset = filtersets.AlertFilterSet
    table = tables.AlertTable
    detail_template = "watchlists/alert.html"

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        waiting = Case(When(status=AlertStatus.OPEN, then=Value(0)),
                       When(status=AlertStatus.ESCALATED, then=Value(1)), default=Value(2),
                       output_field=IntegerField())
        return super().queryset(user, action).annotate(waiting=waiting) \
            .order_by("waiting", "-created")

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        person = Person.objects.restrict(request.user, VIEW).filter(pk=obj.person_id) \
            .prefetch_related("names", "documents", "nationalities__country").first()
        entry = m.WatchlistEntry.objects.restrict(request.user, VIEW) \
            .filter(pk=obj.entry_id).select_related("watchlist").first()
        shown = [x for x in (person, entry) if x is not None]
        if person is not None:
            audit_access(Person, [person], AuditEvent.Action.VIEW)
        if entry is not None:
            audit_access(m.WatchlistEntry, [entry], AuditEvent.Action.VIEW)
        can_decide = bool(TRANSITIONS[obj.status]) and m.Alert.objects.restrict(
            request.user, CHANGE).filter(pk=obj.pk).exists()
        return {"person": person, "entry": entry, "shown": shown,
                "explanation": [{**row, "field_label": field_label(row.get("field", ""))}
                                for row in obj.explanation or []],
                "can_decide": can_decide, "decision_form": forms.DecisionForm(),
                "record": obj.record}


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, dismiss (false match) or escalate an alert; a note is required to
    dismiss or escalate. Only alerts the user may change can be decided."""
    if not can(request.user, m.Alert, CHANGE):
        raise PermissionDenied
    alert = get_object_or_404(m.Alert.objects.restrict(request.user, CHANGE), pk=pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("watchlists:alert", alert.pk)
    try:
        decided = services.decide(alert, request.user, form.cleaned_data["status"],
                                  form.cleaned_data["note"])
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Decided: %(status)s.") % {
            "status": decided.get_status_display()})
    return redirect("watchlists:alert", alert.pk)


def import_entries(request: HttpRequest, pk: int) -> HttpResponse:
    """Add the entries of a CSV file to a list: all rows or none, with every bad row."""
    if not can(request.user, m.WatchlistEntry, ADD):
        raise PermissionDenied
    watchlist = get_object_or_404(m.Watchlist.objects.restrict(request.user, VIEW), pk=pk)
    form = forms.EntryImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"watchlist": watchlist, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                with transaction.atomic():
                    report = services.import_entries(watchlist, text)
                    # The entries written must be ones the user may add; else none are.
                    allowed = m.WatchlistEntry.objects.restrict(request.user, ADD) \
                        .filter(pk__in=report.ids).count()
                    if allowed != len(report.ids):
                        raise PermissionDenied
            except PermissionDenied:
                form.add_error(None, _("You may not add entries to this list."))
                return render(request, "watchlists/import.html", context, status=403)
            if report.ok:
                messages.success(request, _("Imported %(count)s entries.") % {
                    "count": report.written})
                return redirect(watchlist.get_absolute_url())
            context["report"] = report
    status = 400 if request.method == "POST" else 200
    return render(request, "watchlists/import.html", context, status=status)


ALL_VIEWS: tuple[type[ObjectViews], ...] = (WatchlistViews, WatchlistEntryViews, AlertViews)
