"""Pages of the shell: home, search, jobs, health."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from crossroads.core.models import Job, ObjectChange
from crossroads.core.navigation import SECTIONS
from crossroads.core.permissions import VIEW, can
from crossroads.core.search import search


def ordered_sections(user: Any) -> list[dict[str, Any]]:
    """Navigation sections, the user's roles' thematic areas first."""
    areas: list[str] = []
    roles = user.roles.all() if hasattr(user, "roles") else []
    for role in roles:
        areas.extend(code for code in role.thematic_areas if code not in areas)
    sections = [
        {"section": s, "items": s.visible_items(user), "mine": s.area in areas}
        for s in SECTIONS if s.area
    ]
    return sorted(sections, key=lambda s: (not s["mine"], s["section"].area))


def home(request: HttpRequest) -> HttpResponse:
    """The home page: the user's areas of work, their jobs and their recent changes."""
    user: Any = request.user
    context = {
        "sections": ordered_sections(user),
        "roles": list(user.roles.all()) if hasattr(user, "roles") else [],
        "jobs": Job.objects.restrict(user, VIEW).filter(user=user)[:5],
        "changes": ObjectChange.objects.restrict(user, VIEW).filter(user=user)
        .select_related("object_type")[:8],
    }
    return render(request, "core/home.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    """Search every kind of record the user may see."""
    query = request.GET.get("q", "")
    hits = search(request.user, query)
    return render(request, "core/search.html", {"query": query, "hits": hits})


def job_status(request: HttpRequest, pk: str) -> HttpResponse:
    """A job's progress: the detail page, or its progress fragment when polled by HTMX."""
    if not can(request.user, Job, VIEW):
        raise Http404
    job = Job.objects.restrict(request.user, VIEW).filter(pk=pk).first()
    if job is None:
        raise Http404(_("No such job, or you may not see it."))
    if request.GET.get("format") == "json":
        return JsonResponse({
            "id": str(job.pk), "name": job.name, "status": job.status, "done": job.progress_done,
            "total": job.progress_total, "percent": job.percent, "message": job.message,
            "result": job.result,
        })
    template = "core/inc/job_progress.html" if request.htmx else "core/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database check for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
