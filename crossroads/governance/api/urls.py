from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.governance.api import views

app_name = "governance-api"

router = CrossroadsRouter()
router.register("policies", views.PolicyViewSet)
router.register("laws", views.LawViewSet)
router.register("law-reviews", views.LawReviewViewSet)
router.register("instruments", views.InternationalInstrumentViewSet)
router.register("ratifications", views.InstrumentStatusViewSet)
router.register("institutions", views.InstitutionViewSet)
router.register("coordination-mechanisms", views.CoordinationMechanismViewSet)
router.register("meetings", views.MeetingViewSet)
router.register("assessment-indicators", views.AssessmentIndicatorViewSet)
router.register("self-assessments", views.SelfAssessmentViewSet)
router.register("assessment-scores", views.AssessmentScoreViewSet)
urlpatterns = router.urls
