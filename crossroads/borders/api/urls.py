from __future__ import annotations

from django.urls import path

from crossroads.borders.api import views
from crossroads.borders.crossings.api import CrossingViewSet
from crossroads.borders.emergencies import api as emergency_api
from crossroads.borders.stay_rules import api as stay_rule_api
from crossroads.borders.stay_rules import api_urls as stay_rule_api_urls
from crossroads.core.api.routers import CrossroadsRouter

app_name = "borders-api"

router = CrossroadsRouter()
router.register("crossing-points", views.BorderCrossingPointViewSet)
router.register("crossings", CrossingViewSet)
router.register("emergency-operations", emergency_api.EmergencyOperationViewSet)
router.register("arrival-groups", emergency_api.ArrivalGroupViewSet)
router.register("arrivals", emergency_api.ArrivalViewSet)
router.register("emergency-referrals", emergency_api.EmergencyReferralViewSet)
router.register("stay-rules", stay_rule_api.StayRuleViewSet)
urlpatterns = [path("mrz/", views.MRZView.as_view(), name="mrz"), *router.urls]
urlpatterns += stay_rule_api_urls.urlpatterns
