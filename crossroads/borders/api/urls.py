from __future__ import annotations

from django.urls import path

from crossroads.borders.api import views
from crossroads.core.api.routers import CrossroadsRouter

app_name = "borders-api"

router = CrossroadsRouter()
router.register("crossing-points", views.BorderCrossingPointViewSet)
urlpatterns = [path("mrz/", views.MRZView.as_view(), name="mrz"), *router.urls]
