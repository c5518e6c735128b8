"""The export endpoint: figures as CSV, XLSX, SDMX-CSV, SDMX-ML or HXL-tagged CSV.

``/evidence/export/?indicator=MIG_STOCK&area=MDA&start=2000&end=2020&format=sdmx-csv``

Parameters: ``indicator`` (required; may repeat), ``area`` (may repeat; regions get
regional aggregates with their coverage; none means every area with data), ``start``
and ``end`` (years), ``sex`` and ``age`` (default the total), ``origin`` (default all
origins), ``breakdown`` (origin, destination, sex or age: one figure per origin…),
``release`` (a vintage; default the current figures) and ``format``. The browse
page's names (``areas``, ``year_from``, ``year_to``) are understood too, so its
query string can be passed on. ``format=sdmx-structure`` needs no other parameter:
it is the structure (codelists, DSD, dataflow) every SDMX export refers to.

Figures are read through the query service (``restrict(user, "view")``, raw and
derived indicators alike) and pass disclosure control before they leave the system.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.urls import path

from crossroads.core.permissions import VIEW, can
from crossroads.evidence.choices import AreaKind, Sex
from crossroads.evidence.exporters.common import Labels
from crossroads.evidence.exporters.formats import FORMATS, ExportFormat
from crossroads.evidence.models import Area, Indicator, Observation
from crossroads.evidence.models.observations import TOTAL_AGE
from crossroads.evidence.services.disclosure import protect_for
from crossroads.evidence.services.query import Reference, UnknownCode, series
from crossroads.evidence.services.values import Value

FIRST_YEAR, LAST_YEAR = 1900, 2100
BREAKDOWNS = ("origin", "destination", "sex", "age")


class BadExport(ValueError):
    """An export request that cannot be answered (the message says why)."""


def year(params: QueryDict, *names: str) -> int | None:
    """A year parameter, under any of its names."""
    for name in names:
        text = params.get(name, "").strip()
        if not text:
            continue
        if not text.isdigit() or len(text) != 4:
            raise BadExport(f"{name} must be a year such as 2015, not {text!r}")
        return int(text)
    return None


@dataclass(frozen=True)
class ExportQuery:
    """A checked export request: indicators, and the arguments of ``series()``."""

    indicators: tuple[str, ...]
    areas: tuple[str, ...]
    years: tuple[int, int] | None
    sex: str
    age: str
    origin: str | None
    breakdown: str | None
    release: str | None

    @classmethod
    def from_params(cls, params: QueryDict) -> ExportQuery:
        indicators = tuple(dict.fromkeys(c for c in params.getlist("indicator") if c))
        if not indicators:
            raise BadExport("give at least one indicator, e.g. ?indicator=MIG_STOCK")
        first, last = year(params, "start", "year_from"), year(params, "end", "year_to")
        breakdown = params.get("breakdown") or None
        if breakdown is not None and breakdown not in BREAKDOWNS:
            raise BadExport(f"breakdown must be one of {', '.join(BREAKDOWNS)}")
        areas = [*params.getlist("area"), *params.getlist("areas")]
        return cls(
            indicators=indicators, areas=tuple(dict.fromkeys(a for a in areas if a)),
            years=None if first is None and last is None else (first or FIRST_YEAR,
                                                               last or LAST_YEAR),
            sex=params.get("sex") or Sex.TOTAL.value, age=params.get("age") or TOTAL_AGE,
            origin=params.get("origin") or None, breakdown=breakdown,
            release=params.get("release") or None,
        )

    def series_arguments(self) -> dict[str, Any]:
        """Keyword arguments of ``series()``: a broken-down dimension is not filtered."""
        return {"areas": list(self.areas) or None, "years": self.years,
                "sex": None if self.breakdown == "sex" else self.sex,
                "age": None if self.breakdown == "age" else self.age,
                "origin": self.origin, "breakdown": self.breakdown, "release": self.release}


def region_members(codes: tuple[str, ...]) -> dict[str, list[str]]:
    """The member areas of each region among ``codes`` (secondary suppression needs them)."""
    regions = Area.objects.filter(code__in=codes, kind=AreaKind.REGION, region__isnull=False)
    return {area.code: sorted(Area.objects.filter(country__regions=area.region_id)
                              .values_list("code", flat=True)) for area in regions}


def collect(user: Any, query: ExportQuery, export_format: ExportFormat) -> list[Value]:
    """The figures to export, as the user may see them (small cells withheld if need be)."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=query.indicators)}
    unknown = [code for code in query.indicators if code not in indicators]
    if unknown:
        raise BadExport(f"unknown indicator {', '.join(unknown)}")
    reference = Reference.load()
    regions = region_members(query.areas) or None
    values: list[Value] = []
    for code in query.indicators:
        try:
            found = series(user, code, reference=reference, **query.series_arguments())
        except (UnknownCode, ValueError) as error:
            raise BadExport(str(error).strip("'\"")) from None
        values += protect_for(user, found, indicators[code], regions=regions)
        if len(values) > export_format.max_rows:
            raise BadExport(f"more than {export_format.max_rows} figures, the most "
                            f"{export_format.label} exports at once; choose fewer areas or years")
    return values


def download(export_format: ExportFormat, values: list[Value], labels: Labels,
             name: str) -> HttpResponse:
    """The rendered file as an attachment."""
    content = export_format.render(values, labels)
    if isinstance(content, str) and export_format.bom:
        content = "\ufeff" + content
    response = HttpResponse(content, content_type=export_format.content_type)
    filename = f"crossroads-{name}.{export_format.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(f"Cannot export: {message}.",
                                  content_type="text/plain; charset=utf-8")


def export(request: HttpRequest) -> HttpResponse:
    """Figures in the format asked for, as a download."""
    if not can(request.user, Observation, VIEW):
        raise PermissionDenied
    name = request.GET.get("format") or "csv"
    export_format = FORMATS.get(name)
    if export_format is None:
        return bad_request(f"unknown format {name!r}; one of {', '.join(FORMATS)}")
    if export_format.complete_labels:
        return download(export_format, [], Labels.everything(), "structure")
    try:
        query = ExportQuery.from_params(request.GET)
        values = collect(request.user, query, export_format)
    except BadExport as error:
        return bad_request(str(error))
    stem = "-".join(query.indicators).lower()[:100]
    return download(export_format, values, Labels.for_values(values), stem)


urlpatterns = [
    path("export/", export, name="export"),
]
