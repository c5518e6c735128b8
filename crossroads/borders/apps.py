from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BordersConfig(AppConfig):
    name = "crossroads.borders"
    label = "borders"
    verbose_name = _("Border management")

    def ready(self) -> None:
        from crossroads.borders import demo, navigation  # noqa: F401
        from crossroads.borders.crossings import paxlst  # noqa: F401  (registers its job)
