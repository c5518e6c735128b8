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
    MenuItem(_("Record crossings"), "borders:crossing_capture", m.Crossing, action="add"),
    MenuItem(_("Crossings"), "borders:crossing_list", m.Crossing),
    MenuItem(_("Advance passenger lists"), "borders:crossing_paxlst", m.Crossing,
             action="add"),
    MenuItem(_("Stay rules"), "borders:stayrule_list", m.StayRule),
    MenuItem(_("Current overstayers"), "borders:overstayers", m.Crossing),
    MenuItem(_("Exits without entry"), "borders:exits_without_entry", m.Crossing),
    MenuItem(_("Entries without exit"), "borders:entries_without_exit", m.Crossing),
    MenuItem(_("Emergency operations"), "borders:emergencyoperation_list", m.EmergencyOperation),
    MenuItem(_("Flagged arrivals, not yet referred"), "borders:arrival_queue", m.Arrival),
    MenuItem(_("Emergency referrals"), "borders:emergencyreferral_list", m.EmergencyReferral),
)
