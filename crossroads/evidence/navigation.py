"""Evidence base pages in the navigation (thematic area 1)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.evidence import models as m

register_items(
    "policy",
    MenuItem(_("Key figures"), "evidence:keyfigures", m.Observation),
    MenuItem(_("Browse figures"), "evidence:browse", m.Observation),
    MenuItem(_("Data catalogue"), "evidence:catalogue", m.Observation),
    MenuItem(_("Observations"), "evidence:observation_list", m.Observation),
    MenuItem(_("Indicators"), "evidence:indicator_list", m.Indicator),
    MenuItem(_("Data sources"), "evidence:datasource_list", m.DataSource),
    MenuItem(_("Releases"), "evidence:release_list", m.Release),
    MenuItem(_("Statistical areas"), "evidence:area_list", m.Area),
    MenuItem(_("Crosswalk"), "evidence:areaalias_list", m.AreaAlias),
    MenuItem(_("Import statistics"), "evidence:imports", m.Observation, action="add"),
)
