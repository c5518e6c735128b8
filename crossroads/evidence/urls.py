from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver

from crossroads.evidence.views import ALL_VIEWS

app_name = "evidence"

#: Page modules under ``crossroads.evidence.pages``, each with its own ``urlpatterns``.
PAGE_MODULES = ("imports", "exports", "keyfigures", "catalogue", "browse")


def page_patterns() -> list[URLPattern | URLResolver]:
    patterns: list[URLPattern | URLResolver] = []
    for name in PAGE_MODULES:
        patterns += import_module(f"crossroads.evidence.pages.{name}").urlpatterns
    return patterns


urlpatterns = [*page_patterns(), *[pattern for views in ALL_VIEWS for pattern in views.urls()]]
