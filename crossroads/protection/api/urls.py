from __future__ import annotations

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.protection.api import views
from crossroads.protection.nrm import api as nrm
from crossroads.protection.reports import api as reports
from crossroads.protection.returns import api as returns
from crossroads.protection.trafficking import api as trafficking

PARTS = (nrm, trafficking, returns, reports)

app_name = "protection-api"

router = CrossroadsRouter()
router.register("cases", views.CaseViewSet)
router.register("approvals", views.ApprovalViewSet)
router.register("tasks", views.TaskViewSet)
router.register("notes", views.CaseNoteViewSet)
router.register("consents", views.ConsentViewSet)
router.register("documents", views.CaseDocumentViewSet)
for part in PARTS:
    part.register(router)
urlpatterns = [*[pattern for part in PARTS for pattern in part.urlpatterns],
               *router.urls]
