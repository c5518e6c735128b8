from __future__ import annotations

from django.urls import path

from crossroads.governance.views import ALL_VIEWS, compare_assessments

app_name = "governance"

urlpatterns = [
    path("assessments/compare/", compare_assessments, name="selfassessment_compare"),
    *[pattern for views in ALL_VIEWS for pattern in views.urls()],
]
