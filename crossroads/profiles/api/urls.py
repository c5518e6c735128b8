from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.profiles.api import views

app_name = "profiles-api"

router = CrossroadsRouter()
router.register("profiles", views.ProfileViewSet)
router.register("reviews", views.ProfileReviewViewSet)
urlpatterns = router.urls
