"""Pages of emergency mode: operations, quick group registration, the protection desk.

Lists and detail pages are the generic ones (every read through ``restrict()``); the
pages that write call :mod:`crossroads.borders.emergencies.services` and check, before
the transaction commits, that what was written is within the user's permission.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crossroads.borders import choices
from crossroads.borders import models as m
from crossroads.borders.emergencies import counts, filtersets, forms, services, tables
from crossroads.core.audit import audit_access, audit_denied
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.core.views.generic import ObjectViews
from crossroads.people.models import Person, PersonName
from crossroads.watchlists.choices import AlertStatus
from crossroads.watchlists.models import Alert

#: Seconds between refreshes of the live counts.
REFRESH_SECONDS = 15


def visible_names(user: Any) -> models.QuerySet[Any]:
    """Names the user may view, for showing persons (others show as an identifier)."""
    return PersonName.objects.restrict(user, VIEW)


class EmergencyOperationViews(ObjectViews):
    model = m.EmergencyOperation
    filterset = filtersets.EmergencyOperationFilterSet
    table = tables.EmergencyOperationTable
    detail_template = "borders/emergencies/operation.html"
    list_actions = ((gettext_lazy("Start an emergency operation"),
                     "borders:emergencyoperation_start", ADD),)

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        user = request.user
        active = obj.status == choices.OperationStatus.ACTIVE
        groups = list(m.ArrivalGroup.objects.restrict(user, VIEW).filter(operation=obj)
                      .annotate(size=Count("arrivals"))[:20])
        audit_access(m.ArrivalGroup, groups, AuditEvent.Action.LIST)
        return {
            **counts_context(obj), "groups": groups,
            "can_register": active and may_register(user),
            "can_end": active and cls.queryset(user, CHANGE).filter(pk=obj.pk).exists(),
        }


class ArrivalGroupViews(ObjectViews):
    model = m.ArrivalGroup
    filterset = filtersets.ArrivalGroupFilterSet
    table = tables.ArrivalGroupTable
    detail_template = "borders/emergencies/group.html"

    @classmethod
    def queryset(cls, user: Any, action: str) -> models.QuerySet[Any]:
        return super().queryset(user, action).select_related("operation__point").annotate(
            size=Count("arrivals"))

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        arrivals = with_flag_text(ArrivalViews.queryset(request.user, VIEW).filter(group=obj))
        audit_access(m.Arrival, arrivals, AuditEvent.Action.LIST)
        return {"arrivals": arrivals, "alerts": open_alerts(request.user, arrivals)}


class ArrivalViews(ObjectViews):
    model = m.Arrival
    filterset = filtersets.ArrivalFilterSet
    table = tables.ArrivalTable
    detail_template = "borders/emergencies/arrival.html"
    list_actions = ((gettext_lazy("Flagged, not yet referred"), "borders:arrival_queue", VIEW),)

    @classmethod
    def queryset(cls, user: Any, action: str) -> models.QuerySet[Any]:
        return super().queryset(user, action).select_related("group__operation__point") \
            .prefetch_related(Prefetch("person__names", queryset=visible_names(user)))

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        user = request.user
        referrals = list(EmergencyReferralViews.queryset(user, VIEW).filter(arrival=obj))
        audit_access(m.EmergencyReferral, referrals, AuditEvent.Action.LIST)
        return {
            "referrals": referrals, "alerts": open_alerts(user, [obj]),
            "flags": [label for code, label in choices.Vulnerability.choices
                      if code in obj.vulnerabilities],
            "can_refer": can(user, m.EmergencyReferral, ADD) and bool(obj.vulnerabilities),
            "can_flag": cls.queryset(user, CHANGE).filter(pk=obj.pk).exists(),
            "person_visible": Person.objects.restrict(user, VIEW).filter(
                pk=obj.person_id).exists(),
            # A receiving organisation sees the arrival, not the group it came with.
            "group_visible": m.ArrivalGroup.objects.restrict(user, VIEW).filter(
                pk=obj.group_id).exists(),
        }


class EmergencyReferralViews(ObjectViews):
    model = m.EmergencyReferral
    filterset = filtersets.EmergencyReferralFilterSet
    table = tables.EmergencyReferralTable
    detail_template = "borders/emergencies/referral.html"

    @classmethod
    def queryset(cls, user: Any, action: str) -> models.QuerySet[Any]:
        return super().queryset(user, action).select_related("arrival__group").prefetch_related(
            Prefetch("arrival__person__names", queryset=visible_names(user)))

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        user = request.user
        may_decide = (obj.status in services.NEXT_STATUSES
                      and getattr(user, "organisation_id", None) == obj.to_organisation_id
                      and cls.queryset(user, CHANGE).filter(pk=obj.pk).exists())
        return {"decision_form": forms.DecisionForm() if may_decide else None,
                "next_statuses": services.NEXT_STATUSES.get(obj.status, ()),
                "arrival_visible": m.Arrival.objects.restrict(user, VIEW).filter(
                    pk=obj.arrival_id).exists()}


ALL_VIEWS: tuple[type[ObjectViews], ...] = (
    EmergencyOperationViews, ArrivalGroupViews, ArrivalViews, EmergencyReferralViews)


def with_flag_text(arrivals: Any) -> list[Any]:
    """Arrivals with their vulnerability flags as people read them (``flag_text``)."""
    found = list(arrivals)
    for arrival in found:
        arrival.flag_text = tables.flag_labels(arrival.vulnerabilities)
    return found


def organisation_of(request: HttpRequest) -> Any:
    """The organisation of the signed-in user (pages that register check it is set)."""
    return getattr(request.user, "organisation", None)


def may_register(user: Any) -> bool:
    """Quick registration writes groups, arrivals and persons: it needs all three."""
    return (getattr(user, "organisation", None) is not None
            and all(can(user, model, ADD) for model in (m.ArrivalGroup, m.Arrival, Person)))


AWAITING = (AlertStatus.OPEN, AlertStatus.ESCALATED)


def open_alerts(user: Any, arrivals: list[Any]) -> list[Any]:
    """Watchlist alerts awaiting a decision for these persons that the user may see."""
    if not arrivals:
        return []
    found = list(Alert.objects.restrict(user, VIEW).filter(
        person__in=[a.person_id for a in arrivals], status__in=AWAITING).select_related("entry"))
    audit_access(Alert, found, AuditEvent.Action.LIST)
    return found


def get_or_404(model: type[models.Model], user: Any, pk: int, action: str,
               queryset: models.QuerySet[Any] | None = None) -> Any:
    """The record if ``restrict()`` allows the action; else 403 (no permission) or 404."""
    if not can(user, model, action):
        audit_denied(model, pk)
        raise PermissionDenied(_("You do not have permission to do this."))
    found = (queryset if queryset is not None
             else model._default_manager.restrict(user, action)).filter(pk=pk).first()  # type: ignore[attr-defined]
    if found is None:
        audit_denied(model, pk)
        raise Http404(_("No such record, or you may not see it."))
    audit_access(model, [found], AuditEvent.Action.VIEW)
    return found



def add_problems(form: Any, error: ValidationError) -> None:
    """A service's refusal shown on the form, on the field it names when the form has it."""
    for name, problems in getattr(error, "message_dict", {"__all__": error.messages}).items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


