"""Migration profiles in the navigation (thematic area 1, policy)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.profiles import models as m

register_items(
    "policy",
    MenuItem(_("Migration profiles"), "profiles:profile_list", m.Profile),
    MenuItem(_("Published profiles"), "profiles:repository"),
)
