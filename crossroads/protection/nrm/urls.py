"""Pages (included into the ``protection`` namespace by ``crossroads.protection.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