# Operations ------------------------------------------------------------------------------


def start_operation(request: HttpRequest) -> HttpResponse:
    """Put a crossing point in emergency mode."""
    user = request.user
    organisation = getattr(user, "organisation", None)
    if not can(user, m.EmergencyOperation, ADD) or organisation is None:
        raise PermissionDenied(_("You do not have permission to do this."))
    form = forms.OperationStartForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                operation = services.start_operation(
                    data["point"], data["name"], organisation, data["started_at"],
                    data["description"])
                services.require_within(m.EmergencyOperation, user, operation.pk)
        except ValidationError as error:
            add_problems(form, error)
        except PermissionDenied as denied:
            form.add_error("point", str(denied) or _("You may not start an operation here."))
            return render(request, "borders/emergencies/start.html", {"form": form}, status=403)
        else:
            messages.success(request, _("%(point)s is in emergency mode.") % {
                "point": operation.point})
            return redirect(operation.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "borders/emergencies/start.html", {"form": form}, status=status)


def end_operation(request: HttpRequest, pk: int) -> HttpResponse:
    """End an operation at the time given; the point's status before comes back."""
    operation = get_or_404(m.EmergencyOperation, request.user, pk, CHANGE)
    form = forms.OperationEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_operation(operation, form.cleaned_data["ended_at"])
        except ValidationError as error:
            add_problems(form, error)
        else:
            messages.success(request, _("The operation has ended; %(point)s is back to normal "
                                        "mode.") % {"point": operation.point})
            return redirect(operation.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "borders/emergencies/end.html",
                  {"form": form, "object": operation}, status=status)


