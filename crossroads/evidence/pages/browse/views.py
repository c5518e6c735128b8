"""The browse page: query figures by every dimension, see them charted, download them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from crossroads.core.permissions import VIEW, can
from crossroads.evidence.charts.render import render_svg
from crossroads.evidence.choices import AreaKind
from crossroads.evidence.exporters.common import Labels
from crossroads.evidence.exporters.formats import FORMATS
from crossroads.evidence.models import Area, Observation
from crossroads.evidence.pages.browse.forms import (
    BrowseForm,
    BrowseQuery,
    main_region,
    member_codes,
)
from crossroads.evidence.pages.browse.results import (
    Results,
    area_names,
    build_chart,
    release_sources,
    table_columns,
)
from crossroads.evidence.services.disclosure import protect_for
from crossroads.evidence.services.query import UnknownCode, series
from crossroads.evidence.services.values import Value

#: Downloads the browse page serves itself; the export page offers the exchange formats.
DOWNLOADS = ("csv", "xlsx")
EXCHANGE_FORMATS = (("sdmx-csv", "SDMX-CSV"), ("sdmx-ml", "SDMX-ML"), ("hxl", "HXL"))


def require_view(request: HttpRequest) -> None:
    """Refuse (403) a user who may see no observation at all."""
    if not can(request.user, Observation, VIEW):
        raise PermissionDenied(_("You do not have permission to see observations."))


def bound_form(request: HttpRequest) -> BrowseForm:
    """The form bound to the request's query, or to the default query when it has none."""
    if "indicator" in request.GET:
        return BrowseForm(request.GET)
    data = QueryDict(mutable=True)
    for key, value in BrowseForm.initial_data().items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return BrowseForm(data)


def region_members(codes: tuple[str, ...]) -> dict[str, list[str]]:
    """The member country codes of each region among ``codes`` (for disclosure control)."""
    regions = Area.objects.filter(code__in=codes, kind=AreaKind.REGION, region__isnull=False)
    return {area.code: sorted(Area.objects.filter(country__regions=area.region_id)
                              .values_list("code", flat=True)) for area in regions}


def read_values(request: HttpRequest, query: BrowseQuery) -> list[Value]:
    """The query's figures as the user may see them (small cells withheld if need be)."""
    values = series(request.user, query.indicator.code, **query.series_arguments())
    return protect_for(request.user, values, query.indicator,
                       regions=region_members(query.areas) or None)


def map_countries(query: BrowseQuery) -> list[str]:
    """The countries a map colours: those chosen, else the region's members."""
    chosen = list(Area.objects.filter(code__in=query.areas, kind=AreaKind.COUNTRY)
                  .values_list("code", flat=True))
    return sorted(chosen) or member_codes(main_region())


def results_for(query: BrowseQuery, values: list[Value]) -> Results:
    """The table, sources and chart of a query's figures."""
    names = area_names(values, query.areas)
    results = Results(query, values, names, release_sources(values),
                      columns=table_columns(values))
    build_chart(results, map_countries(query))
    return results


def query_string(form: BrowseForm, **changes: str) -> str:
    """The form's query as a URL query string (shareable), with some parameters changed."""
    data = form.data
    pairs = []
    for key in data:
        if key not in changes:
            values = data.getlist(key) if isinstance(data, QueryDict) else [data[key]]
            pairs += [(key, value) for value in values if value != ""]
    return urlencode(pairs + list(changes.items()))


def download_links(form: BrowseForm) -> list[tuple[str, str]]:
    """(label, URL) of the downloads: CSV and XLSX here, exchange formats on the export page."""
    browse = reverse("evidence:browse")
    links = [(FORMATS[name].label, f"{browse}?{query_string(form, format=name)}")
             for name in DOWNLOADS]
    try:
        export = reverse("evidence:export")
    except NoReverseMatch:  # the export page is not installed
        return links
    return links + [(label, f"{export}?{query_string(form, format=name)}")
                    for name, label in EXCHANGE_FORMATS]


def download(query: BrowseQuery, values: list[Value], name: str) -> HttpResponse:
    """The figures as a CSV or XLSX file (refused when too many for the format)."""
    export = FORMATS[name]
    if len(values) > export.max_rows:
        message = _("%(count)d figures are too many for %(format)s (at most %(limit)d): "
                    "narrow the query.") % {"count": len(values), "format": export.label,
                                            "limit": export.max_rows}
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    body = export.render(values, Labels.for_values(values))
    response = HttpResponse(content_type=export.content_type)
    stamp = timezone.now().strftime("%Y%m%d")
    filename = f"{slugify(query.indicator.code)}-{stamp}.{export.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if export.bom:
        response.write("\ufeff")
    response.write(body)
    return response


def browse(request: HttpRequest) -> HttpResponse:
    """The browse page, its results block (HTMX), or its figures as CSV or XLSX."""
    require_view(request)
    form = bound_form(request)
    context: dict[str, Any] = {"form": form, "results": None, "error": ""}
    if form.is_valid():
        query = form.query()
        try:
            values = read_values(request, query)
        except (UnknownCode, ValueError) as error:
            context["error"] = str(error)
        else:
            if request.GET.get("format") in DOWNLOADS:
                return download(query, values, request.GET["format"])
            results = results_for(query, values)
            context.update(results=results, downloads=download_links(form),
                           chart_svg=render_svg(results.chart) if results.chart else "",
                           chart_url=f"{reverse('evidence:chart')}?{query_string(form)}")
    template = "evidence/browse_results.html" if request.htmx else "evidence/browse.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def chart(request: HttpRequest) -> HttpResponse:
    """The chart of a browse query, as an SVG file (for reports and presentations)."""
    require_view(request)
    form = bound_form(request)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    query = form.query()
    try:
        values = read_values(request, query)
    except (UnknownCode, ValueError) as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    results = results_for(query, values)
    if results.chart is None:
        return HttpResponse(results.chart_note, status=404, content_type="text/plain")
    response = HttpResponse(render_svg(results.chart), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{slugify(query.indicator.code)}.svg"'
    return response
