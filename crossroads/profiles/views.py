"""Pages of migration profiles: the working pages, the workflow, and the public repository.

The working pages (``/profiles/…``) are the generic record pages with the document
shown on the profile's page. The public repository (``/published/…``) lists the
published editions by area and year with their versions; there, as everywhere,
records are read through ``restrict(user, "view")``, which gives anonymous visitors
the published editions only (``Profile.public_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crossroads.core.permissions import ADD, CHANGE, VIEW, can
from crossroads.core.views.generic import ObjectViews
from crossroads.profiles import diff, filtersets, forms, tables, workflow
from crossroads.profiles import models as m
from crossroads.profiles.choices import ProfileStatus
from crossroads.profiles.document import document, with_charts


class ProfileViews(ObjectViews):
    model = m.Profile
    filterset = filtersets.ProfileFilterSet
    table = tables.ProfileTable
    form = forms.ProfileForm
    detail_template = "profiles/profile.html"

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        """Lists and pages never load the frozen documents and PDFs they do not show."""
        return super().queryset(user, action).defer("snapshot", "pdf")

    @classmethod
    def extra_context(cls, request: HttpRequest, obj: Any) -> dict[str, Any]:
        """The document, the reviews, the other versions and the steps the user may take."""
        user = request.user
        return {
            "doc": with_charts(document(obj, user)),
            "reviews": m.ProfileReview.objects.restrict(user, VIEW).filter(profile=obj)
            .select_related("reviewer"),
            "versions": versions(user, obj),
            "steps": steps(user, obj),
            "comment_form": forms.CommentForm(),
        }


class ProfileReviewViews(ObjectViews):
    model = m.ProfileReview
    filterset = filtersets.ProfileReviewFilterSet
    table = tables.ProfileReviewTable
    form = forms.ProfileReviewForm

    @classmethod
    def queryset(cls, user: Any, action: str) -> QuerySet[Any]:
        return super().queryset(user, action).select_related("profile__area") \
            .defer("profile__snapshot", "profile__pdf")


ALL_VIEWS: tuple[type[ObjectViews], ...] = (ProfileViews, ProfileReviewViews)


def versions(user: Any, profile: m.Profile) -> Any:
    """The editions of the same area, year and language the user may view, newest first."""
    return m.Profile.objects.restrict(user, VIEW).filter(
        area=profile.area, year=profile.year, language=profile.language).order_by("-version")


def steps(user: Any, profile: m.Profile) -> dict[str, bool]:
    """Which workflow buttons to show (the workflow checks again when they are used)."""
    def may(action: str) -> bool:
        return m.Profile.objects.restrict(user, action).filter(pk=profile.pk).exists()

    status = profile.status
    return {
        "edit": status == ProfileStatus.DRAFT and may(CHANGE),
        "submit": status == ProfileStatus.DRAFT and may(CHANGE),
        "review": status == ProfileStatus.IN_REVIEW and may(workflow.APPROVE),
        "comment": status != ProfileStatus.PUBLISHED and can(user, m.ProfileReview, ADD),
        "new_version": status == ProfileStatus.PUBLISHED and can(user, m.Profile, ADD),
    }


def visible_profile(request: HttpRequest, pk: int) -> m.Profile:
    """The profile if the user may view it (anyone, once it is published); else 404."""
    found = m.Profile.objects.restrict(request.user, VIEW).select_related(
        "area", "organisation", "approved_by").filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such profile, or you may not see it."))
    return found


# Workflow steps ------------------------------------------------------------------------------

def workflow_step(request: HttpRequest, pk: int,
                  step: Callable[[m.Profile, Any], m.Profile], done: str) -> HttpResponse:
    profile = visible_profile(request, pk)
    try:
        result = step(profile, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect(profile.get_absolute_url())
    messages.success(request, done)
    return redirect(result.get_absolute_url())


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return workflow_step(request, pk, workflow.submit, _("Sent for review."))


@require_POST
def return_to_draft(request: HttpRequest, pk: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    return workflow_step(request, pk, lambda p, u: workflow.return_to_draft(p, u, comment),
                         _("Returned to the authors."))


@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = request.POST.get("comment", "")
    return workflow_step(request, pk, lambda p, u: workflow.approve(p, u, comment),
                         _("Approved and published."))


@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    return workflow_step(request, pk, workflow.new_version,
                         _("A new version was started as a draft."))


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's comment on a draft or a profile in review."""
    profile = visible_profile(request, pk)
    form = forms.CommentForm(request.POST)
    if not can(request.user, m.ProfileReview, ADD):
        messages.error(request, _("You may not comment on profiles."))
    elif profile.is_published:
        messages.error(request, _("A published profile takes no more comments; comment on a "
                                  "new version."))
    elif not form.is_valid():
        messages.error(request, _("Write a comment first."))
    else:
        m.ProfileReview.objects.create(profile=profile, reviewer=request.user,
                                       comment=form.cleaned_data["comment"])
        messages.success(request, _("Comment added."))
    return redirect(profile.get_absolute_url())


# Documents -------------------------------------------------------------------------------

def profile_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored PDF of a published profile; a draft's is rendered on request."""
    from crossroads.profiles.pdf import render_pdf

    profile = visible_profile(request, pk)
    data = bytes(profile.pdf) if profile.is_published and profile.pdf \
        else render_pdf(document(profile, request.user))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{profile.area.code}-{profile.year}-{profile.language}-v{profile.version}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def published(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    """A profile's document on its own page (public once published), or as JSON: the
    same content either way (``/published/<id>/``, ``/published/<id>.json``)."""
    profile = visible_profile(request, pk)
    if fmt == "json":
        return JsonResponse(document(profile, request.user),
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "profiles/published.html", {
        "profile": profile, "doc": with_charts(document(profile, request.user)),
        "versions": versions(request.user, profile)})


def repository(request: HttpRequest) -> HttpResponse:
    """Every published profile by area and year, newest version first, with older ones."""
    found = m.Profile.objects.restrict(request.user, VIEW) \
        .filter(status=ProfileStatus.PUBLISHED).select_related("area", "organisation") \
        .order_by("area__name", "-year", "language", "-version")
    editions: dict[tuple[str, int, str], list[m.Profile]] = {}
    for profile in found:
        editions.setdefault((profile.area.name, profile.year, profile.language), []) \
            .append(profile)
    return render(request, "profiles/repository.html", {"editions": list(editions.values())})


def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed from another version (``?against=<id>``, default the previous one)."""
    profile = visible_profile(request, pk)
    against_id = request.GET.get("against", "")
    other_pk = int(against_id) if against_id.isdigit() else profile.previous_id
    if other_pk is None:
        raise Http404(_("This is the first version: there is nothing to compare it with."))
    other = visible_profile(request, other_pk)
    if (other.area_id, other.year, other.language) != \
            (profile.area_id, profile.year, profile.language):
        raise Http404(_("Only versions of the same profile can be compared."))
    older, newer = sorted((other, profile), key=lambda p: p.version)
    result = diff.compare(document(older, request.user), document(newer, request.user))
    return render(request, "profiles/diff.html", {
        "profile": profile, "older": older, "newer": newer, "result": result})
