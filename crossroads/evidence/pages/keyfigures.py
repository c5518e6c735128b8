"""The key figures page: a region's or a country's headline numbers for a year.

``/evidence/key-figures/`` shows the framework's region, ``/evidence/key-figures/MDA/``
a country; ``?year=2015`` picks the year and ``?since=2010`` the base year of the
change. The same view serves JSON (``/evidence/key-figures.json``,
``/evidence/key-figures/MDA.json``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from crossroads.core.permissions import VIEW, can
from crossroads.evidence.choices import AreaKind, KosovoConvention
from crossroads.evidence.models import DataSource, Observation
from crossroads.evidence.services.keyfigures import Figure, KeyFigures, Ranking, key_figures
from crossroads.evidence.services.snapshot import Reference, ReleaseInfo, UnknownCode
from crossroads.evidence.services.values import Coverage
from crossroads.reference.models import StrategicFramework


def default_region(ref: Reference) -> str:
    """The code of the framework's region (the first region area if there is none)."""
    code = StrategicFramework.objects.order_by("-period_start") \
        .values_list("region__code", flat=True).first()
    if code and code.upper() in ref.codes:
        return code.upper()
    regions = sorted(a.code for a in ref.areas.values() if a.kind == AreaKind.REGION)
    if not regions:
        raise Http404(_("No region is defined: load the reference data first."))
    return regions[0]


def year_argument(request: HttpRequest, name: str) -> int | None:
    """A year from the query string; anything else is ignored (the default applies)."""
    text = request.GET.get(name, "").strip()
    return int(text) if text.isdigit() and 1000 <= int(text) <= 9999 else None


def key_figures_page(request: HttpRequest, code: str | None = None,
                     fmt: str = "html") -> HttpResponse:
    """Key figures of a region or a country for a year, as HTML or JSON."""
    if not can(request.user, Observation, VIEW):
        raise PermissionDenied
    ref = Reference.load()
    region = default_region(ref)
    try:
        figures = key_figures(request.user, code or region, year=year_argument(request, "year"),
                              since=year_argument(request, "since"), reference=ref)
    except UnknownCode as error:
        raise Http404(str(error)) from None
    if fmt == "json":
        return JsonResponse(as_json(figures), json_dumps_params={"ensure_ascii": False})
    return render(request, "evidence/keyfigures.html", {
        "figures": figures, "areas": navigation(ref, region), "region": ref.codes[region],
        "counted_within_serbia": counted_within_serbia(figures.area.code),
    })


def counted_within_serbia(code: str) -> list[str]:
    """For Kosovo, the sources that count it within Serbia (so they have no figure here)."""
    if code != "XKX":
        return []
    return list(DataSource.objects.filter(kosovo_convention=KosovoConvention.WITHIN_SERBIA)
                .values_list("name", flat=True))


def navigation(ref: Reference, region: str) -> dict[str, Any]:
    """Regions and the default region's members, for the area picker."""
    regions = sorted((a for a in ref.areas.values() if a.kind == AreaKind.REGION),
                     key=lambda a: (a.code != region, str(a)))
    members = [ref.areas[m] for m in ref.members.get(ref.codes[region].pk, ())]
    return {"regions": regions, "countries": sorted(members, key=str)}


def as_json(figures: KeyFigures) -> dict[str, Any]:
    """The key figures as JSON data (the page's ``.json`` variant)."""
    return {
        "area": {"code": figures.area.code, "name": str(figures.area),
                 "is_region": figures.is_region},
        "year": figures.year, "years": figures.years, "since": figures.since,
        "members": [m.code for m in figures.members],
        "sections": [{"title": s.title, "figures": [figure_json(f) for f in s.figures]}
                     for s in figures.sections],
    }


def figure_json(item: Figure | Ranking) -> dict[str, Any]:
    common = {"key": item.key, "label": item.label, "indicator": item.indicator.code,
              "definition": item.indicator.definition, "unit": item.indicator.unit,
              "sources": [source_json(r) for r in item.sources]}
    if isinstance(item, Ranking):
        return {**common, "note": item.note, "rows": [
            {"area": row.area.code, "name": str(row.area), "value": row.value.value,
             "display": row.display, "share": row.share, "releases": list(row.value.releases),
             "coverage": coverage_json(row.value.coverage), "observations": row.link}
            for row in item.rows]}
    value = item.value
    return {**common, "value": value.value if value else None, "display": item.display,
            "period": value.period if value else None,
            "coverage": coverage_json(item.coverage), "observations": item.link,
            "years_with_data": item.years}


def source_json(release: ReleaseInfo) -> dict[str, Any]:
    return {"release": release.code, "title": release.title, "vintage": release.vintage,
            "source": release.source_name, "published": release.published.isoformat()}


def coverage_json(coverage: Coverage | None) -> dict[str, Any] | None:
    if coverage is None:
        return None
    return {"covered": coverage.covered, "members": coverage.members,
            "missing": list(coverage.missing),
            "included_in_others": list(coverage.included_in_others), "text": str(coverage)}


urlpatterns = [
    path("key-figures.json", key_figures_page, {"fmt": "json"}, name="keyfigures_json"),
    path("key-figures/", key_figures_page, name="keyfigures"),
    path("key-figures/<str:code>.json", key_figures_page, {"fmt": "json"},
         name="keyfigures_area_json"),
    path("key-figures/<str:code>/", key_figures_page, name="keyfigures_area"),
]
