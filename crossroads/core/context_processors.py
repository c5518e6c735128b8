"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from crossroads.core.navigation import SECTIONS


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation sections, with the items this user may see."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    return {
        "nav_sections": [
            {"section": s, "items": s.visible_items(user)} for s in SECTIONS
        ]
    }
