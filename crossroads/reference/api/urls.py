from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.reference.api import views

app_name = "reference-api"

router = CrossroadsRouter()
router.register("countries", views.CountryViewSet)
router.register("regions", views.RegionViewSet)
router.register("admin-areas", views.AdminAreaViewSet)
router.register("offices", views.OfficeViewSet)
router.register("partners", views.PartnerViewSet)
router.register("regional-bodies", views.RegionalBodyViewSet)
router.register("memberships", views.MembershipViewSet)
router.register("frameworks", views.StrategicFrameworkViewSet)
router.register("strategic-objectives", views.StrategicObjectiveViewSet)
router.register("thematic-areas", views.ThematicAreaViewSet)
router.register("thematic-objectives", views.ThematicObjectiveViewSet)
router.register("operational-principles", views.OperationalPrincipleViewSet)
router.register("activities", views.ActivityViewSet)
urlpatterns = router.urls