def counts_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The live counts alone, for the dashboard's polling (aggregates, no names)."""
    operation = get_or_404(m.EmergencyOperation, request.user, pk, VIEW)
    return render(request, "borders/emergencies/counts.html",
                  {"object": operation, **counts_context(operation)})


def counts_context(operation: Any) -> dict[str, Any]:
    """What the counts panel shows: the counts, and the same as labelled rows."""
    found = counts.operation_counts(operation)
    return {"counts": found, "tables": counts.display_tables(found),
            "refresh": REFRESH_SECONDS}


# Quick registration --------------------------------------------------------------------


def register_group(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a whole family or group at once; all or nothing, a message per row."""
    user = request.user
    operation = get_or_404(m.EmergencyOperation, user, pk, VIEW)
    if not may_register(user):
        raise PermissionDenied(_("You do not have permission to do this."))
    group_form = forms.GroupForm(request.POST or None)
    rows = forms.ArrivalRows(request.POST or None, prefix="people")
    status = 200
    if request.method == "POST":
        status = save_group(request, operation, group_form, rows)
        if status == 302:
            return redirect("borders:emergencyoperation_register", pk=operation.pk)
    context = {"object": operation, "group_form": group_form, "rows": rows,
               "active": operation.status == choices.OperationStatus.ACTIVE}
    return render(request, "borders/emergencies/register.html", context, status=status)


def save_group(request: HttpRequest, operation: Any, group_form: Any, rows: Any) -> int:
    """Check the forms, then the rules, then write; problems go on the rows they concern.

    Returns the HTTP status to answer with: 302 when saved, 400 for bad input, 403 when
    the group would be outside the user's permission (nothing is written then).
    """
    forms_valid = group_form.is_valid() & rows.is_valid()
    filled = rows.filled() if rows.is_bound else []
    if not forms_valid:
        return 400
    if not filled:
        rows.non_form_errors().append(_("Register at least one person."))  # type: ignore[attr-defined]
        return 400
    data = services.GroupInput(
        kind=group_form.cleaned_data["kind"], arrived_at=group_form.cleaned_data["arrived_at"],
        place_of_origin=group_form.cleaned_data["place_of_origin"],
        remarks=group_form.cleaned_data["remarks"], people=[f.as_input() for _n, f in filled])
    try:
        with transaction.atomic():
            registered = services.register_group(operation, data, organisation_of(request))
            services.require_within(m.ArrivalGroup, request.user, registered.group.pk)
            for arrival in registered.arrivals:
                services.require_within(m.Arrival, request.user, arrival.pk)
    except services.GroupProblems as problems:
        show_group_problems(group_form, rows, filled, problems)
        return 400
    except PermissionDenied as denied:
        group_form.add_error(None, str(denied))
        return 403
    for warning in registered.warnings:
        messages.warning(request, warning)
    messages.success(request, _("Registered %(kind)s of %(n)s at %(time)s.") % {
        "kind": registered.group.get_kind_display().lower(), "n": len(registered.arrivals),
        "time": timezone.localtime(registered.group.arrived_at).strftime("%H:%M")})
    return 302


def show_group_problems(group_form: Any, rows: Any, filled: list[tuple[int, Any]],
                        problems: services.GroupProblems) -> None:
    """Put the group's problems on its form and each row's on that row."""
    for name, found in problems.group_problems.items():
        for problem in found:
            group_form.add_error(name if name in group_form.fields else None, problem)
    for number, found in problems.row_problems.items():
        _row, form = filled[number - 1]
        for problem in found:
            form.add_error(None, problem)


# Flags and referrals -------------------------------------------------------------------


def arrival_queue(request: HttpRequest) -> HttpResponse:
    """The protection desk's queue: flagged persons not yet referred (oldest first)."""
    if not can(request.user, m.Arrival, VIEW):
        raise PermissionDenied(_("You do not have permission to do this."))
    waiting = services.awaiting_referral(request.user).prefetch_related(
        Prefetch("person__names", queryset=visible_names(request.user)))
    operation = request.GET.get("operation", "")
    if operation.isdigit():
        waiting = waiting.filter(group__operation_id=int(operation))
    shown = with_flag_text(waiting[:500])
    audit_access(m.Arrival, shown, AuditEvent.Action.LIST)
    return render(request, "borders/emergencies/queue.html", {"arrivals": shown})


def change_flags(request: HttpRequest, pk: int) -> HttpResponse:
    """Flag or unflag vulnerabilities found after registration (same rules)."""
    arrival = get_or_404(m.Arrival, request.user, pk, CHANGE,
                         ArrivalViews.queryset(request.user, CHANGE))
    form = forms.FlagsForm(request.POST or None,
                           initial={"vulnerabilities": arrival.vulnerabilities})
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.change_flags(arrival, form.cleaned_data["vulnerabilities"])
        except ValidationError as error:
            add_problems(form, error)
        else:
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, _("Saved the flags of %(person)s.") % {"person": arrival})
            return redirect(arrival.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "borders/emergencies/flags.html",
                  {"form": form, "object": arrival}, status=status)


