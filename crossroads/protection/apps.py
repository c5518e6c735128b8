from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "crossroads.protection"
    label = "protection"
    verbose_name = _("Protection and assistance")

    def ready(self) -> None:
        from crossroads.protection import demo, navigation, retention  # noqa: F401
        from crossroads.protection.nrm import jobs  # noqa: F401
        from crossroads.protection.trafficking import statistics  # noqa: F401
