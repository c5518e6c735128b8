"""Pages (included into the ``protection`` namespace by ``crossroads.protection.urls``).

The caseload dashboard keeps its address ``caseload/`` (``crossroads.protection.views``
delegates to :func:`crossroads.protection.reports.views.caseload`)."""

from __future__ import annotations

from django.urls import URLPattern, path

from crossroads.protection.reports import views

urlpatterns: list[URLPattern] = [
    path("reports/service-delivery/", views.service_delivery,
         name="report_service_delivery"),
    path("reports/service-delivery.csv", views.service_delivery_csv,
         name="report_service_delivery_csv"),
    path("reports/donor.csv", views.donor_csv, name="report_donor_csv"),
    path("reports/donor.xlsx", views.donor_xlsx, name="report_donor_xlsx"),
]