def refer(request: HttpRequest, pk: int) -> HttpResponse:
    """Refer a flagged person to a protection actor, with the consent it rests on."""
    user = request.user
    arrival = get_or_404(m.Arrival, user, pk, VIEW, ArrivalViews.queryset(user, VIEW))
    if not can(user, m.EmergencyReferral, ADD):
        raise PermissionDenied(_("You do not have permission to do this."))
    form = forms.ReferralForm(request.POST or None, user=user,
                              initial={"service": suggested_service(arrival)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                referral = services.refer(services.ReferralInput(
                    arrival=arrival, service=data["service"],
                    to_organisation=data["to_organisation"], consent_by=data["consent_by"],
                    reason=data["reason"], consent_at=data["consent_at"]), user)
                services.require_within(m.EmergencyReferral, user, referral.pk)
        except ValidationError as error:
            add_problems(form, error)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            messages.success(request, _("Referred %(person)s to %(organisation)s.") % {
                "person": arrival, "organisation": referral.to_organisation})
            return redirect(arrival.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "borders/emergencies/refer.html",
                  {"form": form, "object": arrival}, status=status)


def suggested_service(arrival: Any) -> str:
    """The service the first flag usually calls for (the officer may choose another)."""
    v, s = choices.Vulnerability, choices.ReferralService
    usual = {v.UNACCOMPANIED_CHILD: s.CHILD_PROTECTION, v.SEPARATED_CHILD: s.FAMILY_TRACING,
             v.PREGNANT: s.MEDICAL, v.MEDICAL_NEED: s.MEDICAL, v.DISABILITY: s.MEDICAL,
             v.OLDER_PERSON: s.SHELTER, v.TRAFFICKING: s.COUNTER_TRAFFICKING,
             v.ASYLUM: s.ASYLUM}
    for flag in arrival.vulnerabilities:
        if flag in usual:
            return str(usual[flag])
    return ""


@require_POST
def decide_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving organisation accepts, declines or completes a referral."""
    referral = get_or_404(m.EmergencyReferral, request.user, pk, CHANGE)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide(referral, request.user, form.cleaned_data["status"],
                            form.cleaned_data["response"])
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _("The referral is now “%(status)s”.") % {
                "status": choices.ReferralStatus(form.cleaned_data["status"]).label})
    else:
        messages.error(request, _("Choose a decision."))
    return redirect(referral.get_absolute_url())


urlpatterns: list[URLPattern] = [
    path("emergency-operations/start/", start_operation, name="emergencyoperation_start"),
    path("emergency-operations/<int:pk>/end/", end_operation, name="emergencyoperation_end"),
    path("emergency-operations/<int:pk>/register/", register_group,
         name="emergencyoperation_register"),
    path("emergency-operations/<int:pk>/counts/", counts_panel,
         name="emergencyoperation_counts"),
    path("arrivals/to-refer/", arrival_queue, name="arrival_queue"),
    path("arrivals/<int:pk>/flags/", change_flags, name="arrival_flags"),
    path("arrivals/<int:pk>/refer/", refer, name="arrival_refer"),
    path("emergency-referrals/<int:pk>/decide/", decide_referral,
         name="emergencyreferral_decide"),
    *[pattern for declared in ALL_VIEWS for pattern in declared.urls()],
]
