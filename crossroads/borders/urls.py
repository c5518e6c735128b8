from __future__ import annotations

from django.urls import path

from crossroads.borders import views
from crossroads.borders.crossings.urls import urlpatterns as crossing_urls
from crossroads.borders.emergencies.views import urlpatterns as emergency_urls
from crossroads.borders.stay_rules import urls as stay_rule_urls

app_name = "borders"

urlpatterns = [
    path("mrz/", views.read_mrz, name="mrz"),
    *crossing_urls,
    *emergency_urls,
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
    *stay_rule_urls.urlpatterns,
]
