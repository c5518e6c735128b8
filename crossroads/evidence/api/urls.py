from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.evidence.api import views

app_name = "evidence-api"

router = CrossroadsRouter()
router.register("data-sources", views.DataSourceViewSet)
router.register("releases", views.ReleaseViewSet)
router.register("indicators", views.IndicatorViewSet)
router.register("areas", views.AreaViewSet)
router.register("crosswalk", views.AreaAliasViewSet)
router.register("observations", views.ObservationViewSet)
urlpatterns = router.urls
