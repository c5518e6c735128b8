"""Pages (included into the ``protection`` namespace by ``crossroads.protection.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from crossroads.protection.trafficking import statistics, views

#: The statistics job must be registered wherever pages are served.
JOBS = (statistics.publish_trafficking_job,)

urlpatterns: list[URLPattern] = [
    path("cases/<int:pk>/trafficking/<int:person>/", views.record, name="trafficking_record"),
    path("trafficking/release/", views.release_page, name="trafficking_release"),
    path("trafficking/publish/", views.publish, name="trafficking_publish"),
]
