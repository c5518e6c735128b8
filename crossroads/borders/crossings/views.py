"""Pages of crossings: the list and detail pages, the officer's capture screen, and the
upload of advance passenger lists.

The capture screen is keyboard-first: the MRZ box has the focus, a scan fills the
traveller's fields (htmx), "check" shows the recognised traveller, watchlist hits and
stay status before anything is saved, and after saving the form is ready for the next
traveller at the same point.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crossroads.borders.crossings import filtersets, forms, services, tables
from crossroads.borders.crossings.screening import describe_hits
from crossroads.borders.models import BorderCrossingPoint, Crossing
from crossroads.core import jobs
from crossroads.core.audit import audit_access
from crossroads.core.models import AuditEvent
from crossroads.core.permissions import ADD, VIEW, can
from crossroads.people.models import Person
from crossroads.people.views import OfPersonViews

SESSION_POINT = "borders.crossings.point"
SESSION_MOVEMENT = "borders.crossings.movement"


class CrossingViews(OfPersonViews):
    model = Crossing
    filterset = filtersets.CrossingFilterSet
    table = tables.CrossingTable
    list_actions = ((gettext_lazy("Record crossings"), "borders:crossing_capture", ADD),
                    (gettext_lazy("Import a passenger list"), "borders:crossing_paxlst", ADD))


def require_add(request: HttpRequest) -> None:
    if not can(request.user, Crossing, ADD):
        raise PermissionDenied(_("You may not record crossings."))


def capture(request: HttpRequest) -> HttpResponse:
    """The capture screen: check, then save or refuse entry."""
    require_add(request)
    if request.method != "POST":
        initial = {"point": request.session.get(SESSION_POINT),
                   "movement": request.session.get(SESSION_MOVEMENT, "entry")}
        return show(request, forms.CaptureForm(initial=initial, user=request.user))
    form = forms.CaptureForm(request.POST, user=request.user)
    step = request.POST.get("action", "check")
    if not form.is_valid():
        return show(request, form, status=400)
    refused = step == "refuse"
    data = form.to_input(refused=refused)
    if step == "check":
        return check_step(request, form, data)
    try:
        result = services.record_crossing(request.user, data)
    except services.CrossingRefused as error:
        form.add_refusal(error)
        return show(request, form, status=400)
    except services.IdempotencyConflict as error:
        form.add_error(None, str(error))
        return show(request, form, status=409)
    remember(request, form)
    messages.success(request, saved_line(result))
    return redirect("borders:crossing_capture")


def check_step(request: HttpRequest, form: forms.CaptureForm,
               data: services.CrossingInput) -> HttpResponse:
    """What would be recorded, shown before saving (nothing is written)."""
    try:
        seen = services.preview(request.user, data)
    except services.CrossingRefused as error:
        form.add_refusal(error)
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "borders/crossings/check.html", {"form": form})
        return show(request, form, status=400)
    context: dict[str, Any] = {"preview": seen, "hits": describe_hits(seen.hits)}
    person = seen.recognition.person
    if person is not None:
        context["person_label"] = str(person)
        if seen.recognition.how != "search":  # the search audits what it finds
            audit_access(Person, [person], AuditEvent.Action.VIEW)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "borders/crossings/check.html", {"form": form, **context})
    return show(request, form, **context)


def show(request: HttpRequest, form: forms.CaptureForm, status: int = 200,
         **context: Any) -> HttpResponse:
    return render(request, "borders/crossings/capture.html",
                  {"form": form, **context}, status=status)


def remember(request: HttpRequest, form: forms.CaptureForm) -> None:
    """The point and movement stay chosen for the next traveller."""
    request.session[SESSION_POINT] = form.cleaned_data["point"].pk
    request.session[SESSION_MOVEMENT] = form.cleaned_data["movement"]


def saved_line(result: services.Result) -> str:
    crossing = result.crossing
    if not result.created:
        return _("Already recorded: %(crossing)s (the same submission arrived twice).") \
            % {"crossing": crossing}
    line = _("Recorded: %(crossing)s, %(person)s.") % {"crossing": crossing,
                                                       "person": crossing.person}
    if result.alerts or result.hits:
        line += " " + _("Watchlist alert raised.")
    for flag in result.flags:
        line += f" {flag.message}"
    return line


@require_POST
def capture_mrz(request: HttpRequest) -> HttpResponse:
    """htmx: the MRZ as scanned fills the traveller's fields, or says what is wrong."""
    from crossroads.borders.mrz import MRZError, parse

    require_add(request)
    data = request.POST.copy()
    context: dict[str, Any] = {}
    try:
        document = parse(data.get("mrz", ""))
    except MRZError as error:
        context["mrz_error"] = error
    else:
        for name, value in document.fields().items():
            data[name] = value.isoformat() if hasattr(value, "isoformat") else (value or "")
        context["document"] = document
    form = forms.CaptureForm(data, user=request.user)
    context["form"] = form
    return render(request, "borders/crossings/traveller.html", context)


def upload_paxlst(request: HttpRequest) -> HttpResponse:
    """Upload an advance passenger list; the import runs as a job."""
    require_add(request)
    form = forms.PaxlstUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        target = Path(settings.MEDIA_ROOT) / "imports" / f"paxlst-{uuid.uuid4()}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        point = form.cleaned_data.get("point")
        job = jobs.enqueue("borders.paxlst", request.user, path=str(target),
                           point=point.pk if point else None,
                           arrived=form.cleaned_data["arrived"],
                           skip_bad=form.cleaned_data["skip_bad"], delete_file=True)
        return redirect(job.get_absolute_url())
    status = 400 if form.is_bound else 200
    points = BorderCrossingPoint.objects.restrict(request.user, VIEW).exists()
    return render(request, "borders/crossings/paxlst.html",
                  {"form": form, "has_points": points}, status=status)
