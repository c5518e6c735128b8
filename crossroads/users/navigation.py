"""Administration pages in the navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from crossroads.core.models import AuditEvent, Job, ObjectChange
from crossroads.core.navigation import MenuItem, register_items
from crossroads.users import models as m

register_items(
    "admin",
    MenuItem(_("Organisations"), "users:organisation_list", m.Organisation),
    MenuItem(_("Users"), "users:user_list", m.User),
    MenuItem(_("Roles"), "users:role_list", m.Role),
    MenuItem(_("Object permissions"), "users:objectpermission_list", m.ObjectPermission),
    MenuItem(_("API tokens"), "users:token_list", m.Token),
    MenuItem(_("Jobs"), "core:job_list", Job),
    MenuItem(_("Change log"), "core:objectchange_list", ObjectChange),
    MenuItem(_("Audit log"), "core:auditevent_list", AuditEvent),
)
