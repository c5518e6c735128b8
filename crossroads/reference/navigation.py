"""Reference data pages in the navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.reference import models as m

register_items(
    "reference",
    MenuItem(_("Strategic framework"), "reference:framework", m.StrategicFramework),
    MenuItem(_("Countries and territories"), "reference:country_list", m.Country),
    MenuItem(_("Regions"), "reference:region_list", m.Region),
    MenuItem(_("Administrative areas"), "reference:adminarea_list", m.AdminArea),
    MenuItem(_("Offices"), "reference:office_list", m.Office),
    MenuItem(_("Partners"), "reference:partner_list", m.Partner),
    MenuItem(_("Regional processes and organisations"), "reference:regionalbody_list",
             m.RegionalBody),
)
