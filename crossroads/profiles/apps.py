from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "crossroads.profiles"
    label = "profiles"
    verbose_name = _("Migration profiles")

    def ready(self) -> None:
        from crossroads.profiles import demo, navigation  # noqa: F401
