"""The URL map: pages per app, the API under /api/v1/, login and language switch."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from crossroads.core.api.root import APIRootView
from crossroads.core.views import pages
from crossroads.users.views import LoginView

api_patterns: list[URLPattern | URLResolver] = [
    path("", APIRootView.as_view(), name="api-root"),
    path("core/", include("crossroads.core.api.urls")),
    path("reference/", include("crossroads.reference.api.urls")),
    path("users/", include("crossroads.users.api.urls")),
    path("evidence/", include("crossroads.evidence.api.urls")),
    path("governance/", include("crossroads.governance.api.urls")),
    path("profiles/", include("crossroads.profiles.api.urls")),
    path("people/", include("crossroads.people.api.urls")),
    path("borders/", include("crossroads.borders.api.urls")),
    path("watchlists/", include("crossroads.watchlists.api.urls")),
    path("protection/", include("crossroads.protection.api.urls")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", pages.healthz, name="healthz"),
    path("", include("crossroads.core.urls")),
    path("reference/", include("crossroads.reference.urls")),
    path("admin/", include("crossroads.users.urls")),
    path("evidence/", include("crossroads.evidence.urls")),
    path("governance/", include("crossroads.governance.urls")),
    path("", include("crossroads.profiles.urls")),
    path("people/", include("crossroads.people.urls")),
    path("borders/", include("crossroads.borders.urls")),
    path("borders/", include("crossroads.watchlists.urls")),
    path("protection/", include("crossroads.protection.urls")),
    path("api/v1/", include(api_patterns)),
]
