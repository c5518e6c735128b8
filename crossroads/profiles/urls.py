"""Working pages under /profiles/, the public repository under /published/."""

from __future__ import annotations

from django.urls import include, path

from crossroads.profiles import views

app_name = "profiles"

working = [
    *[pattern for declared in views.ALL_VIEWS for pattern in declared.urls()],
    path("migration-profiles/<int:pk>/submit/", views.submit, name="profile_submit"),
    path("migration-profiles/<int:pk>/return/", views.return_to_draft, name="profile_return"),
    path("migration-profiles/<int:pk>/approve/", views.approve, name="profile_approve"),
    path("migration-profiles/<int:pk>/new-version/", views.new_version,
         name="profile_new_version"),
    path("migration-profiles/<int:pk>/comment/", views.comment, name="profile_comment"),
    path("migration-profiles/<int:pk>/diff/", views.compare, name="profile_diff"),
]

public = [
    path("", views.repository, name="repository"),
    path("<int:pk>/", views.published, name="published"),
    path("<int:pk>.json", views.published, {"fmt": "json"}, name="profile_json"),
    path("<int:pk>.pdf", views.profile_pdf, name="profile_pdf"),
]

urlpatterns = [
    path("profiles/", include(working)),
    path("published/", include(public)),
]
