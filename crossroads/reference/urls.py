from __future__ import annotations

from django.urls import path

from crossroads.reference import pages
from crossroads.reference.views import ALL_VIEWS

app_name = "reference"

urlpatterns = [
    path("framework/", pages.framework_page, name="framework"),
    path("administrative-areas/import/", pages.import_admin_areas, name="adminarea_import"),
    *[pattern for views in ALL_VIEWS for pattern in views.urls()],
]
