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
    MenuItem(_("Referrals"), "protection:referral_list", m.Referral),
    MenuItem(_("Case transfers"), "protection:transfer_list", m.CaseTransfer),
    MenuItem(_("Service providers"), "protection:provider_list", m.ServiceProvider),
    MenuItem(_("Returns"), "protection:returnapplication_list", m.ReturnApplication),
    MenuItem(_("NRM dashboard"), "protection:nrm_dashboard", m.Case, action="aggregate"),
    MenuItem(_("Service delivery"), "protection:report_service_delivery", m.Case,
             action="aggregate"),
    MenuItem(_("Counter-trafficking release"), "protection:trafficking_release", m.Case,
             action="release"),
    MenuItem(_("Export case data"), "protection:export", m.Case, action="export"),
    MenuItem(_("Retention rules"), "protection:retentionrule_list", m.RetentionRule),
)
