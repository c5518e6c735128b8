from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "crossroads.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from crossroads.core import lookups, signals

        lookups.register()
        signals.connect()
