"""Protection in the navigation (thematic area 2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.protection import models as m

register_items(
    "protection",
    MenuItem(_("Cases"), "protection:case_list", m.Case),
    MenuItem(_("Tasks"), "protection:task_list", m.Task),
    MenuItem(_("Caseload"), "protection:caseload", m.Case, action="aggregate"),
)
