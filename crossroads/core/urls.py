from __future__ import annotations

from django.urls import path

from crossroads.core.views import pages
from crossroads.core.views.records import AuditEventViews, JobViews, ObjectChangeViews

app_name = "core"

urlpatterns = [
    path("search/", pages.search_page, name="search"),
    path("jobs/<uuid:pk>/", pages.job_status, name="job"),
    *[p for p in JobViews.urls() if p.name == "job_list"],
    *ObjectChangeViews.urls(),
    *AuditEventViews.urls(),
]
