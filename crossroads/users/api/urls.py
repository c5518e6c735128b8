from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.users.api import views

app_name = "users-api"

router = CrossroadsRouter()
router.register("organisations", views.OrganisationViewSet)
router.register("users", views.UserViewSet)
router.register("roles", views.RoleViewSet)
router.register("permissions", views.ObjectPermissionViewSet)
router.register("tokens", views.TokenViewSet)
urlpatterns = router.urls
