"""Pages of the protection reports: the caseload dashboard, the service-delivery report,
their CSV downloads and the donor export.

Every page shows counts only, of the cases the user may view or count. A viewer of
aggregates only sees small counts as ``<5``; the donor export always does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from crossroads.core.permissions import VIEW, can
from crossroads.protection import services
from crossroads.protection.models import Case
from crossroads.protection.reports import charts, counts, exports, tables
from crossroads.protection.reports.forms import ReportFilterForm

Export = Callable[[list[exports.Line], str], HttpResponse]


def counted_cases(user: Any) -> QuerySet[Case]:
    """The cases ``user`` may count; refused when they may neither view nor count cases."""
    if not (can(user, Case, VIEW) or can(user, Case, services.AGGREGATE)):
        raise PermissionDenied(_("You may not see counts of protection cases."))
    return counts.countable_cases(user)


def filter_form(request: HttpRequest) -> ReportFilterForm:
    """The report's filters from the query string (all cases when there is none)."""
    cases = counted_cases(request.user)
    form = ReportFilterForm(request.GET, cases)
    form.is_valid()
    return form


def exact_for(request: HttpRequest, scope: counts.Scope, by_opening: bool = True) -> bool:
    """Whether the user may view every case counted in ``scope`` (exact counts)."""
    cases = counts.in_scope(counts.countable_cases(request.user), scope, by_opening=by_opening)
    return counts.sees_exact_counts(request.user, cases)


@dataclass(frozen=True)
class Figure:
    """A table with its chart on a page (SVG, empty when nothing is drawn)."""

    table: tables.Table
    svg: str


def figures(found: dict[str, tables.Table], drawings: dict[str, Any]) -> list[Figure]:
    """Tables in page order, each with its chart when it has one."""
    return [Figure(table, charts.svg(drawings.get(key))) for key, table in found.items()]


def query_string(request: HttpRequest) -> str:
    """The current filters, to carry over to the download links."""
    query = request.GET.urlencode()
    return f"?{query}" if query else ""


def download_links(query: str) -> list[tuple[str, str]]:
    """The report downloads offered on the pages, with the current filters."""
    return [(_("Donor export (CSV)"), reverse("protection:report_donor_csv") + query),
            (_("Donor export (XLSX)"), reverse("protection:report_donor_xlsx") + query)]


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    """The caseload dashboard: charts and tables of the cases the user may count, with
    filters, and the overdue tasks of the cases they may view."""
    form = filter_form(request)
    context: dict[str, Any] = {"form": form, "downloads": download_links(query_string(request)),
                               "overdue": services.overdue_tasks(request.user)}
    if form.is_valid():
        scope = form.scope()
        exact = exact_for(request, scope)
        found = counts.caseload(request.user, scope)
        shown = tables.caseload_tables(found, exact)
        context.update(exact=exact, total=found["total"], small_cell=tables.small_cell(),
                       total_shown=tables.protect(found["total"], exact),
                       figures=figures(shown, charts.caseload_charts(shown)))
    return render(request, "protection/caseload.html", context)


def delivery(request: HttpRequest, form: ReportFilterForm) -> tuple[dict[str, Any], bool]:
    """The service-delivery tables for the form's scope, and whether counts are exact."""
    scope = form.scope()
    exact = exact_for(request, scope, by_opening=False)
    found = counts.service_delivery(request.user, scope)
    return {"counts": found, "tables": tables.delivery_tables(found, exact)}, exact


@login_required
def service_delivery(request: HttpRequest) -> HttpResponse:
    """The service-delivery report: referrals, services delivered and persons assisted."""
    form = filter_form(request)
    query = query_string(request)
    context: dict[str, Any] = {"form": form, "downloads": [
        (_("Service delivery (CSV)"), reverse("protection:report_service_delivery_csv") + query),
        *download_links(query)]}
    if form.is_valid():
        found, exact = delivery(request, form)
        total = found["counts"]
        context.update(
            exact=exact, small_cell=tables.small_cell(),
            figures=figures(found["tables"], charts.delivery_charts(found["tables"])),
            services_delivered=tables.protect(total["services_delivered"], exact),
            persons=tables.protect(total["persons"], exact))
    return render(request, "protection/reports/service_delivery.html", context)


def refused_filters(form: ReportFilterForm) -> HttpResponse:
    """A download asked for with bad filters: the reasons, as plain text."""
    reasons = [f"{name}: {message}" for name, messages in form.errors.items()
               for message in messages]
    return HttpResponse("\n".join(reasons), status=400, content_type="text/plain; charset=utf-8")


@login_required
def service_delivery_csv(request: HttpRequest) -> HttpResponse:
    """The service-delivery report as CSV, counts as the page shows them."""
    form = filter_form(request)
    if not form.is_valid():
        return refused_filters(form)
    found, exact = delivery(request, form)
    words = form.describe()
    lines = [*exports.header(_("Service delivery"), words["period"], words["scope"],
                             timezone.localdate(), not exact),
             *exports.count_lines(found["tables"].values())]
    return exports.csv_response(lines, "service-delivery.csv")


def donor_lines(request: HttpRequest, form: ReportFilterForm) -> list[exports.Line]:
    """The donor export: caseload and service delivery, every small count protected."""
    scope = form.scope()
    found = counts.caseload(request.user, scope)
    caseload_lines = exports.count_lines(tables.caseload_tables(found, False).values())
    delivery_lines = exports.count_lines(
        tables.delivery_tables(counts.service_delivery(request.user, scope), False).values())
    words = form.describe()
    return [*exports.header(_("Protection caseload and service delivery"), words["period"],
                            words["scope"], timezone.localdate(), True),
            caseload_lines[0], [_("Cases counted"), "", "", tables.protect(found["total"], False)],
            *caseload_lines[1:], *delivery_lines[1:]]


def donor_export(write: Export, filename: str) -> Callable[[HttpRequest], HttpResponse]:
    """A view giving the donor export in one format."""

    @login_required
    def view(request: HttpRequest) -> HttpResponse:
        form = filter_form(request)
        if not form.is_valid():
            return refused_filters(form)
        return write(donor_lines(request, form), filename)

    view.__doc__ = f"The donor export of aggregates ({filename})."
    return view


donor_csv = donor_export(exports.csv_response, "protection-donor-report.csv")
donor_xlsx = donor_export(exports.xlsx_response, "protection-donor-report.xlsx")
