"""Border management in the navigation (thematic area 5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.borders import models as m
from crossroads.core.navigation import MenuItem, register_items

register_items(
    "borders",
    MenuItem(_("Border crossing points"), "borders:bordercrossingpoint_list",
             m.BorderCrossingPoint),
    MenuItem(_("Read a travel document (MRZ)"), "borders:mrz", m.BorderCrossingPoint),
)
