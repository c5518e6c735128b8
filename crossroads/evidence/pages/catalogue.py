"""The data catalogue pages: pick an area, then its indicator × year matrix of sources.

``/evidence/catalogue/`` lists the areas; ``/evidence/catalogue/MDA/`` shows one, with
``?stale=5`` (years after which a series is stale), ``?tolerance=1`` (percent beyond
which two sources disagree), ``?from=1990&to=2020`` (columns). Both serve JSON too
(``/evidence/catalogue.json``, ``/evidence/catalogue/MDA.json``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse

from crossroads.core.permissions import VIEW, can
from crossroads.evidence.choices import AreaKind
from crossroads.evidence.models import Observation
from crossroads.evidence.pages.keyfigures import default_region, year_argument
from crossroads.evidence.services.catalogue import STALE_AFTER, TOLERANCE, as_json, catalogue
from crossroads.evidence.services.points import AreaInfo, Reference, UnknownCode


def require_viewer(request: HttpRequest) -> None:
    if not can(request.user, Observation, VIEW):
        raise PermissionDenied


def number_argument(request: HttpRequest, name: str, default: float, limit: float) -> float:
    """A non-negative number from the query string, or the default."""
    try:
        number = float(request.GET.get(name, default))
    except ValueError:
        return default
    return number if 0 <= number <= limit else default


def catalogue_index(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """The areas that have a catalogue: regions first, then countries."""
    require_viewer(request)
    ref = Reference.load()
    region = default_region(ref)
    areas = index_areas(ref, region)
    if fmt == "json":
        return JsonResponse({"areas": [
            {"code": a.code, "name": str(a), "kind": a.kind,
             "url": reverse("evidence:catalogue_area", args=[a.code]),
             "json": reverse("evidence:catalogue_area_json", args=[a.code])}
            for group in areas.values() for a in group]}, json_dumps_params={"ensure_ascii": False})
    return render(request, "evidence/catalogue_index.html", {"areas": areas})


def index_areas(ref: Reference, region: str) -> dict[str, list[AreaInfo]]:
    """The default region and its members, then every other region and country."""
    members = {ref.areas[m] for m in ref.members.get(ref.codes[region].pk, ())}
    regions = sorted((a for a in ref.areas.values() if a.kind == AreaKind.REGION),
                     key=lambda a: (a.code != region, str(a)))
    others = sorted((a for a in ref.areas.values()
                     if a.kind == AreaKind.COUNTRY and a not in members), key=str)
    return {"regions": regions, "members": sorted(members, key=str), "others": others}


def catalogue_page(request: HttpRequest, code: str, fmt: str = "html") -> HttpResponse:
    """One area's matrix of indicators × years, its gaps, stale series and disagreements."""
    require_viewer(request)
    stale = int(number_argument(request, "stale", STALE_AFTER, 100))
    tolerance = number_argument(request, "tolerance", TOLERANCE, 1000)
    try:
        found = catalogue(request.user, code, stale_after=stale, tolerance=tolerance,
                          first_year=year_argument(request, "from"),
                          last_year=year_argument(request, "to"))
    except UnknownCode as error:
        raise Http404(str(error)) from None
    if fmt == "json":
        return JsonResponse(as_json(found), json_dumps_params={"ensure_ascii": False})
    context: dict[str, Any] = {"catalogue": found, "stale": stale, "tolerance": tolerance}
    return render(request, "evidence/catalogue.html", context)


urlpatterns = [
    path("catalogue.json", catalogue_index, {"fmt": "json"}, name="catalogue_json"),
    path("catalogue/", catalogue_index, name="catalogue"),
    path("catalogue/<str:code>.json", catalogue_page, {"fmt": "json"},
         name="catalogue_area_json"),
    path("catalogue/<str:code>/", catalogue_page, name="catalogue_area"),
]
