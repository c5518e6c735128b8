from __future__ import annotations

from crossroads.core.api import views
from crossroads.core.api.routers import CrossroadsRouter

app_name = "core-api"

router = CrossroadsRouter()
router.register("changes", views.ObjectChangeViewSet)
router.register("audit-events", views.AuditEventViewSet)
router.register("jobs", views.JobViewSet)
urlpatterns = router.urls
