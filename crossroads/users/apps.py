from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsersConfig(AppConfig):
    name = "crossroads.users"
    label = "users"
    verbose_name = _("Users and organisations")

    def ready(self) -> None:
        from crossroads.users import navigation  # noqa: F401
        from crossroads.users.api import schema  # noqa: F401
