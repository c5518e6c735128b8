"""The API router of each app."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


class CrossroadsRouter(DefaultRouter):
    """A router whose root lists the app's endpoints; no trailing-slash surprises."""

    include_format_suffixes = False
