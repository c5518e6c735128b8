from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.people.api import views

app_name = "people-api"

router = CrossroadsRouter()
router.register("persons", views.PersonViewSet)
router.register("names", views.PersonNameViewSet)
router.register("nationalities", views.NationalityViewSet)
router.register("documents", views.IdentityDocumentViewSet)
router.register("links", views.PersonLinkViewSet)
router.register("possible-duplicates", views.MatchPairViewSet)
router.register("merges", views.MergeViewSet)
urlpatterns = router.urls
