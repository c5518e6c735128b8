from __future__ import annotations

from django.urls import include, path

from crossroads.protection import exports_views, retention_views, views

app_name = "protection"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("exports/", exports_views.export, name="export"),
    path("cases/<int:pk>/move/", views.move, name="case_move"),
    path("cases/<int:pk>/reopen/", views.reopen, name="case_reopen"),
    path("cases/<int:pk>/approval/", views.request_approval, name="case_request_approval"),
    path("cases/<int:pk>/notes/", views.add_note, name="case_add_note"),
    path("cases/<int:pk>/documents/", views.upload, name="case_upload"),
    path("cases/<int:pk>/persons/", views.add_person, name="case_add_person"),
    path("cases/<int:pk>/consents/", views.record_consent, name="case_record_consent"),
    path("cases/<int:pk>/best-interests/", views.record_best_interests,
         name="case_record_best_interests"),
    path("consents/<int:pk>/withdraw/", views.withdraw_consent, name="consent_withdraw"),
    path("approvals/<int:pk>/decide/", views.decide, name="approval_decide"),
    path("documents/<int:pk>/", views.download, name="document_download"),
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
    *retention_views.RetentionRuleViews.urls(),
    path("", include("crossroads.protection.nrm.urls")),
    path("", include("crossroads.protection.trafficking.urls")),
    path("", include("crossroads.protection.returns.urls")),
    path("", include("crossroads.protection.reports.urls")),
]
