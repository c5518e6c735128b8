from __future__ import annotations

from django.urls import path

from crossroads.core.api.routers import CrossroadsRouter
from crossroads.protection.api import views

app_name = "protection-api"

router = CrossroadsRouter()
router.register("cases", views.CaseViewSet)
router.register("approvals", views.ApprovalViewSet)
router.register("tasks", views.TaskViewSet)
router.register("notes", views.CaseNoteViewSet)
router.register("consents", views.ConsentViewSet)
router.register("documents", views.CaseDocumentViewSet)
urlpatterns = [path("caseload/", views.CaseloadView.as_view(), name="caseload"),
               *router.urls]
