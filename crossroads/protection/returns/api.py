"""API endpoints (added to ``/api/v1/protection/`` by ``crossroads.protection.api.urls``)."""

from __future__ import annotations

from django.urls import URLPattern

from crossroads.core.api.routers import CrossroadsRouter


def register(router: CrossroadsRouter) -> None:
    """Register this module's viewsets on the protection API router."""


#: Endpoints that are not viewsets.
urlpatterns: list[URLPattern] = []
