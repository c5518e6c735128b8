from __future__ import annotations

from django.urls import path

from crossroads.borders import views

app_name = "borders"

urlpatterns = [
    path("mrz/", views.read_mrz, name="mrz"),
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
]
