"""Governance register pages in the navigation (thematic area 1, policy)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.navigation import MenuItem, register_items
from crossroads.governance import models as m

register_items(
    "policy",
    MenuItem(_("Policies and strategies"), "governance:policy_list", m.Policy),
    MenuItem(_("Laws and draft laws"), "governance:law_list", m.Law),
    MenuItem(_("International instruments"), "governance:internationalinstrument_list",
             m.InternationalInstrument),
    MenuItem(_("Ratifications"), "governance:instrumentstatus_list", m.InstrumentStatus),
    MenuItem(_("Institutions"), "governance:institution_list", m.Institution),
    MenuItem(_("Coordination mechanisms"), "governance:coordinationmechanism_list",
             m.CoordinationMechanism),
    MenuItem(_("Governance self-assessments"), "governance:selfassessment_list",
             m.SelfAssessment),
)
