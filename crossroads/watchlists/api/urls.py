from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.watchlists.api import views

app_name = "watchlists-api"

router = CrossroadsRouter()
router.register("watchlists", views.WatchlistViewSet)
router.register("entries", views.WatchlistEntryViewSet)
router.register("alerts", views.AlertViewSet)
urlpatterns = router.urls
