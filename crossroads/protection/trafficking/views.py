"""Pages of counter-trafficking data: the profiles on the case page, the public release
and the publication of statistics (for data managers holding ``release``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core import jobs
from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.protection import models as m
from crossroads.protection import services as case_services
from crossroads.protection.trafficking import release as releases
from crossroads.protection.trafficking import services
from crossroads.protection.trafficking.forms import ProfileForm, ReleaseForm
from crossroads.protection.views import bad_form, case_for, case_section, report, visible

#: What the release page answers a POST with, by the button pressed.
DOWNLOADS = {"csv": ("text/csv", "csv"), "json": ("application/json", "json"),
             "markdown": ("text/markdown", "md")}


@case_section("protection/trafficking/case_section.html")
def trafficking_section(request: HttpRequest, case: m.Case) -> dict[str, Any] | None:
    """The profiles of a VoT case (or any case with one): shown, and editable with *change*."""
    user = request.user
    if not can(user, m.TraffickingProfile, VIEW):
        return None
    profiles = services.profiles_of_case(user, case)
    if not profiles and not services.is_vot_case(case):
        return None
    editable = services.may_record(user, case) and (
        can(user, m.TraffickingProfile, ADD) or can(user, m.TraffickingProfile, CHANGE))
    by_person = {p.case_person_id: p for p in profiles}
    persons = [(link, case_services.person_label(user, link), by_person.get(link.pk),
                code_labels(by_person.get(link.pk)),
                ProfileForm.for_profile(by_person.get(link.pk), f"p{link.pk}")
                if editable else None)
               for link in visible(m.CasePerson, user, case)]
    return {"persons": persons, "editable": editable, "case": case}


def code_labels(profile: m.TraffickingProfile | None) -> dict[str, str]:
    """Each code list of a profile as the names of its codes, for reading."""
    if profile is None:
        return {}
    return {name: ", ".join(str(dict(vocabulary.choices).get(code, code))
                            for code in getattr(profile, name) or [])
            for name, vocabulary in m.CODE_LISTS.items()}


@login_required
@require_POST
def record(request: HttpRequest, pk: int, person: int) -> HttpResponse:
    """Record or update one person's trafficking profile from the case page."""
    case = case_for(request, pk, CHANGE)
    link = case.casepersons.filter(pk=person).first()
    if link is None:
        raise Http404(_("No such record, or you may not see it."))
    form = ProfileForm(request.POST, prefix=f"p{link.pk}")
    if not form.is_valid():
        bad_form(request, form)
        return redirect(case)
    try:
        services.record_profile(request.user, link, form.profile_data())
        messages.success(request, _("Trafficking profile recorded."))
    except ValidationError as error:
        report(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    return redirect(case)


def require_release(request: HttpRequest) -> None:
    if not services.may_release(request.user):
        raise PermissionDenied(_("You may not release counter-trafficking data."))


@login_required
def release_page(request: HttpRequest) -> HttpResponse:
    """The data manager's page: make a k-anonymous release, read its report, download it."""
    require_release(request)
    defaults = {"k": releases.default_k(), "max_suppression": releases.default_max_suppression()}
    form = ReleaseForm(request.POST or None, initial=defaults)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "protection/trafficking/release.html", context, status=400)
        try:
            made = releases.release_trafficking(request.user, **form.cleaned_data)
        except ValidationError as error:
            report(request, error)
            return render(request, "protection/trafficking/release.html", context, status=400)
        download = request.POST.get("download", "")
        if download in DOWNLOADS:
            return attachment(made, download)
        context.update(made=made, made_report=made.report(),
                       levels=releases.describe_levels(made.report()))
    return render(request, "protection/trafficking/release.html", context)


def attachment(made: releases.TraffickingRelease, kind: str) -> HttpResponse:
    """The release file or its report, as a download."""
    content_type, extension = DOWNLOADS[kind]
    body = {"csv": made.csv, "json": made.report_json, "markdown": made.report_markdown}[kind]()
    name = "trafficking-release" if kind == "csv" else "trafficking-release-report"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    """Publish the yearly counts into the evidence base (a background job)."""
    require_release(request)
    job = jobs.enqueue("protection.trafficking_statistics", request.user)
    messages.success(request, _("Publication of the counter-trafficking statistics started."))
    return redirect(job.get_absolute_url())
